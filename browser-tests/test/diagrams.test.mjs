// Mermaid diagrams drawn at build time (the workbench site's
// /notes/diagrams/): on a phone each drawing keeps legible text and
// scrolls inside its own box, and it is really drawn, in light and dark.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { SUITE_DIR } from '../lib/site.mjs';
import { openSite } from '../lib/suite.mjs';

test('diagrams are drawn, legible at 320 px and inside their box, in light and dark', async (t) => {
  const site = await openSite(path.join(SUITE_DIR, 'fixtures', 'workbench'));
  t.after(() => site.close());
  for (const colorScheme of ['light', 'dark']) {
    const context = await site.browser.newContext({ viewport: { width: 320, height: 800 }, colorScheme });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(site.url('/notes/diagrams/'), { waitUntil: 'load' });
    const shown = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('.diagram-scroll')];
      return {
        pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
        diagrams: boxes.map((box) => {
          const svg = box.querySelector('svg');
          const drawn = svg.getBoundingClientRect();
          const own = box.getBoundingClientRect();
          const sizes = [...svg.querySelectorAll('text, foreignObject span, foreignObject p, foreignObject div')]
            .filter((el) => el.textContent.trim() !== '')
            .map((el) => parseFloat(getComputedStyle(el).fontSize));
          // Text is drawn in a colour that reads against the page: merman's
          // own colours are for a light page only.
          const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
          const luminance = ([r, g, b]) => {
            const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
          };
          const background = luminance(rgb(getComputedStyle(document.body).backgroundColor));
          const contrasts = [...svg.querySelectorAll('text, foreignObject span, foreignObject p')]
            .filter((el) => el.textContent.trim() !== '')
            .map((el) => {
              const style = getComputedStyle(el);
              const colour = luminance(rgb(el instanceof SVGElement ? style.fill : style.color));
              const [light, dark] = [Math.max(colour, background), Math.min(colour, background)];
              return (light + 0.05) / (dark + 0.05);
            });
          return {
            lowestContrast: Math.min(...contrasts),
            label: svg.getAttribute('aria-label'),
            laidOut: parseFloat(svg.getAttribute('width')),
            width: drawn.width,
            height: drawn.height,
            boxRight: own.right,
            smallestText: Math.min(...sizes),
          };
        }),
      };
    });
    assert.equal(shown.pageScrolls, false, `${colorScheme}: the page scrolls sideways`);
    assert.equal(shown.diagrams.length, 7, JSON.stringify(shown));
    for (const d of shown.diagrams) {
      assert.ok(d.width > 50 && d.height > 50, `${colorScheme}: ${d.label} is drawn: ${JSON.stringify(d)}`);
      assert.ok(d.boxRight <= 320, `${colorScheme}: ${d.label}'s box stays on the screen`);
      // Drawn at the size it was laid out at: a drawing scaled down to fit
      // would shrink its text with it.
      assert.ok(Math.abs(d.width - d.laidOut) < 1, `${colorScheme}: ${d.label} is scaled: ${JSON.stringify(d)}`);
      assert.ok(d.smallestText >= 12, `${colorScheme}: ${d.label} has text under 12 px: ${d.smallestText}`);
      assert.ok(d.lowestContrast >= 4.5, `${colorScheme}: ${d.label} has text of contrast ${d.lowestContrast}`);
    }
    // Really drawn: the first diagram's picture is not one flat colour.
    const shot = await page.locator('.diagram-scroll').first().screenshot();
    assert.ok(shot.length > 3000, `${colorScheme}: the drawing is not blank (${shot.length} bytes)`);
  }
});
