#!/usr/bin/env node
// Finds every *.test.ts under main/ and test/ (Node 20's --test takes no globs) and runs
// them with Node's own test runner through tsx. Extra arguments filter files by substring.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTERNAL_SUITES, EXTERNAL_URL_VARIABLE, startExternalPostgres } from './external-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passthrough = process.argv.slice(2).filter((a) => a.startsWith('--'));

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const files = [...walk(path.join(root, 'main')), ...walk(path.join(root, 'test'))]
  .map((f) => path.relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const runFiles = (list, env = process.env) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...passthrough, ...list], {
    cwd: root,
    stdio: 'inherit',
    env,
  }).status ?? 1;

const status = process.env.ZAVA_TEST_EXTERNAL === 'only' ? 0 : runFiles(files);
process.exit(Math.max(status, await runExternalPass(files.filter((f) => EXTERNAL_SUITES.includes(f)))));

/**
 * The same security and tool suites again, against Debian's PostgreSQL as an external server
 * (ZAVA_DATABASE_URL path). Files run one at a time there: identity roles are cluster-wide.
 * ZAVA_TEST_EXTERNAL=off skips this pass; =only runs nothing else.
 */
async function runExternalPass(list) {
  if (list.length === 0 || process.env.ZAVA_TEST_EXTERNAL === 'off') return 0;
  const server = await startExternalPostgres();
  if (server.reason) {
    console.error(`run-tests: external PostgreSQL: skipped: ${server.reason}`);
    return 0;
  }
  console.error(`run-tests: external PostgreSQL: ${server.version} on 127.0.0.1:${server.port}; running ${list.join(', ')}`);
  try {
    return runFiles(list, { ...process.env, [EXTERNAL_URL_VARIABLE]: server.url });
  } finally {
    server.stop();
  }
}
