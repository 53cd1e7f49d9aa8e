// The hostile site (tests/fixtures/hostile): every field a writer controls
// holds a payload that calls __pwn(N) if it ever runs, and an <xss-marker>
// element. Chromium visits every page, uses the search box, hover
// previews and the graph, and sees a broken file under `tend serve`; no
// payload may run, and none may be live in the DOM (an element, an event
// handler, a javascript: URL), shadow roots included.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_DIR, tendBin } from '../lib/site.mjs';
import { PAGE_CONCURRENCY, checkWholeSite, openSite } from '../lib/suite.mjs';

const FIXTURE = path.join(REPO_DIR, 'tests', 'fixtures', 'hostile');

/** A page whose __pwn calls, and any dialog, are recorded in `hits`. */
async function guardedPage(browser) {
  const context = await browser.newContext();
  const hits = [];
  await context.exposeFunction('__pwn', (n) => hits.push(`__pwn(${n})`));
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    hits.push(`a dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return { context, page, hits };
}

/** What of a payload is live in the page's DOM, shadow roots included. */
function liveIn(page) {
  return page.evaluate(() => {
    const found = [];
    const urls = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data'];
    const visit = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === 'xss-marker') found.push('an <xss-marker> element');
        for (const a of el.attributes) {
          if (a.name.startsWith('on')) found.push(`<${el.localName} ${a.name}="${a.value}">`);
          if (urls.includes(a.name) && /^\s*javascript:/i.test(a.value)) {
            found.push(`<${el.localName} ${a.name}="${a.value}">`);
          }
        }
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return found;
  });
}

async function assertSafe(page, hits, where) {
  // Failed images fire their error events before `load`; give any
  // late handler a moment too.
  await page.waitForTimeout(100);
  assert.deepEqual(hits, [], `script ran on ${where}`);
  assert.deepEqual(await liveIn(page), [], `a payload is live on ${where}`);
}

test('the hostile site: no payload runs or is live anywhere a reader goes', async (t) => {
  const site = await openSite(FIXTURE);
  t.after(() => site.close());
  assert.ok(site.pages.length >= 10, `the site has its pages: ${site.pages.join(', ')}`);

  await t.test('every page', async () => {
    const { context, page, hits } = await guardedPage(site.browser);
    try {
      for (const url of [...site.pages, ...site.redirects]) {
        await page.goto(site.url(url), { waitUntil: 'load' });
        await assertSafe(page, hits, url);
      }
    } finally {
      await context.close();
    }
  });

  await t.test('the search box, with results made of payloads', async () => {
    const { context, page, hits } = await guardedPage(site.browser);
    try {
      await page.goto(site.url('/'), { waitUntil: 'load' });
      await page.keyboard.press('/');
      const input = page.locator('#search-dialog-input');
      await input.waitFor({ state: 'visible' });
      await input.fill('onerror');
      const results = page.locator('[data-search-results] li');
      await results.first().waitFor({ state: 'visible', timeout: 10_000 });
      assert.ok((await results.count()) >= 2, 'the payloads are found, as text');
      const shown = await page.locator('[data-search-results]').textContent();
      assert.match(shown, /onerror=__pwn/, 'a payload is shown as the text it is');
      await assertSafe(page, hits, 'the search results');
    } finally {
      await context.close();
    }
  });

  await t.test('a hover preview of the page made of payloads', async () => {
    const { context, page, hits } = await guardedPage(site.browser);
    try {
      await page.goto(site.url('/notes/other/'), { waitUntil: 'load' });
      await page.locator('main .prose a[href$="/posts/hostile/"]').hover();
      const preview = page.locator('#tend-preview');
      await preview.waitFor({ state: 'visible', timeout: 5000 });
      assert.match(await preview.textContent(), /onerror=__pwn\(2\)/, 'the title is shown as text');
      await assertSafe(page, hits, 'the hover preview');
    } finally {
      await context.close();
    }
  });

  await t.test('the graph, its labels made of payloads', async () => {
    const { context, page, hits } = await guardedPage(site.browser);
    try {
      await page.goto(site.url('/graph/'), { waitUntil: 'load' });
      const labels = await page.locator('svg.graph').textContent();
      assert.match(labels, /onerror=__pwn\(1\)/, 'a file name is a label, as text');
      await page.locator('svg.graph a').first().hover();
      await assertSafe(page, hits, 'the graph');
    } finally {
      await context.close();
    }
  });
});

test('tend serve: a broken file made of payloads shows the overlay, and nothing runs', async (t) => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'tend-hostile-'));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const root = path.join(tmp, 'site');
  await cp(FIXTURE, root, { recursive: true });
  const child = spawn(tendBin(), ['serve', '--root', root, '--port', '0'], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(() => child.kill('SIGTERM'));
  let log = '';
  child.stderr.setEncoding('utf8');
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tend serve printed no URL:\n${log}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`tend serve exited (${code}):\n${log}`)));
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const found = /serving (http:\/\/\S+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
  const { launch } = await import('../lib/browser.mjs');
  const browser = await launch();
  t.after(() => browser.close());
  const { page, hits } = await guardedPage(browser);
  await page.goto(new URL('notes/other/', url).href, { waitUntil: 'load' });
  const payload = '<img src=x onerror=__pwn(50)><xss-marker></xss-marker>"><svg onload=__pwn(50)>';
  // Unclosed brackets: YAML that cannot be read, on a line of payloads.
  await writeFile(path.join(root, 'content', 'notes', 'other.md'), `---\ntitle: [${payload}\n---\n\n${payload}\n`);
  const overlay = page.locator('tend-serve-overlay');
  await overlay.waitFor({ state: 'attached', timeout: 20_000 });
  const shown = await overlay.evaluate((el) => el.shadowRoot.textContent);
  assert.match(shown, /onerror=__pwn\(50\)/, `the overlay shows the broken line as text:\n${shown}`);
  await assertSafe(page, hits, 'the error overlay');
});

// With the writer's HTML shown as text, every payload is text: the pages
// must pass every check (axe, layout at 320 px, headings, keyboard) with
// it in every title, heading, tag and label.
test('the hostile site, its HTML shown as text, passes every quality check', { concurrency: PAGE_CONCURRENCY }, async (t) => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'tend-hostile-'));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const root = path.join(tmp, 'hostile');
  await cp(FIXTURE, root, { recursive: true });
  const config = await readFile(path.join(root, 'tend.toml'), 'utf8');
  await writeFile(path.join(root, 'tend.toml'), config.replace('raw_html = "sanitize"', 'raw_html = "escape"'));
  await checkWholeSite(t, 'hostile (escaped)', root);
});
