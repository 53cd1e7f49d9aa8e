// Every page of every fixture site under browser-tests/fixtures/*/.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { SUITE_DIR, sitesIn } from '../lib/site.mjs';
import { PAGE_CONCURRENCY, checkWholeSite } from '../lib/suite.mjs';

const sites = await sitesIn(path.join(SUITE_DIR, 'fixtures'));

test('there are fixture sites', () => {
  assert.ok(sites.length > 0, 'no site folders under browser-tests/fixtures/');
});

for (const site of sites) {
  test(`fixture site: ${site.name}`, { concurrency: PAGE_CONCURRENCY }, async (t) => {
    await checkWholeSite(t, site.name, site.root);
  });
}
