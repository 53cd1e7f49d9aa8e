// The checks of the quality gate. Every check resolves to a list of
// problems: an empty list means the page passes. The site tests assert the
// lists are empty; the gate test runs the same code on deliberately broken
// sites and asserts they are not.
//
// A problem is { check, id, url, message }: `check` names what found it
// ("axe-light", "skip-link", "layout"...), `id` the kind of problem (an axe
// rule id, "overflow", "console-error"...).
//
// To keep the run short, inspectPage() loads a page once and runs the checks
// on it in an order where they do not disturb each other: health (console,
// network and layout shift, recorded from before the first byte), axe in both
// colour schemes, heading anchors, keyboard (after a reload, for a fresh
// focus), layout at 320 and 1280 px; then the page again with JavaScript off.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { word } from './words.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The widest the main text column may be at 1280 px (about 75ch of body text). */
export const MAX_MAIN_WIDTH = 760;
/** The narrowest viewport the theme must fit without sideways scrolling. */
export const NARROW = { width: 320, height: 800 };
export const WIDE = { width: 1280, height: 900 };

/** How long a page may keep moving after load before layout shift is read (ms). */
const SETTLE_MS = 250;
/** Tab stops walked at most by the focus-visibility check. */
const MAX_TAB_STOPS = 80;

/** The checks, in the order inspectPage() runs them; each names a list of problems. */
export const CHECK_NAMES = ['health', 'axe', 'headings', 'keyboard', 'layout', 'no-js'];

function problem(check, id, url, message) {
  return { check, id, url, message };
}

/** Problems as readable lines, for assertion messages and logs. */
export function formatProblems(problems) {
  return problems
    .map((p) => `  [${p.check}:${p.id}] ${p.url}\n      ${p.message.replace(/\n/g, '\n      ')}`)
    .join('\n');
}

// Browser contexts are shared by all pages with the same options: a static
// site keeps no state worth isolating, and the test server sends no-store.
const contexts = new WeakMap();

function contextFor(browser, options) {
  if (!contexts.has(browser)) contexts.set(browser, new Map());
  const cache = contexts.get(browser);
  const key = JSON.stringify(options);
  if (!cache.has(key)) {
    const created = browser.newContext({ viewport: WIDE, ...options });
    cache.set(key, created);
    created.catch(() => cache.delete(key));
  }
  return cache.get(key);
}

const nextFrame = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// ---------------------------------------------------------------------------
// Health: console errors, failed requests, layout shift, image dimensions

/**
 * Starts watching a page that is about to load: console errors, uncaught
 * exceptions, failed requests and HTTP errors of sub-resources, for as long
 * as the page is open; layout shifts from the first byte. Call before goto.
 * Returns { afterLoad(), problems() }: afterLoad() waits for the page to
 * settle (loading lazy images on the way) and reads layout shift; problems()
 * is everything found so far.
 */
export async function watchHealth(page, url) {
  const check = 'health';
  const problems = [];
  let mainRequest = null;
  page.on('request', (req) => {
    if (!mainRequest && req.isNavigationRequest() && req.frame() === page.mainFrame()) mainRequest = req;
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      problems.push(problem(check, 'console-error', url, `console error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`));
    }
  });
  page.on('pageerror', (err) => {
    problems.push(problem(check, 'page-error', url, `uncaught exception: ${err.message}`));
  });
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? '';
    // A navigation the checks themselves interrupt is not the site's fault.
    if (req.isNavigationRequest() && /ERR_ABORTED/.test(error)) return;
    problems.push(problem(check, 'request-failed', url, `request failed: ${req.url()} (${error})`));
  });
  page.on('response', (res) => {
    if (res.status() >= 400) {
      const what = res.request() === mainRequest ? 'the page itself' : res.url();
      problems.push(problem(check, 'bad-status', url, `HTTP ${res.status()} for ${what}`));
    }
  });
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__shifts.push({
          value: e.value,
          hadRecentInput: e.hadRecentInput,
          sources: (e.sources || []).map((s) =>
            s.node && s.node.nodeType === 1 ? s.node.outerHTML.slice(0, 100) : String(s.node && s.node.nodeName),
          ),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });

  async function afterLoad() {
    await page.waitForTimeout(SETTLE_MS);
    // Walk down the page so lazy images load, wait for every image, settle.
    await page.evaluate(async () => {
      const step = Math.max(200, innerHeight - 100);
      for (let y = step; y < document.documentElement.scrollHeight; y += step) {
        window.scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
      }
      await Promise.all(
        [...document.images].map((img) =>
          img.complete
            ? null
            : new Promise((r) => {
                img.addEventListener('load', r);
                img.addEventListener('error', r);
              }),
        ),
      );
      await new Promise((r) => setTimeout(r, 100));
      window.scrollTo(0, 0);
    });
    const measured = await page.evaluate(() => ({
      shifts: (window.__shifts ?? []).filter((s) => !s.hadRecentInput),
      unsized: [...document.querySelectorAll('main img')]
        .filter((img) => !(img.getAttribute('width') && img.getAttribute('height')))
        .map((img) => img.outerHTML.slice(0, 160)),
    }));
    const cls = measured.shifts.reduce((sum, s) => sum + s.value, 0);
    if (cls > 0) {
      const sources = [...new Set(measured.shifts.flatMap((s) => s.sources))].slice(0, 5);
      problems.push(problem(check, 'layout-shift', url, `cumulative layout shift is ${cls.toFixed(4)}, not 0; shifted:\n${sources.map((s) => `- ${s}`).join('\n')}`));
    }
    for (const img of measured.unsized) {
      problems.push(problem(check, 'image-size', url, `image without width and height attributes (its box is only known once it loads, so the text below moves): ${img}`));
    }
  }

  return { afterLoad, problems: () => problems };
}

// ---------------------------------------------------------------------------
// axe-core, in light and dark colour schemes

/** axe-core violations on a loaded page, in each colour scheme. */
export async function checkAxe(page, url, { schemes = ['light', 'dark'] } = {}) {
  const problems = [];
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    await nextFrame(page);
    const violations = await page.evaluate(async (tags) => {
      const result = await window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', '),
          summary: n.failureSummary,
        })),
      }));
    }, AXE_TAGS);
    for (const v of violations) {
      problems.push(
        problem(
          `axe-${scheme}`,
          v.id,
          url,
          `${v.help} (${v.impact}, ${scheme} scheme; ${v.helpUrl})\n` +
            v.nodes
              .map((n) => `- ${n.target}${n.summary ? `: ${n.summary.replace(/\s*\n\s*/g, ' ')}` : ''}`)
              .join('\n'),
        ),
      );
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return problems;
}

// ---------------------------------------------------------------------------
// Headings and their self-links

/**
 * Exactly one h1; every h1–h4 has an id and one a.heading-anchor to "#id"
 * named "Jump to section titled <heading text>" (in the page's language),
 * with no text of its own.
 * Clicking each anchor sets location.hash and scrolls its heading into view.
 */
export async function checkHeadings(page, url) {
  const check = 'headings';
  const problems = [];
  const lang = await page.evaluate(() => document.documentElement.lang);
  const headings = await page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h, index) => {
      const anchors = [...h.querySelectorAll('a.heading-anchor')];
      const a = anchors[0];
      return {
        index,
        level: Number(h.tagName[1]),
        id: h.id,
        text: h.textContent.trim(),
        html: h.outerHTML.slice(0, 200),
        anchors: anchors.length,
        href: a ? a.getAttribute('href') : null,
        label: a ? a.getAttribute('aria-label') : null,
        anchorText: a ? a.textContent : null,
        ids: h.id ? document.querySelectorAll(`[id="${CSS.escape(h.id)}"]`).length : 0,
      };
    }),
  );
  const h1s = headings.filter((h) => h.level === 1);
  if (h1s.length !== 1) {
    problems.push(problem(check, 'h1-count', url, `expected exactly one h1, found ${h1s.length}`));
  }
  const anchored = [];
  for (const h of headings.filter((h) => h.level <= 4)) {
    if (!h.id) {
      problems.push(problem(check, 'no-id', url, `heading without an id: ${h.html}`));
      continue;
    }
    if (h.ids > 1) {
      problems.push(problem(check, 'duplicate-id', url, `id "${h.id}" is used ${h.ids} times`));
    }
    if (h.anchors !== 1) {
      problems.push(problem(check, 'no-anchor', url, `expected one a.heading-anchor in ${h.html}, found ${h.anchors}`));
      continue;
    }
    const expected = word(lang, 'jump_to', { title: h.text });
    if (h.label !== expected) {
      problems.push(problem(check, 'anchor-label', url, `anchor of #${h.id} is labelled ${JSON.stringify(h.label)}, expected ${JSON.stringify(expected)}`));
    }
    if (h.anchorText !== '') {
      problems.push(problem(check, 'anchor-text', url, `anchor of #${h.id} has text ${JSON.stringify(h.anchorText)}; the mark must be drawn by CSS`));
    }
    if (h.href !== `#${h.id}`) {
      problems.push(problem(check, 'anchor-href', url, `anchor of #${h.id} points at ${h.href}`));
    } else {
      anchored.push(h);
    }
  }
  // Click each anchor, from the last to the first, so that every click has
  // to scroll back up the page.
  for (const h of anchored.reverse()) {
    const anchor = page.locator('h1, h2, h3, h4, h5, h6').nth(h.index).locator('a.heading-anchor').first();
    try {
      await anchor.click({ timeout: 5000 });
    } catch (err) {
      problems.push(problem(check, 'anchor-click', url, `cannot click the anchor of #${h.id}: ${err.message.split('\n').slice(0, 12).join('\n')}`));
      continue;
    }
    const state = await page.evaluate(async (index) => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const el = document.querySelectorAll('h1, h2, h3, h4, h5, h6')[index];
      const r = el.getBoundingClientRect();
      let hash = location.hash;
      try {
        hash = decodeURIComponent(hash);
      } catch {}
      return { hash, top: r.top, viewportHeight: innerHeight };
    }, h.index);
    if (state.hash !== `#${h.id}`) {
      problems.push(problem(check, 'anchor-hash', url, `clicking the anchor of #${h.id} set the hash to ${JSON.stringify(state.hash)}`));
    }
    if (state.top < 0 || state.top >= state.viewportHeight) {
      problems.push(problem(check, 'anchor-scroll', url, `after clicking its anchor, #${h.id} is not in view (top ${Math.round(state.top)} px)`));
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Keyboard: the skip link, and a visible focus on every tab stop

/**
 * Reloads the page, then: the first Tab stop is a visible "Skip to content"
 * link with a focus ring (problems "skip-link:*"); every further Tab stop
 * (up to MAX_TAB_STOPS) shows a focus indicator, is opaque, has a size and is
 * on screen ("focus-visible:*"); Enter on the skip link moves focus into
 * <main id="content"> ("skip-link:*").
 */
export async function checkKeyboard(page, url) {
  const problems = [];
  await page.goto(url, { waitUntil: 'load' });
  await page.mouse.move(0, 0);
  const seen = new Set();
  let first = true;
  for (let i = 0; i < MAX_TAB_STOPS; i++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // Jump transitions (a heading anchor fading in) to their end.
      for (const a of document.getAnimations()) {
        try {
          a.finish();
        } catch {}
      }
      const s = getComputedStyle(el);
      let opacity = 1;
      for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
      const r = el.getBoundingClientRect();
      if (!el.dataset.tabStop) el.dataset.tabStop = String(Math.random());
      return {
        key: el.dataset.tabStop,
        tag: el.tagName.toLowerCase(),
        text: el.textContent.trim(),
        href: el.getAttribute('href'),
        html: el.outerHTML.replace(/ data-tab-stop="[^"]*"/, '').slice(0, 140),
        ring:
          (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) ||
          (s.boxShadow && s.boxShadow !== 'none'),
        opacity,
        rect: { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height },
        viewport: { width: innerWidth, height: innerHeight },
      };
    });
    if (first) {
      first = false;
      if (!state) {
        problems.push(problem('skip-link', 'no-tab-stop', url, 'pressing Tab focused nothing'));
        break;
      }
      const skip = word(await page.evaluate(() => document.documentElement.lang), 'skip_link');
      if (state.tag !== 'a' || state.text !== skip) {
        problems.push(problem('skip-link', 'not-first', url, `the first Tab stop is not the "${skip}" link but ${state.html}`));
      } else {
        if (state.href !== '#content') {
          problems.push(problem('skip-link', 'wrong-target', url, `the skip link points at ${state.href}, not #content`));
        }
        const r = state.rect;
        if (r.width < 1 || r.height < 1 || r.top < 0 || r.left < 0 || r.bottom > state.viewport.height || r.right > state.viewport.width) {
          problems.push(problem('skip-link', 'not-visible', url, `the focused skip link is not fully on screen: ${JSON.stringify(r)}`));
        }
      }
    }
    if (!state || seen.has(state.key)) break; // out of the page, or wrapped around
    seen.add(state.key);
    if (!state.ring) {
      problems.push(problem('focus-visible', 'no-focus-ring', url, `no visible focus indicator on ${state.html}`));
    }
    if (state.opacity < 0.9) {
      problems.push(problem('focus-visible', 'transparent', url, `focused element is nearly transparent (opacity ${state.opacity.toFixed(2)}): ${state.html}`));
    }
    if (state.rect.width < 1 || state.rect.height < 1) {
      problems.push(problem('focus-visible', 'no-size', url, `focused element has no size: ${state.html}`));
    } else if (state.rect.bottom <= 0 || state.rect.top >= state.viewport.height) {
      problems.push(problem('focus-visible', 'off-screen', url, `focused element is off screen: ${state.html}`));
    }
  }
  // On a fresh load, Tab then Enter (on the skip link) moves focus into main.
  if (problems.some((p) => p.check === 'skip-link')) return problems;
  await page.goto(url, { waitUntil: 'load' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const after = await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(r));
    const main = document.querySelector('main#content');
    const el = document.activeElement;
    return {
      hasMain: !!main,
      inside: !!main && (el === main || main.contains(el)),
      active: el ? el.outerHTML.slice(0, 120) : null,
    };
  });
  if (!after.hasMain) {
    problems.push(problem('skip-link', 'no-main', url, 'there is no <main id="content">'));
  } else if (!after.inside) {
    problems.push(problem('skip-link', 'focus-not-moved', url, `after Enter on the skip link focus is on ${after.active}, not in main#content`));
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Layout: 320 px without sideways scrolling, a readable measure at 1280 px

export async function checkLayout(page, url) {
  const check = 'layout';
  const problems = [];
  await page.setViewportSize(NARROW);
  await nextFrame(page);
  const narrow = await page.evaluate((limit) => {
    const offenders = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= limit + 0.5 || r.width === 0) continue;
      // Inside a box that scrolls or clips on its own: fine.
      let contained = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) {
          contained = true;
          break;
        }
      }
      if (!contained) offenders.push(`${el.outerHTML.slice(0, 100)} (right edge ${Math.round(r.right)} px)`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(-5) };
  }, NARROW.width);
  if (narrow.scrollWidth > NARROW.width) {
    problems.push(
      problem(check, 'overflow', url, `at ${NARROW.width} px the page is ${narrow.scrollWidth} px wide and scrolls sideways; too wide:\n${narrow.offenders.map((o) => `- ${o}`).join('\n')}`),
    );
  }
  await page.setViewportSize(WIDE);
  await nextFrame(page);
  const wide = await page.evaluate(() => {
    const width = (el) => (el ? el.getBoundingClientRect().width : 0);
    return {
      main: width(document.querySelector('main')),
      prose: Math.max(0, ...[...document.querySelectorAll('.prose')].map(width)),
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
  if (wide.main > MAX_MAIN_WIDTH) {
    problems.push(problem(check, 'measure', url, `at ${WIDE.width} px main is ${Math.round(wide.main)} px wide (at most ${MAX_MAIN_WIDTH})`));
  }
  if (wide.prose > MAX_MAIN_WIDTH) {
    problems.push(problem(check, 'measure', url, `at ${WIDE.width} px .prose is ${Math.round(wide.prose)} px wide (at most ${MAX_MAIN_WIDTH})`));
  }
  if (wide.scrollWidth > WIDE.width) {
    problems.push(problem(check, 'overflow', url, `at ${WIDE.width} px the page is ${wide.scrollWidth} px wide`));
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Without JavaScript

/** Loads the page in a page with JavaScript off: main#content and the h1 are visible. */
export async function checkNoJs(page, url) {
  const check = 'no-js';
  const problems = [];
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() >= 400) {
    problems.push(problem(check, 'bad-status', url, `HTTP ${response?.status()} with JavaScript off`));
  }
  if (!(await page.locator('main#content').isVisible())) {
    problems.push(problem(check, 'main-hidden', url, 'main#content is not visible with JavaScript off'));
  }
  const h1 = page.locator('h1');
  if ((await h1.count()) === 0 || !(await h1.first().isVisible())) {
    problems.push(problem(check, 'h1-hidden', url, 'the h1 is not visible with JavaScript off'));
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Redirect (alias) pages

/**
 * An alias page sends the browser on to its target, without JavaScript, and
 * the target is a page that answers 200.
 */
export async function checkRedirect(browser, url) {
  const check = 'redirect';
  const problems = [];
  const page = await (await contextFor(browser, { javaScriptEnabled: false })).newPage();
  try {
    let landed = null;
    page.on('response', (res) => {
      if (res.request().isNavigationRequest() && res.url() !== url) landed = res;
    });
    await page.goto(url, { waitUntil: 'load' });
    try {
      await page.waitForURL((u) => u.href !== url, { timeout: 5000 });
      await page.waitForLoadState('load');
    } catch {
      problems.push(problem(check, 'no-redirect', url, 'the alias page did not send the browser anywhere'));
      return problems;
    }
    if (!landed || landed.status() >= 400) {
      problems.push(problem(check, 'bad-target', url, `the alias leads to ${page.url()}, which answered HTTP ${landed?.status()}`));
    }
    if (!(await page.locator('main#content').count())) {
      problems.push(problem(check, 'bad-target', url, `the alias leads to ${page.url()}, which has no main#content`));
    }
  } finally {
    await page.close();
  }
  return problems;
}

// ---------------------------------------------------------------------------

/**
 * Runs the checks on one page; resolves to { [name]: problem[] } for each
 * name in `checks` (default: all of CHECK_NAMES).
 */
export async function inspectPage(browser, url, { checks = CHECK_NAMES } = {}) {
  const want = new Set(checks);
  const results = {};
  const context = await contextFor(browser, {});
  const page = await context.newPage();
  try {
    const health = await watchHealth(page, url);
    await page.goto(url, { waitUntil: 'load' });
    await health.afterLoad();
    if (want.has('axe')) results.axe = await checkAxe(page, url);
    if (want.has('headings')) results.headings = await checkHeadings(page, url);
    if (want.has('keyboard')) results.keyboard = await checkKeyboard(page, url);
    if (want.has('layout')) results.layout = await checkLayout(page, url);
    if (want.has('health')) results.health = health.problems().slice();
  } finally {
    await page.close();
  }
  if (want.has('no-js')) {
    const noJs = await (await contextFor(browser, { javaScriptEnabled: false })).newPage();
    try {
      results['no-js'] = await checkNoJs(noJs, url);
    } finally {
      await noJs.close();
    }
  }
  return Object.fromEntries(CHECK_NAMES.filter((n) => want.has(n)).map((n) => [n, results[n]]));
}
