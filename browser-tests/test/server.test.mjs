// The test server itself: content types, folder URLs, 404s, and no way out
// of the served folder.

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { contentType, serve } from '../lib/server.mjs';

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
