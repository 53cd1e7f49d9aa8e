// The light/dark toggle: without JavaScript the system's setting decides;
// with it, the header's button switches the scheme (code colours too),
// the choice is kept from page to page, and the chosen scheme passes axe
// whatever the system's setting.

import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { checkAxe, formatProblems } from '../lib/checks.mjs';
import { REPO_DIR } from '../lib/site.mjs';
import { openSite } from '../lib/suite.mjs';

const LIGHT = 'rgb(253, 252, 248)';
const DARK = 'rgb(22, 23, 20)';
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const codeColour = (page) =>
  page.evaluate(() => getComputedStyle(document.querySelector('pre code [class*="hl-"]')).color);

test('the light/dark toggle', async (t) => {
  // The example garden with the toggle turned on (it is off by default).
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'tend-scheme-'));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const root = path.join(tmp, 'garden');
  await cp(path.join(REPO_DIR, 'examples', 'garden'), root, { recursive: true });
  const config = await readFile(path.join(root, 'tend.toml'), 'utf8').catch(() => '');
  await writeFile(path.join(root, 'tend.toml'), `${config}\n[theme]\ntoggle = true\n`);
  const site = await openSite(root);
  t.after(() => site.close());
  const essay = site.url('/posts/small-tools/');

  await t.test('switches the scheme, code colours included, and keeps the choice', async () => {
    const context = await site.browser.newContext({ colorScheme: 'light' });
    try {
      const page = await context.newPage();
      await page.goto(essay, { waitUntil: 'load' });
      const button = page.locator('.site-nav button.scheme-toggle');
      assert.equal(await button.getAttribute('aria-pressed'), 'false');
      assert.equal(await background(page), LIGHT);
      const lightCode = await codeColour(page);
      await button.click();
      assert.equal(await button.getAttribute('aria-pressed'), 'true');
      assert.equal(await background(page), DARK);
      assert.notEqual(await codeColour(page), lightCode, 'the code follows the scheme');
      // Another page, and the choice holds from its first frame.
      await page.goto(site.url('/'), { waitUntil: 'commit' });
      await page.waitForSelector('body');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.scheme), 'dark');
      await page.waitForLoadState('load');
      assert.equal(await background(page), DARK);
      // The chosen scheme passes axe while the system says light.
      const problems = await checkAxe(page, site.url('/'), { schemes: ['light'] });
      assert.equal(problems.length, 0, formatProblems(problems));
      // And back.
      await page.locator('.site-nav button.scheme-toggle').click();
      assert.equal(await background(page), LIGHT);
    } finally {
      await context.close();
    }
  });

  await t.test('a reader who chose light on a dark system keeps light', async () => {
    const context = await site.browser.newContext({ colorScheme: 'dark' });
    try {
      const page = await context.newPage();
      await page.goto(essay, { waitUntil: 'load' });
      assert.equal(await background(page), DARK);
      const button = page.locator('.site-nav button.scheme-toggle');
      assert.equal(await button.getAttribute('aria-pressed'), 'true');
      await button.click();
      assert.equal(await background(page), LIGHT);
      await page.reload({ waitUntil: 'load' });
      assert.equal(await background(page), LIGHT);
      const problems = await checkAxe(page, essay, { schemes: ['dark'] });
      assert.equal(problems.length, 0, formatProblems(problems));
    } finally {
      await context.close();
    }
  });

  await t.test('without JavaScript the system decides, and there is no button', async () => {
    for (const [scheme, colour] of [
      ['light', LIGHT],
      ['dark', DARK],
    ]) {
      const context = await site.browser.newContext({ colorScheme: scheme, javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.goto(essay, { waitUntil: 'load' });
        assert.equal(await background(page), colour, scheme);
        assert.equal(await page.locator('.scheme-toggle').isVisible(), false, 'no button to press');
      } finally {
        await context.close();
      }
    }
  });
});
