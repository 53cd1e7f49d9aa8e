// Full-text search: the search page and the dialog ("/" or Ctrl-K) find a
// note by a word only it contains; only the index files a query needs are
// downloaded; it works under a sub-path base URL; without JavaScript the
// search page says search is unavailable.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { launch } from '../lib/browser.mjs';
import { checkAxe, formatProblems } from '../lib/checks.mjs';
import { serve } from '../lib/server.mjs';
import { REPO_DIR, SUITE_DIR, tendBin } from '../lib/site.mjs';
import { openSite } from '../lib/suite.mjs';

const run = promisify(execFile);
const EXAMPLE = path.join(REPO_DIR, 'examples', 'garden');

/** Builds the example site under /blog/ of a local server. */
async function openUnderBlog(t) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'tend-search-'));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const www = path.join(tmp, 'www');
  await run(tendBin(), [
    'build', '--root', EXAMPLE, '--output', path.join(www, 'blog'), '--base-url', 'https://example.org/blog/',
  ]);
  const server = await serve(www);
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => browser.close());
  return { server, browser, url: (p) => new URL(p.replace(/^\//, ''), server.url).href };
}

const firstResult = (page) => page.locator('[data-search-results] li .search-title a').first();

test('the search page finds the one note holding a word, first, under a sub-path', async (t) => {
  const site = await openUnderBlog(t);
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/blog/search/'), { waitUntil: 'load' });
  const before = site.server.requests.length;
  await page.getByLabel('Search this site').fill('sourdough');
  await page.getByRole('button', { name: 'Search' }).click();
  await firstResult(page).waitFor({ timeout: 5000 });
  assert.equal(await firstResult(page).getAttribute('href'), '/blog/posts/reading-slowly/');
  assert.equal(await page.locator('[data-search-results] li').count(), 1);
  assert.match(await page.locator('[data-search-status]').textContent(), /^1 page matches/);
  // The excerpt shows the word, marked.
  const mark = page.locator('[data-search-results] .search-excerpt mark').first();
  await mark.waitFor({ timeout: 5000 });
  assert.match((await mark.textContent()).toLowerCase(), /sourdough/);
  // Only the files this query needs: meta, the word's shard, one page list.
  const fetched = site.server.requests.slice(before).map((r) => r.url.split('?')[0]);
  const index = fetched.filter((u) => u.startsWith('/blog/search/') && u.endsWith('.json'));
  assert.deepEqual(index.sort(), ['/blog/search/meta.json', '/blog/search/pages/0.json', '/blog/search/terms/so.json']);
  // The query is kept in the address, so the results can be shared.
  assert.match(page.url(), /\?q=sourdough$/);
});

test('an excerpt reads as the text does: no footnote number stuck to a word', async (t) => {
  const site = await openUnderBlog(t);
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/blog/search/?q=binge'), { waitUntil: 'load' });
  const excerpt = page.locator('[data-search-results] .search-excerpt').first();
  await excerpt.locator('mark').first().waitFor({ timeout: 5000 });
  const text = await excerpt.textContent();
  assert.match(text, /binge reading\. /i);
  assert.doesNotMatch(text, /reading\.1/);
});

test('?q= in the address runs the search; a word in no page says so', async (t) => {
  const site = await openUnderBlog(t);
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/blog/search/?q=vocabulary'), { waitUntil: 'load' });
  await firstResult(page).waitFor({ timeout: 5000 });
  assert.equal(await firstResult(page).getAttribute('href'), '/blog/notes/spaced-repetition/');
  assert.equal(await page.locator('[data-search-results] .search-section').first().textContent(), 'Notes');
  await page.getByLabel('Search this site').fill('xylophonist');
  await page.getByLabel('Search this site').press('Enter');
  await page.locator('[data-search-status]', { hasText: 'No pages match' }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator('[data-search-results] li').count(), 0);
});

test('"/" and Ctrl-K open the search dialog on any page; Escape closes it', async (t) => {
  const site = await openUnderBlog(t);
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/blog/'), { waitUntil: 'load' });
  const dialog = page.locator('#search-dialog');
  assert.equal(await dialog.isVisible(), false);
  await page.keyboard.press('/');
  await dialog.waitFor({ state: 'visible', timeout: 2000 });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-dialog-input');
  await page.keyboard.type('sourd');
  await firstResult(page).waitFor({ timeout: 5000 });
  assert.equal(await firstResult(page).getAttribute('href'), '/blog/posts/reading-slowly/');
  // The open dialog, results and all, passes axe in both schemes.
  await page.locator('.search-excerpt mark').first().waitFor({ timeout: 5000 });
  const problems = await checkAxe(page, page.url());
  assert.equal(problems.length, 0, formatProblems(problems));
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden', timeout: 2000 });
  await page.keyboard.press('Control+k');
  await dialog.waitFor({ state: 'visible', timeout: 2000 });
  await page.keyboard.press('Escape');
  // Following a result goes to the page.
  await page.getByRole('link', { name: /^Search/ }).click();
  await dialog.waitFor({ state: 'visible', timeout: 2000 });
  assert.equal(await page.locator('#search-dialog-input').inputValue(), 'sourd', 'the last query is kept');
  await page.keyboard.type('vocabulary');
  const result = page.locator('#search-dialog [data-search-results] a[href="/blog/notes/spaced-repetition/"]');
  await result.waitFor({ timeout: 5000 });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '/blog/notes/spaced-repetition/');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/blog\/notes\/spaced-repetition\/$/, { timeout: 5000 });
});

test('the "/" hint is shown where there is a keyboard, not on touch screens', async (t) => {
  const site = await openUnderBlog(t);
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/blog/'), { waitUntil: 'load' });
  assert.equal(await page.locator('.search-link kbd').isVisible(), true);
  const touch = await site.browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
  t.after(() => touch.close());
  const phone = await touch.newPage();
  await phone.goto(site.url('/blog/'), { waitUntil: 'load' });
  assert.equal(await phone.locator('.search-link').isVisible(), true, 'the link itself stays');
  assert.equal(await phone.locator('.search-link kbd').isVisible(), false);
});

test('without JavaScript the search page says search is unavailable', async (t) => {
  const site = await openUnderBlog(t);
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(site.url('/blog/search/'), { waitUntil: 'load' });
  const note = page.locator('.search-unavailable');
  assert.ok(await note.isVisible(), 'the note is shown');
  assert.match(await note.textContent(), /Search is unavailable without JavaScript/);
  // The header's link still leads to the search page.
  await page.goto(site.url('/blog/'), { waitUntil: 'load' });
  assert.equal(await page.getByRole('link', { name: /^Search/ }).getAttribute('href'), '/blog/search/');
});

test('a Japanese site finds a note by two characters side by side and a word without its accent, in Japanese', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'japanese'));
  t.after(() => site.close());
  const page = await site.browser.newPage();
  t.after(() => page.close());
  // Japanese has no spaces: the index keeps pairs of characters, so two
  // characters find the notes that hold them side by side.
  await page.goto(site.url('/search/?q=喫茶'), { waitUntil: 'load' });
  await firstResult(page).waitFor({ timeout: 5000 });
  assert.equal(await firstResult(page).getAttribute('href'), '/notes/coffee/');
  const mark = page.locator('[data-search-results] .search-excerpt mark').first();
  await mark.waitFor({ timeout: 5000 });
  assert.equal(await mark.textContent(), '喫茶');
  // The status is in Japanese, with the count written as the language does.
  assert.match(await page.locator('[data-search-status]').textContent(), /^2件/);
  // "CAFE" finds "café", and the excerpt marks it as written.
  await page.getByLabel('サイト内を検索').fill('CAFE');
  await page.getByRole('button', { name: '検索' }).click();
  await page.locator('[data-search-results] .search-excerpt mark', { hasText: 'café' }).waitFor({ timeout: 5000 });
  assert.equal(await firstResult(page).getAttribute('href'), '/notes/coffee/');
  assert.equal(await page.locator('[data-search-results] li').count(), 1);
});
