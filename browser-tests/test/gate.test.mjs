// A test of the gate itself: the same check functions, run on sites that are
// broken on purpose, must report the problems. If a check stopped finding
// anything (a typo in a selector, axe not injected, a listener never
// attached), the site tests would pass vacuously; this file would fail.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch } from '../lib/browser.mjs';
import { formatProblems, inspectPage } from '../lib/checks.mjs';
import { SUITE_DIR, sitesIn } from '../lib/site.mjs';
import { openSite } from '../lib/suite.mjs';

const BROKEN_DIR = path.join(SUITE_DIR, 'broken-fixtures');

/**
 * For each broken site: the page to check, the problems each check must
 * report ("check:id"), and the checks that must stay clean there (so the
 * page fails for the reason it was built for, not another one).
 */
const EXPECTATIONS = {
  'missing-alt': {
    path: '/picture/',
    report: { axe: ['axe-light:image-alt', 'axe-dark:image-alt'] },
    clean: ['health', 'layout'],
  },
  'low-contrast': {
    path: '/faint/',
    report: { axe: ['axe-light:color-contrast', 'axe-dark:color-contrast'] },
    clean: ['health', 'layout'],
  },
  'wide-element': {
    path: '/wide/',
    report: { layout: ['layout:overflow'] },
    clean: ['axe', 'health'],
  },
  'late-content': {
    path: '/jumpy/',
    report: { health: ['health:layout-shift'] },
    clean: ['axe', 'layout'],
  },
  'noisy-page': {
    path: '/noisy/',
    report: { health: ['health:console-error', 'health:page-error', 'health:bad-status'] },
    clean: ['layout'],
  },
  'dead-skip-link': {
    path: '/page/',
    report: { keyboard: ['skip-link:focus-not-moved'] },
    clean: ['axe', 'headings', 'layout', 'no-js', 'health'],
  },
  'broken-theme': {
    path: '/page-one/',
    report: {
      keyboard: ['skip-link:not-first', 'focus-visible:no-focus-ring'],
      headings: ['headings:h1-count', 'headings:no-id', 'headings:anchor-href', 'headings:anchor-label', 'headings:anchor-text', 'headings:no-anchor'],
      'no-js': ['no-js:main-hidden'],
    },
    clean: [],
  },
};

const sites = await sitesIn(BROKEN_DIR);
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('every broken fixture has expectations, and every expectation a fixture', () => {
  assert.deepEqual(
    sites.map((s) => s.name).sort(),
    Object.keys(EXPECTATIONS).sort(),
  );
});

for (const { name, root } of sites) {
  const expected = EXPECTATIONS[name];
  if (!expected) continue;
  test(`the gate fails on broken-fixtures/${name}`, async (t) => {
    const site = await openSite(root, { browser });
    t.after(() => site.close());
    assert.ok(site.pages.includes(expected.path), `${expected.path} is not among the built pages: ${site.pages.join(' ')}`);
    const results = await inspectPage(browser, site.url(expected.path));
    for (const [check, wanted] of Object.entries(expected.report)) {
      await t.test(`${check} reports ${wanted.join(', ')}`, () => {
        const problems = results[check];
        assert.ok(problems.length > 0, `${check} found nothing on ${expected.path}`);
        const found = new Set(problems.map((p) => `${p.check}:${p.id}`));
        const missing = wanted.filter((w) => !found.has(w));
        assert.deepEqual(missing, [], `${check} did not report ${missing.join(', ')}; it reported:\n${formatProblems(problems)}`);
        t.diagnostic(`${check} on ${name}${expected.path}: ${[...found].join(', ')}`);
      });
    }
    for (const check of expected.clean) {
      await t.test(`${check} stays clean`, () => {
        const problems = results[check];
        assert.equal(problems.length, 0, `${check} should find nothing on ${expected.path}:\n${formatProblems(problems)}`);
      });
    }
  });
}
