// Shared test scaffolding: build a site, serve it, open Chromium, and run
// every check on every page as node:test subtests.

import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { checkRedirect, formatProblems, inspectPage } from './checks.mjs';
import { buildSite, pagesOf } from './site.mjs';
import { serve } from './server.mjs';
import { splitKnown } from './known-issues.mjs';

/** Pages of one site checked at the same time (each check has its own browser context). */
export const PAGE_CONCURRENCY = Math.max(1, Number(process.env.PAGE_CONCURRENCY || 2));

/**
 * Builds and serves the site at `root`, launches Chromium, and resolves to
 * { output, server, browser, pages, redirects, url(path), close() }. With
 * `browser`, uses that Chromium instead of launching one (and leaves it open).
 */
export async function openSite(root, { browser: shared } = {}) {
  const built = await buildSite(root);
  let server;
  let browser;
  try {
    server = await serve(built.output);
    browser = shared ?? (await launch());
    const { pages, redirects } = await pagesOf(built.output);
    return {
      ...built,
      server,
      browser,
      pages,
      redirects,
      url: (path) => new URL(path.replace(/^\//, ''), server.url).href,
      close: async () => {
        if (!shared) await browser?.close();
        await server?.close();
        await built.cleanup();
      },
    };
  } catch (err) {
    if (!shared) await browser?.close();
    await server?.close();
    await built.cleanup();
    throw err;
  }
}

/** Fails the test with a readable list when `problems` is not empty. */
export function assertNoProblems(problems, what) {
  if (problems.length) {
    const err = new assert.AssertionError({
      message: `${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${formatProblems(problems)}`,
    });
    err.stack = err.message; // the list says it all; the stack would only bury it
    throw err;
  }
}

/**
 * Defines, inside test context `t`, one subtest per page of the site at
 * `root` and one sub-subtest per check. `siteName` names the site for the
 * known-issues list.
 */
export async function checkWholeSite(t, siteName, root) {
  const site = await openSite(root);
  t.after(() => site.close());
  assert.ok(site.pages.length > 0, `${siteName} built no pages`);
  t.diagnostic(`${siteName}: ${site.pages.length} pages${site.redirects.length ? `, ${site.redirects.length} redirects` : ''}`);

  const pageTests = site.pages.map((path) =>
    t.test(path, { concurrency: 1 }, async (pt) => {
      const results = await inspectPage(site.browser, site.url(path));
      for (const [name, problems] of Object.entries(results)) {
        const { real, known } = splitKnown(siteName, path, problems);
        await pt.test(name, () => assertNoProblems(real, `${name} on ${path}`));
        for (const k of known) {
          // Shown as TODO with the problems listed, not counted as a failure.
          await pt.test(`${name}: known issue ${k.issue.id}`, { todo: k.issue.reason }, (kt) => {
            kt.diagnostic(`known issue ${k.issue.id} on ${path}:\n${formatProblems(k.problems)}`);
          });
        }
      }
    }),
  );
  const redirectTests = site.redirects.map((path) =>
    t.test(`${path} (alias)`, async () => {
      assertNoProblems(await checkRedirect(site.browser, site.url(path)), `redirect ${path}`);
    }),
  );
  await Promise.all([...pageTests, ...redirectTests]);
  return site;
}
