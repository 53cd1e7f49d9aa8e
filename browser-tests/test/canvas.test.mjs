// Obsidian boards (the vault fixture's maps/Garden map.canvas, embedded in
// its Reading list): zoom and pan by keyboard, buttons and dragging; the
// list a reader asks for and the one a phone shows; axe in light and dark
// at 320 px and in the list view.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { checkAxe } from '../lib/checks.mjs';
import { SUITE_DIR } from '../lib/site.mjs';
import { assertNoProblems, openSite } from '../lib/suite.mjs';

const BOARD = '/maps/garden-map/';

test('a board zooms and pans by keyboard, buttons and dragging', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'vault'));
  t.after(() => site.close());
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(site.url(BOARD), { waitUntil: 'load' });
  const state = () =>
    page.evaluate(() => {
      const board = document.querySelector('.canvas-board');
      const plane = board.querySelector('.canvas-plane');
      return { zoom: Number(getComputedStyle(plane).zoom), left: board.scrollLeft, top: board.scrollTop };
    });
  assert.equal((await state()).zoom, 1, 'a board opens at its own size');

  // Reached by Tab like any scrolling region, then + - 0 and the arrows.
  await page.focus('.canvas-board');
  await page.keyboard.press('+');
  assert.equal((await state()).zoom, 1.25, '+ zooms in');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  assert.equal((await state()).zoom, 0.8, '- zooms out');
  await page.keyboard.press('0');
  assert.equal((await state()).zoom, 1, '0 is the board at its own size');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const before = await state();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(
    ({ left, top }) => {
      const board = document.querySelector('.canvas-board');
      return board.scrollLeft > left && board.scrollTop > top;
    },
    before,
  );

  // The buttons say what they do, in words a screen reader reads.
  const labels = await page.$$eval('.canvas-zoom button', (buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(labels, ['Zoom out', 'Zoom in', 'Fit the board']);
  await page.click('.canvas-zoom button[aria-label="Fit the board"]');
  const fitted = await page.evaluate(() => {
    const board = document.querySelector('.canvas-board');
    return board.scrollHeight <= board.clientHeight + 1 && board.scrollWidth <= board.clientWidth + 1;
  });
  assert.ok(fitted, 'Fit shows the whole board');
  await page.click('.canvas-zoom button[aria-label="Zoom in"]');
  await page.click('.canvas-zoom button[aria-label="Zoom in"]');
  await page.click('.canvas-zoom button[aria-label="Zoom in"]');

  // Dragging the background pans.
  const from = await page.evaluate(() => {
    const board = document.querySelector('.canvas-board');
    board.scrollLeft = 200;
    board.scrollTop = 200;
    const box = board.getBoundingClientRect();
    for (let y = box.top + 10; y < box.bottom - 10; y += 10) {
      for (let x = box.left + 10; x < box.right - 10; x += 10) {
        const hit = document.elementFromPoint(x, y);
        if (hit && board.contains(hit) && !hit.closest('.canvas-node-body, a, button')) return { x, y };
      }
    }
    return null;
  });
  assert.ok(from, 'the board has background to drag');
  const start = await state();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 40, { steps: 4 });
  await page.mouse.up();
  const dragged = await state();
  assert.deepEqual([dragged.left, dragged.top], [start.left - 60, start.top - 40], 'dragging pans');
});

test('a board reads as a list when asked and on a phone, and passes axe in every view', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'vault'));
  t.after(() => site.close());
  const problems = [];
  const positions = (page) =>
    page.$$eval('.canvas-node, .canvas-group', (nodes) => [...new Set(nodes.map((n) => getComputedStyle(n).position))]);

  const wide = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => wide.close());
  const page = await wide.newPage();
  await page.goto(site.url(BOARD), { waitUntil: 'load' });
  assert.deepEqual(await positions(page), ['absolute'], 'a board where there is room');
  problems.push(...(await checkAxe(page, BOARD)));
  await page.click('text=Read as a list');
  assert.equal(new URL(page.url()).hash, '#canvas-list');
  assert.deepEqual(await positions(page), ['static'], 'the list when asked');
  assert.ok(await page.isVisible('.canvas-connections'), 'the connections are read in the list');
  problems.push(...(await checkAxe(page, `${BOARD}#canvas-list`)));
  await page.click('text=Show as a board');
  assert.deepEqual(await positions(page), ['absolute'], 'and the board again');

  for (const javaScriptEnabled of [true, false]) {
    const narrow = await site.browser.newContext({ viewport: { width: 320, height: 800 }, javaScriptEnabled });
    t.after(() => narrow.close());
    const phone = await narrow.newPage();
    await phone.goto(site.url(BOARD), { waitUntil: 'load' });
    assert.deepEqual(await positions(phone), ['static'], 'a list on a phone');
    const sideways = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(sideways, false, 'nothing scrolls sideways at 320 px');
    const texts = await phone.$$eval('.canvas-connections li', (items) => items.map((li) => li.textContent));
    assert.ok(texts.includes('Why a map → Deep idea: starts at'), texts.join('\n'));
    if (javaScriptEnabled) problems.push(...(await checkAxe(phone, `${BOARD} at 320 px`)));
  }

  // The board embedded in a note, in light and dark.
  await page.goto(site.url('/reading-list/'), { waitUntil: 'load' });
  assert.ok(await page.isVisible('.canvas-embed .canvas-board'), 'the embedded board is shown');
  problems.push(...(await checkAxe(page, '/reading-list/')));
  assertNoProblems(problems, 'axe on boards');
});
