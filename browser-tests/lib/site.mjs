// Building a site with the tend binary into a temp folder, and listing its
// pages as URLs.

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** browser-tests/ */
export const SUITE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const REPO_DIR = path.resolve(SUITE_DIR, '..');

/** The tend binary: $TEND_BIN, else ../target/release/tend (relative to browser-tests/). */
export function tendBin() {
  const bin = process.env.TEND_BIN
    ? path.resolve(SUITE_DIR, process.env.TEND_BIN)
    : path.join(REPO_DIR, 'target', 'release', 'tend');
  if (!existsSync(bin)) {
    throw new Error(
      `tend binary not found at ${bin}: run \`cargo build --release\` or set TEND_BIN`,
    );
  }
  return bin;
}

/** Site folders directly under `dir` (each has a content/ folder), sorted. */
export async function sitesIn(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    // A site has content/, or is an Obsidian vault that is itself the content.
    .filter((e) => e.isDirectory()
      && (existsSync(path.join(dir, e.name, 'content')) || existsSync(path.join(dir, e.name, '.obsidian'))))
    .map((e) => ({ name: e.name, root: path.join(dir, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Builds the site at `root` into a fresh temp folder (never into the site
 * itself). Resolves to { output, log, cleanup() }.
 */
export async function buildSite(root) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'tend-browser-'));
  const output = path.join(tmp, 'public');
  let result;
  try {
    result = await run(tendBin(), ['build', '--root', root, '--output', output], {
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(
      `tend build --root ${root} failed (exit ${err.code}):\n${err.stderr || ''}${err.stdout || ''}`,
    );
  }
  return {
    output,
    log: `${result.stdout}${result.stderr}`,
    cleanup: () => rm(tmp, { recursive: true, force: true }),
  };
}

async function walk(dir, rel = '') {
  const out = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(dir, r)));
    else out.push(r);
  }
  return out;
}

/** True when the HTML redirects at once (an alias page): the browser never shows it. */
export function isRedirectPage(html) {
  return /<meta\s[^>]*http-equiv=["']?refresh["']?[^>]*content=["']?0\s*[;,]/i.test(html);
}

/**
 * Every .html page of a built site, as URL paths ("/", "/posts/x/",
 * "/404.html"), sorted. Alias redirect pages are returned separately.
 */
export async function pagesOf(output) {
  const pages = [];
  const redirects = [];
  for (const file of await walk(output)) {
    if (!file.endsWith('.html')) continue;
    let url;
    if (file === 'index.html') url = '/';
    else if (file.endsWith('/index.html')) url = '/' + file.slice(0, -'index.html'.length);
    else url = '/' + file;
    url = url.split('/').map(encodeURIComponent).join('/');
    const html = await readFile(path.join(output, file), 'utf8');
    (isRedirectPage(html) ? redirects : pages).push(url);
  }
  const order = (a, b) => a.localeCompare(b);
  return { pages: pages.sort(order), redirects: redirects.sort(order) };
}
