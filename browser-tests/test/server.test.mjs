// The servers: the suite's own test server (content types, folder URLs,
// 404s, and no way out of the served folder), and `tend serve`'s live
// reload in a real browser (only the page an edit changed reloads).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch } from '../lib/browser.mjs';
import { contentType, serve } from '../lib/server.mjs';
import { tendBin } from '../lib/site.mjs';

let dir;
let server;

before(async () => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'tend-server-'));
  dir = path.join(tmp, 'site');
  await mkdir(path.join(dir, 'posts', 'a'), { recursive: true });
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(path.join(dir, '404.html'), '<!doctype html><title>not found</title>');
  await writeFile(path.join(dir, 'posts', 'a', 'index.html'), '<!doctype html><title>a</title>');
  await writeFile(path.join(dir, 'style.1234abcd.css'), 'body{}');
  await writeFile(path.join(dir, 'pic.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(tmp, 'secret.txt'), 'outside');
  server = await serve(dir);
});

after(async () => {
  await server?.close();
  await rm(path.dirname(dir), { recursive: true, force: true });
});

const get = (p, init) => fetch(new URL(p, server.url), { redirect: 'manual', ...init });

test('listens on loopback only', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('serves index.html for folders, with the right content type', async () => {
  const res = await get('/posts/a/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(await res.text(), /<title>a<\/title>/);
});

test('redirects a folder URL without its trailing slash', async () => {
  const res = await get('/posts/a');
  assert.equal(res.status, 301);
  assert.equal(res.headers.get('location'), '/posts/a/');
});

test('content types', async () => {
  assert.equal((await get('/style.1234abcd.css')).headers.get('content-type'), 'text/css; charset=utf-8');
  assert.equal((await get('/pic.svg')).headers.get('content-type'), 'image/svg+xml');
  assert.equal(contentType('feed.xml'), 'application/xml; charset=utf-8');
  assert.equal(contentType('feed.json'), 'application/json; charset=utf-8');
  assert.equal(contentType('photo.JPG'), 'image/jpeg');
});

test("missing files get the site's 404.html with status 404", async () => {
  const res = await get('/no/such/page/');
  assert.equal(res.status, 404);
  assert.match(await res.text(), /not found/);
});

test('never serves a file outside the folder', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/posts/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
    const res = await get(p);
    assert.equal(res.status, 404, p);
    assert.doesNotMatch(await res.text(), /outside/, p);
  }
});

/**
 * Starts `tend serve` on the site at `root` (any free loopback port) and
 * resolves to { url, stop() } once it prints its URL.
 */
function tendServe(root) {
  const child = spawn(tendBin(), ['serve', '--root', root, '--port', '0'], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tend serve printed no URL:\n${log}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`tend serve exited (${code}):\n${log}`)));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const found = /serving (http:\/\/\S+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve({ url: found[1], stop, log: () => log });
      }
    });
  });
}

/** Resolves once `ready` resolves true, asking every 50 ms (at most 20 s). */
async function until(ready, what) {
  const deadline = Date.now() + 20_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`waited in vain: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const bodyOf = async (url) => (await fetch(url)).text();

/** Resolves once the live-reload version served with `url` changes. */
async function untilNewVersion(url) {
  const version = async () => /data-version="([^"]*)"/.exec(await bodyOf(url))?.[1];
  const first = await version();
  assert.ok(first, `${url} carries no live-reload version`);
  await until(async () => (await version()) !== first, `a build after the first at ${url}`);
}

/**
 * A site of two notes, alpha and beta, served, and a browser, both gone
 * when the test `t` ends.
 */
async function twoNotes(t) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tend-live-'));
  await mkdir(path.join(root, 'content', 'notes'), { recursive: true });
  await writeFile(path.join(root, 'tend.toml'), 'title = "Live reload"\n');
  await writeFile(path.join(root, 'content', 'notes', 'alpha.md'), note('Alpha', 'Alpha grows slowly.'));
  await writeFile(path.join(root, 'content', 'notes', 'beta.md'), note('Beta', 'Beta stands alone.'));
  const server = await tendServe(root);
  const browser = await launch();
  t.after(async () => {
    await browser.close();
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });
  return { root, server, browser };
}

const note = (title, text) => `---\ntitle: ${title}\n---\n\n${text}\n`;

test('tend serve reloads only the pages an edit changed', async (t) => {
  const { root, server, browser } = await twoNotes(t);
  // The search index and social cards catch up at the first quiet moment,
  // a build of its own, which changes every page's card. Wait for it, so
  // this test sees only the builds its edits make (what a page that missed
  // a build does is the next test's).
  await untilNewVersion(new URL('/notes/beta/', server.url).href);

  // Each page open, listening for builds, with a marker a reload would lose.
  const open = async (p) => {
    const page = await browser.newPage();
    const listening = page.waitForResponse((r) => new URL(r.url()).pathname === '/__tend/events');
    await page.goto(new URL(p, server.url).href);
    await listening;
    await page.evaluate(() => {
      window.marker = 'kept';
    });
    return page;
  };
  const alpha = await open('/notes/alpha/');
  const beta = await open('/notes/beta/');
  const marker = (page) => page.evaluate(() => window.marker ?? null);

  const alphaReloaded = alpha.waitForEvent('load', { timeout: 20_000 });
  await writeFile(path.join(root, 'content', 'notes', 'alpha.md'), note('Alpha', 'Alpha grows quickly now.'));
  await alphaReloaded;
  assert.match(await alpha.textContent('main'), /Alpha grows quickly now/);
  assert.equal(await marker(alpha), null, 'the edited page reloaded');
  // The same event reached beta; give it time to (wrongly) reload, and
  // the search index time to catch up (1.5 s after the last save): a page
  // opened before that build and connected after it reloads at once, as
  // it should, which made the next step race it.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  assert.equal(await marker(beta), 'kept', `the other page kept its state\n${server.log()}`);

  // A missing page reloads when a note takes its address.
  const gamma = await open('/notes/gamma/');
  assert.match(await gamma.title(), /not found/i);
  const gammaReloaded = gamma.waitForEvent('load', { timeout: 20_000 });
  await writeFile(path.join(root, 'content', 'notes', 'gamma.md'), note('Gamma', 'Gamma arrives late.'));
  await gammaReloaded;
  assert.match(await gamma.textContent('main'), /Gamma arrives late/);

  // Beta was listening all along: its own edit reloads it.
  const betaReloaded = beta.waitForEvent('load', { timeout: 20_000 });
  await writeFile(path.join(root, 'content', 'notes', 'beta.md'), note('Beta', 'Beta has company now.'));
  await betaReloaded;
  assert.match(await beta.textContent('main'), /Beta has company now/);
  assert.equal(await marker(beta), null);
});

test('a page that missed a build reloads only if the build changed it', async (t) => {
  const { root, server, browser } = await twoNotes(t);
  // The page loads, but its live-reload stream is held back until `edit`
  // has been built: the page misses that build.
  const missing = async (edit, text) => {
    const page = await browser.newPage();
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    await page.route('**/__tend/events*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(new URL('/notes/beta/', server.url).href);
    await page.evaluate(() => {
      window.marker = 'kept';
    });
    await edit();
    const url = new URL(text.path, server.url).href;
    await until(async () => text.pattern.test(await bodyOf(url)), `${url} to match ${text.pattern}`);
    const listening = page.waitForResponse((r) => new URL(r.url()).pathname === '/__tend/events');
    release();
    await listening;
    return page;
  };
  const alphaEdited = () =>
    writeFile(path.join(root, 'content', 'notes', 'alpha.md'), note('Alpha', 'Alpha grows quickly now.'));
  const beta = await missing(alphaEdited, { path: '/notes/alpha/', pattern: /Alpha grows quickly now/ });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(await beta.evaluate(() => window.marker ?? null), 'kept', `only alpha changed\n${server.log()}`);

  const betaEdited = () =>
    writeFile(path.join(root, 'content', 'notes', 'beta.md'), note('Beta', 'Beta has company now.'));
  const stale = await missing(betaEdited, { path: '/notes/beta/', pattern: /Beta has company now/ });
  await stale.waitForFunction(() => document.querySelector('main')?.textContent.includes('Beta has company now'), null, {
    timeout: 20_000,
  });
  assert.equal(await stale.evaluate(() => window.marker ?? null), null, 'the page reloaded');
});
