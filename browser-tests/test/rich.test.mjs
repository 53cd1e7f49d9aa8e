// Rich content in a real browser: footnotes appear as sidenotes beside the
// text on wide screens and only as footnotes on narrow ones; math is drawn
// from MathML with no script; a photo comes as the WebP that fits.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { SUITE_DIR } from '../lib/site.mjs';
import { openSite } from '../lib/suite.mjs';

const PAGE = '/posts/footnotes-and-tasks/';

test('sidenotes sit in the margin on wide screens and are hidden on narrow ones', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'workbench'));
  t.after(() => site.close());
  const wide = await site.browser.newPage({ viewport: { width: 1400, height: 900 } });
  t.after(() => wide.close());
  await wide.goto(site.url(PAGE), { waitUntil: 'load' });
  const note = wide.locator('.sidenote').first();
  assert.ok(await note.isVisible(), 'visible on a wide screen');
  const noteBox = await note.boundingBox();
  const textBox = await wide.locator('main .prose').boundingBox();
  assert.ok(noteBox.x >= textBox.x + textBox.width, `beside the text: ${JSON.stringify({ noteBox, textBox })}`);
  assert.ok(noteBox.x + noteBox.width <= 1400, 'inside the window');
  const ref = await wide.locator('.footnote-ref').first().boundingBox();
  assert.ok(Math.abs(noteBox.y - ref.y) < 40, `level with its reference: ${noteBox.y} vs ${ref.y}`);
  assert.ok(await wide.locator('section.footnotes').isVisible(), 'the list stays');

  const narrow = await site.browser.newPage({ viewport: { width: 320, height: 800 } });
  t.after(() => narrow.close());
  await narrow.goto(site.url(PAGE), { waitUntil: 'load' });
  assert.equal(await narrow.locator('.sidenote').first().isVisible(), false, 'hidden on a narrow screen');
  assert.ok(await narrow.locator('section.footnotes').isVisible());
});

test('math is drawn by the browser from MathML', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'workbench'));
  t.after(() => site.close());
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url(PAGE), { waitUntil: 'load' });
  const inline = page.locator('main .prose math:not([display="block"])').first();
  const block = page.locator('main .prose math[display="block"]');
  assert.equal(await block.count(), 1);
  const inlineBox = await inline.boundingBox();
  const blockBox = await block.boundingBox();
  assert.ok(inlineBox.width > 10 && inlineBox.height > 10, `inline math has a size: ${JSON.stringify(inlineBox)}`);
  assert.ok(blockBox.height > inlineBox.height, 'the display formula is taller');
  assert.match(await page.locator('main .prose').textContent(), /cost \$4 each or \$10 for three/);
});

test('the copy button copies the code, without its line numbers', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'workbench'));
  t.after(() => site.close());
  const context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(site.url('/posts/long-lines/'), { waitUntil: 'load' });
  const block = page.locator('main .code-block').first();
  const button = block.getByRole('button', { name: /^Copy the/ });
  await button.waitFor({ timeout: 5000 });
  const expected = await block.locator('pre code').evaluate((code) => code.innerText.replace(/\n$/, ''));
  await button.focus();
  await page.keyboard.press('Enter');
  await block.getByRole('button', { name: /^Copy the/ }).filter({ hasText: 'Copied' }).waitFor({ timeout: 2000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  assert.ok(expected.length > 20, 'some code was copied');
  assert.equal(await block.locator('[role=status]').textContent(), 'Copied to the clipboard');
});

test('a video embed asks nothing of its host until played, then plays in place', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'workbench'));
  t.after(() => site.close());
  const page = await site.browser.newPage();
  t.after(() => page.close());
  const outside = [];
  // Nothing may leave the machine in a test: requests elsewhere are
  // recorded and refused.
  await page.route((url) => !url.href.startsWith(site.url('/')), (route) => {
    outside.push(route.request().url());
    return route.abort();
  });
  await page.goto(site.url('/posts/shortcodes/'), { waitUntil: 'load' });
  assert.deepEqual(outside, [], 'no request to another site while reading');
  assert.equal(await page.locator('main iframe').count(), 0);
  const play = page.getByRole('link', { name: /Play the video “Big Buck Bunny”/ });
  await play.focus();
  // The player's request may come a moment after the frame appears.
  const asked = page.waitForRequest((request) => request.url().startsWith('https://www.youtube-nocookie.com/'));
  await page.keyboard.press('Enter');
  const player = page.locator('main .video-frame iframe');
  await player.waitFor();
  assert.equal(await player.getAttribute('title'), 'Big Buck Bunny');
  assert.match(await player.getAttribute('src'), /^https:\/\/www\.youtube-nocookie\.com\/embed\/aqz-KE-bpKQ\?autoplay=1&start=12$/);
  // Times out (and fails) if the player never asks its host.
  const request = await asked;
  assert.match(request.url(), /^https:\/\/www\.youtube-nocookie\.com\/embed\//, 'the player loads once asked');
  assert.ok(await page.evaluate(() => document.activeElement?.tagName === 'IFRAME'), 'focus moves to the player');
});

test('details open and close from the keyboard', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'workbench'));
  t.after(() => site.close());
  const page = await site.browser.newPage();
  t.after(() => page.close());
  await page.goto(site.url('/posts/shortcodes/'), { waitUntil: 'load' });
  const details = page.locator('main details.details');
  assert.equal(await details.getAttribute('open'), null);
  await details.locator('summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await details.getAttribute('open'), '');
  assert.ok(await details.getByText('Nothing, until it is pressed.').isVisible());
});

test('a photo is offered at several widths and the browser picks a WebP that fits', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'workbench'));
  t.after(() => site.close());
  for (const [width, expected] of [
    [1280, /meadow\.960w\.jpg\.webp$/],
    [360, /meadow\.480w\.jpg\.webp$/],
  ]) {
    const page = await site.browser.newPage({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
    t.after(() => page.close());
    await page.goto(site.url('/posts/field-sketch/'), { waitUntil: 'load' });
    const img = page.locator('main picture img');
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('main picture img')?.complete);
    const shown = await img.evaluate((el) => ({ src: el.currentSrc, natural: el.naturalWidth, box: el.clientWidth }));
    assert.match(shown.src, expected, `at ${width} px: ${JSON.stringify(shown)}`);
    assert.ok(shown.natural >= shown.box, `sharp enough: ${JSON.stringify(shown)}`);
  }
});
