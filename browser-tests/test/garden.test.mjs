// The garden's optional script: hover previews of linked pages (the
// workbench site turns them on) and zoom on the graph drawing.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_DIR, SUITE_DIR } from '../lib/site.mjs';
import { openSite } from '../lib/suite.mjs';

test('pointing at a link shows a preview of the linked page', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'workbench'));
  t.after(() => site.close());
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/notes/callouts-and-links/'), { waitUntil: 'load' });
  const link = page.locator('main .prose a[href$="/"]:not(.tag)').first();
  assert.ok((await link.count()) > 0, 'the note links to another page');
  const title = await link.evaluate(async (a) => {
    const html = await (await fetch(a.href)).text();
    return new DOMParser().parseFromString(html, 'text/html').querySelector('main h1').textContent.trim();
  });
  await link.hover();
  const preview = page.locator('#tend-preview');
  await preview.waitFor({ state: 'visible', timeout: 5000 });
  assert.equal(await preview.locator('strong').textContent(), title);
  assert.equal(await link.getAttribute('aria-describedby'), 'tend-preview');
  await page.keyboard.press('Escape');
  await preview.waitFor({ state: 'hidden', timeout: 2000 });
});

test('the graph drawing zooms with the wheel', async (t) => {
  const site = await openSite(path.join(REPO_DIR, 'examples', 'garden'));
  t.after(() => site.close());
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/graph/'), { waitUntil: 'load' });
  const svg = page.locator('svg.graph');
  const before = await svg.getAttribute('viewBox');
  const box = await svg.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction((b) => document.querySelector('svg.graph').getAttribute('viewBox') !== b, before);
  const after = await svg.getAttribute('viewBox');
  assert.ok(Number(after.split(' ')[2]) < Number(before.split(' ')[2]), `zoomed in: ${before} → ${after}`);
});

test('the graph stays readable on a phone: labels at 12 px or more, the drawing scrolls in its own box', async (t) => {
  const site = await openSite(path.join(REPO_DIR, 'examples', 'garden'));
  t.after(() => site.close());
  const context = await site.browser.newContext({ viewport: { width: 320, height: 800 } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(site.url('/graph/'), { waitUntil: 'load' });
  const shown = await page.evaluate(() => {
    const heights = [...document.querySelectorAll('svg.graph text')].map((t) => t.getBoundingClientRect().height);
    const figure = document.querySelector('.graph-figure');
    return {
      labels: heights.length,
      smallest: Math.min(...heights),
      pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
      figureScrolls: figure.scrollWidth > figure.clientWidth,
    };
  });
  assert.ok(shown.labels > 0, 'the drawing has labels');
  assert.ok(shown.smallest >= 12, `the smallest label is ${shown.smallest.toFixed(1)} px high`);
  assert.equal(shown.pageScrolls, false, 'the page does not scroll sideways');
  assert.equal(shown.figureScrolls, true, 'the drawing scrolls inside its box');
  await page.screenshot({ path: path.join(SUITE_DIR, 'artifacts', 'screenshots', 'graph-320.png'), fullPage: false });
});
