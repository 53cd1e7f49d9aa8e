// Every page of the example site (examples/garden), built into a temp folder.

import path from 'node:path';
import { test } from 'node:test';
import { REPO_DIR } from '../lib/site.mjs';
import { PAGE_CONCURRENCY, checkWholeSite } from '../lib/suite.mjs';

test('example site: examples/garden', { concurrency: PAGE_CONCURRENCY }, async (t) => {
  await checkWholeSite(t, 'garden', path.join(REPO_DIR, 'examples', 'garden'));
});
