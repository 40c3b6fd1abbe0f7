import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { builtDigest, sourcesDigest } from '../../scripts/app-sources-digest.ts';
import { RESULT_VIEW_FILE } from '../../main/bridge/apps/result-view.ts';

// The MCP App's HTML is committed (bridges run it without a build step). When this fails:
// `npm run build:apps` and commit resources/apps/result-view.html.
test('resources/apps/result-view.html was built from today’s apps/ sources and library versions', () => {
  assert.ok(fs.existsSync(RESULT_VIEW_FILE), `${RESULT_VIEW_FILE} is missing: run \`npm run build:apps\``);
  const html = fs.readFileSync(RESULT_VIEW_FILE, 'utf8');
  assert.equal(builtDigest(html), sourcesDigest(), 'the committed view is stale: run `npm run build:apps` and commit it');
});
