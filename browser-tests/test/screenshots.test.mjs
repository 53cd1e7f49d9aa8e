// Full-page screenshots of four pages of the example site, in light, dark
// and mobile views, for people to look at (CI keeps artifacts/). They are
// not compared with anything; the test only checks that each was written.

import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_DIR, SUITE_DIR } from '../lib/site.mjs';
import { openSite } from '../lib/suite.mjs';

const OUT = process.env.SCREENSHOT_DIR
  ? path.resolve(process.env.SCREENSHOT_DIR)
  : path.join(SUITE_DIR, 'artifacts', 'screenshots');

const PAGES = [
  { name: 'essay', path: '/posts/i-stepped-away/' },
  { name: 'home', path: '/' },
  { name: 'note', path: '/notes/feedback-loops/' },
  { name: 'search', path: '/search/?q=garden', ready: '.search-excerpt mark' },
];

const VIEWS = [
  { name: 'light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  { name: 'mobile', viewport: { width: 375, height: 800 }, colorScheme: 'light', isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
];

test('screenshots of the example site', async (t) => {
  await mkdir(OUT, { recursive: true });
  const site = await openSite(path.join(REPO_DIR, 'examples', 'garden'));
  t.after(() => site.close());
  for (const view of VIEWS) {
    const { name, ...options } = view;
    const context = await site.browser.newContext(options);
    try {
      for (const p of PAGES) {
        await t.test(`${p.name} (${p.path}), ${name}`, async () => {
          const pagePath = p.path.split('?')[0];
          assert.ok(site.pages.includes(pagePath), `${pagePath} is not a page of the example site`);
          const page = await context.newPage();
          await page.goto(site.url(p.path), { waitUntil: 'load' });
          if (p.ready) await page.locator(p.ready).first().waitFor({ timeout: 5000 });
          // Load lazy images before the full-page capture.
          await page.evaluate(async () => {
            for (const img of document.images) img.loading = 'eager';
            await Promise.all([...document.images].map((img) => img.decode().catch(() => {})));
          });
          const file = path.join(OUT, `${p.name}-${name}.png`);
          await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
          await page.close();
          assert.ok((await stat(file)).size > 1000, `${file} is empty`);
        });
      }
    } finally {
      await context.close();
    }
  }
  t.diagnostic(`screenshots in ${path.relative(process.cwd(), OUT) || OUT}`);
});
