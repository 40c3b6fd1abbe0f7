#!/usr/bin/env node
// Finds every *.test.ts under main/, apps/ and test/ (Node 20's --test takes no globs) and runs
// them with Node's own test runner through tsx, several files at a time. Extra arguments filter
// files by substring; `--test-concurrency=N` (or ZAVA_TEST_CONCURRENCY) overrides the parallelism.
//
// When a selected file uses the database helper, one test server is started first
// (test/helpers/test-server.ts: an embedded PostgreSQL and a template database built once);
// its descriptor goes to the test processes as ZAVA_TEST_SERVER, and each file clones the
// template into a database of its own. The server stops when the run ends.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
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

const files = [...walk(path.join(root, 'main')), ...walk(path.join(root, 'apps')), ...walk(path.join(root, 'test'))]
  .map((f) => path.relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}

// Files are processes of their own and mostly wait on PostgreSQL or children: more of them
// than cores keeps both cores busy. Files needing a cluster or cluster-wide state of their own
// ask for it (createTestDatabase({ cluster: 'own' })), so every file may run beside another.
const concurrency = passthrough.some((a) => a.startsWith('--test-concurrency'))
  ? []
  : [`--test-concurrency=${process.env.ZAVA_TEST_CONCURRENCY ?? Math.max(2, os.availableParallelism() + 1)}`];

// ZAVA_TEST_EXTERNAL=only: just the external-server pass below.
const externalOnly = process.env.ZAVA_TEST_EXTERNAL === 'only';
const server = !externalOnly && files.some((f) => fs.readFileSync(path.join(root, f), 'utf8').includes('createTestDatabase(')) ? await startTestServer() : undefined;
let status = externalOnly ? 0 : 1;
try {
  if (!externalOnly) {
    status =
      spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrency, '--test-reporter=spec', ...passthrough, ...files], {
        cwd: root,
        stdio: 'inherit',
        env: server ? { ...process.env, ZAVA_TEST_SERVER: server.descriptor } : process.env,
      }).status ?? 1;
  }
} finally {
  await server?.stop();
}
process.exit(Math.max(status, await runExternalPass(files.filter((f) => EXTERNAL_SUITES.includes(f)))));

/** Runs test/helpers/test-server.ts; resolves once it prints its descriptor's path. */
function startTestServer() {
  const began = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test', 'helpers', 'test-server.ts')], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (descriptor) => {
      console.error(`run-tests: test server and template ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);
      resolve({
        descriptor,
        stop: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`run-tests: the test server exited (${code}) before it was ready`)));
  });
}

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
    return (
      spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...passthrough, ...list], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, [EXTERNAL_URL_VARIABLE]: server.url },
      }).status ?? 1
    );
  } finally {
    server.stop();
  }
}
