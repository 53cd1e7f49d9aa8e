// Obsidian bases (the vault fixture's Garden index.base, embedded in its
// ideas folder's page): the views are drawn at build time, pass axe in
// light and dark at 320 px, and a wide table scrolls inside its own
// region rather than the page.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { checkAxe } from '../lib/checks.mjs';
import { SUITE_DIR } from '../lib/site.mjs';
import { assertNoProblems, openSite } from '../lib/suite.mjs';

test('a base page and an embedded base read on a phone and pass axe', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'vault'));
  t.after(() => site.close());
  const problems = [];
  const narrow = await site.browser.newContext({ viewport: { width: 320, height: 800 } });
  t.after(() => narrow.close());
  const page = await narrow.newPage();
  for (const url of ['/garden-index/', '/ideas/']) {
    await page.goto(site.url(url), { waitUntil: 'load' });
    const shown = await page.evaluate(() => ({
      sideways: document.documentElement.scrollWidth > window.innerWidth,
      views: [...document.querySelectorAll('.base-view')].length,
      rows: [...document.querySelectorAll('.base-table tbody tr')].map((tr) => tr.cells[0].textContent),
      region: document.querySelector('.base-scroll')?.getAttribute('aria-label'),
    }));
    assert.equal(shown.sideways, false, `${url}: nothing scrolls sideways at 320 px`);
    assert.equal(shown.views, 3, `${url}: every view is drawn`);
    assert.deepEqual(shown.rows, ['Deep idea', 'index', 'Small idea'], url);
    assert.equal(shown.region, 'Every idea', `${url}: the table's region is named by its view`);
    problems.push(...(await checkAxe(page, `${url} at 320 px`)));
  }
  // The table region is a Tab stop, so a keyboard can scroll it.
  await page.goto(site.url('/garden-index/'), { waitUntil: 'load' });
  assert.equal(await page.$eval('.base-scroll', (el) => el.tabIndex), 0);
  assertNoProblems(problems, 'axe on bases');
});
