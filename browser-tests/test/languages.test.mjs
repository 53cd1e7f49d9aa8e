// Pages in a language written right to left (Arabic) and in one with no
// italics (Japanese): the page mirrors, code stays left to right, and the
// theme's italic lines stand upright.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { SUITE_DIR } from '../lib/site.mjs';
import { openSite } from '../lib/suite.mjs';

test('an Arabic page is laid out right to left, with its code left to right and nothing slanted', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'arabic'));
  t.after(() => site.close());
  const page = await site.browser.newPage({ viewport: { width: 1000, height: 800 } });
  t.after(() => page.close());
  await page.goto(site.url('/notes/the-soil/'), { waitUntil: 'load' });
  const facts = await page.evaluate(() => {
    const title = document.querySelector('main h1').getBoundingClientRect();
    const main = document.querySelector('main').getBoundingClientRect();
    return {
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      // The title starts at the right edge of the column.
      titleRightGap: Math.round(main.right - title.right),
      code: getComputedStyle(document.querySelector('main pre')).direction,
      closing: getComputedStyle(document.querySelector('.series-closing')).fontStyle,
    };
  });
  assert.deepEqual(facts, { dir: 'rtl', direction: 'rtl', titleRightGap: 0, code: 'ltr', closing: 'normal' });
  // The skip link shows at the start of the line: the right.
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { right: r.right > innerWidth / 2, text: document.activeElement.textContent };
  });
  assert.equal(skip.right, true, `the skip link "${skip.text}" is on the left`);
});

test('a Japanese page does not slant its lede', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'japanese'));
  t.after(() => site.close());
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/'), { waitUntil: 'load' });
  assert.equal(await page.locator('.lede').evaluate((e) => getComputedStyle(e).fontStyle), 'normal');
});

test('a page of a site in three languages offers its translations, each in its own language', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'multilingual'));
  t.after(() => site.close());
  const page = await site.browser.newPage({ viewport: { width: 1000, height: 800 } });
  t.after(() => page.close());
  await page.goto(site.url('/fr/posts/soil/'), { waitUntil: 'load' });
  const switcher = page.getByRole('navigation', { name: 'Langues' });
  const links = await switcher.getByRole('link').evaluateAll((all) =>
    all.map((a) => [a.textContent, a.lang, a.getAttribute('aria-current')]),
  );
  assert.deepEqual(links, [
    ['English', 'en', null],
    ['Français', 'fr', 'page'],
    ['العربية', 'ar', null],
  ]);
  // Reached by keyboard, before the site's menu.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'English');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/posts/soil/');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  // The Arabic version reads right to left; its link to a note only
  // English has leads to the English note.
  await page.goto(site.url('/ar/posts/soil/'), { waitUntil: 'load' });
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  await page.locator('main a', { hasText: 'Compost' }).first().click();
  await page.waitForURL((url) => url.pathname === '/posts/compost/');
  // A note no other language has offers no switcher.
  assert.equal(await page.locator('nav.languages').count(), 0);
});

test('each language searches its own notes', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'multilingual'));
  t.after(() => site.close());
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/fr/search/'), { waitUntil: 'load' });
  await page.getByLabel('Rechercher sur ce site').fill('compost');
  const results = page.locator('[data-search-results] li .search-title a');
  await results.first().waitFor();
  // The French note that speaks of compost, not the English one.
  assert.deepEqual(await results.evaluateAll((all) => all.map((a) => a.getAttribute('href'))), ['/fr/posts/soil/']);
});
