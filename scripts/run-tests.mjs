#!/usr/bin/env node
// Runs every *.test.ts under main/, apps/ and test/ with Node's own test runner (TypeScript
// loaded by scripts/test-loader),
// several files at a time, and then says what passed. Extra arguments filter files by
// substring; `--test-concurrency=N` (or ZAVA_TEST_CONCURRENCY) sets how many files run at once;
// other `--…` arguments go to every file's `node` (e.g. --test-name-pattern=…).
//
// Why a scheduler of its own rather than `node --test`: on two cores the wall time is set by
// when the long files start. Files run longest first (durations remembered from earlier runs,
// seeded by test/durations.json), and the second pass, the security and tool suites against
// Debian's PostgreSQL as an external server, runs in the same pool instead of after it.
//
// When a selected file uses the database helper, one test server is started first
// (test/helpers/test-server.ts: an embedded PostgreSQL and a template database built once);
// its descriptor goes to the test processes as ZAVA_TEST_SERVER, and each file clones the
// template into a database of its own (or copies its cluster, for a cluster of its own). The
// external pass likewise clones a template built on that server once
// (test/helpers/external-template.ts). Everything started here stops when the run ends.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EXTERNAL_SUITES, EXTERNAL_URL_VARIABLE, startExternalPostgres } from './external-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('--'));
const concurrencyArgument = args.find((a) => a.startsWith('--test-concurrency='));
const nodeArguments = args.filter((a) => a.startsWith('--') && a !== concurrencyArgument && a !== '--save-durations');
const SEED_DURATIONS = path.join(root, 'test', 'durations.json');
// Test files load their TypeScript through esbuild alone (scripts/test-loader/hooks.mjs says why not tsx).
const TEST_LOADER = pathToFileURL(path.join(root, 'scripts', 'test-loader', 'register.mjs')).href;
const LOCAL_DURATIONS = path.join(root, 'node_modules', '.cache', 'zava-tests', 'durations.json');

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

// Files are processes of their own and wait on PostgreSQL, Chromium or children: one more of
// them than cores keeps both cores busy (measured here: 3 at a time beat 2 and 4; the run is
// CPU-bound). Files needing a cluster or cluster-wide state of their own ask for it
// (createTestDatabase({ cluster: 'own' })), so every file may run beside another.
const concurrency = Number(concurrencyArgument?.split('=')[1] ?? process.env.ZAVA_TEST_CONCURRENCY ?? Math.max(2, os.availableParallelism() + 1));
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`run-tests: the concurrency must be a whole number of files, at least 1 (got ${concurrencyArgument ?? process.env.ZAVA_TEST_CONCURRENCY})`);
  process.exit(1);
}

// ZAVA_TEST_EXTERNAL=off skips the external-server pass; =only runs nothing else.
const externalMode = process.env.ZAVA_TEST_EXTERNAL ?? 'on';
const mainFiles = externalMode === 'only' ? [] : files;
const externalFiles = externalMode === 'off' ? [] : files.filter((f) => EXTERNAL_SUITES.includes(f));

// Test clusters are throwaway: the embedded server flushes nothing to disk (a killed server still
// recovers from the WAL in the page cache; only a machine crash could lose them).
process.env.ZAVA_PG_DURABILITY ??= 'off';

const began = Date.now();
let wake = () => undefined;

/** Something files wait for (a server): `ready` once it settles, with the env it gives them, or an error. */
function prerequisite(promise) {
  const gate = { ready: false, env: undefined, error: undefined };
  promise.then(
    (env) => Object.assign(gate, { ready: true, env }),
    (error) => Object.assign(gate, { ready: true, error }),
  ).finally(() => wake());
  return gate;
}

// What each file needs, read once: the test server (it reaches createTestDatabase), the built
// dashboard (the e2e files), or a process of its own. Unit tests beside their sources and static
// checks mostly take milliseconds: they share ONE process instead of paying a `node` and
// TypeScript loader start-up each (about 0.7 CPU-s with the database helpers and the MCP client),
// unless they say `// run-tests: own process`. Quick database files that leave no global state
// behind (their database closed, the environment as they found it) say
// `// run-tests: shares a process` and share a second one.
const UNIT_BATCH = 'unit and static tests, one process';
const DATABASE_BATCH = 'quick database tests, one process';
const DATABASE_BATCH_MS = 30_000;
// How long each file (or batch) took last time: read once, for packing and for ordering.
const durations = readDurations();
const needs = new Map(
  mainFiles.map((file) => {
    const testServer = callsCreateTestDatabase(path.join(root, file));
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    const batch = /^(main|apps|test\/static)\//.test(file) && !testServer && !source.includes('// run-tests: own process')
      ? UNIT_BATCH
      : file.startsWith('test/integration/') && source.includes('// run-tests: shares a process')
        ? DATABASE_BATCH
        : undefined;
    return [file, { testServer, dashboard: file.startsWith('test/e2e/'), batch }];
  }),
);
const anyNeeds = (key) => [...needs.values()].some((need) => need[key]);

// Both servers start at once; a file waits only for the one it uses, the rest run meanwhile.
const serverStarting = anyNeeds('testServer') ? startHelper('test-server.ts', 'test server and template') : undefined;
const testServer = prerequisite(serverStarting ? serverStarting.then((s) => ({ ZAVA_TEST_SERVER: s.descriptor })) : Promise.resolve({}));
// The dashboard's UI tests serve the built renderer: it is built (when stale) once, here, rather
// than by several files at once racing to write dist/renderer.
const renderer = prerequisite(
  anyNeeds('dashboard')
    ? run(process.execPath, ['--import', TEST_LOADER, '--input-type=module', '-e', "await (await import('./main/web/renderer-build.ts')).ensureRendererBuilt((line) => console.error(`run-tests: ${line}`))"]).then(() => ({}))
    : Promise.resolve({}),
);
let externalServer;
let externalTemplate;
const externalStarting = Promise.resolve().then(async () => {
  if (externalFiles.length === 0) return null;
  externalServer = await startExternalPostgres();
  if (externalServer.reason) {
    console.error(`run-tests: external PostgreSQL: skipped: ${externalServer.reason}`);
    return null;
  }
  console.error(`run-tests: external PostgreSQL: ${externalServer.version} on 127.0.0.1:${externalServer.port}; ${externalFiles.length} files run there too`);
  // Its files clone one template built there the managed way, as the embedded files do.
  externalTemplate = await startHelper('external-template.ts', 'external template', { [EXTERNAL_URL_VARIABLE]: externalServer.url });
  return { [EXTERNAL_URL_VARIABLE]: externalServer.url, ZAVA_TEST_EXTERNAL_TEMPLATE: externalTemplate.descriptor };
});
const externalGate = prerequisite(externalStarting);

let outcome;
try {
  const gatesOf = (files) => [...(files.some((f) => needs.get(f).testServer) ? [testServer] : []), ...(files.some((f) => needs.get(f).dashboard) ? [renderer] : [])];
  // A batch of one is just a file. The database files are packed into processes of about
  // DATABASE_BATCH_MS each (by their durations when they last ran alone), so no one batch
  // becomes the run's long pole.
  const batches = [
    { name: UNIT_BATCH, files: mainFiles.filter((file) => needs.get(file).batch === UNIT_BATCH) },
    ...packByDuration(mainFiles.filter((file) => needs.get(file).batch === DATABASE_BATCH), DATABASE_BATCH_MS).map((files, i, all) => ({
      name: all.length > 1 ? `${DATABASE_BATCH} (${i + 1} of ${all.length})` : DATABASE_BATCH,
      files,
      packed: true,
    })),
  ].filter((b) => b.files.length > 1);
  const inBatch = new Set(batches.flatMap((b) => b.files));
  const jobs = [
    ...batches.map((b) => ({ file: b.name, files: b.files, lane: 'embedded', gates: gatesOf(b.files), packed: b.packed })),
    ...mainFiles.filter((file) => !inBatch.has(file)).map((file) => ({ file, lane: 'embedded', gates: gatesOf([file]) })),
    ...externalFiles.map((file) => ({ file, lane: 'external', gates: [externalGate] })),
  ];
  outcome = await runPool(jobs);
} finally {
  await externalStarting.catch(() => undefined);
  await externalTemplate?.stop();
  externalServer?.stop?.();
  await (await serverStarting?.catch(() => undefined))?.stop();
}
report(outcome);
process.exit(outcome.failed.length > 0 || outcome.counts.fail > 0 || outcome.counts.cancelled > 0 ? 1 : 0);

/**
 * Runs the jobs, longest first, `concurrency` at a time, each once its server is up. The
 * external lane takes one file at a time: its identity roles are cluster-wide on a server the
 * files share. A file whose server could not start fails with the reason; a file for a
 * server that is skipped here (no Debian PostgreSQL) is left out, as the run says above.
 */
async function runPool(jobs) {
  const known = (lane, file) => durations[`${lane}:${file}`];
  // A batch not timed yet (or packed anew each run) takes about as long as its files did on their own.
  const sum = (job) => job.files.reduce((total, file) => total + (known(job.lane, file) ?? 5_000), 0);
  const estimate = (job) => (job.packed ? sum(job) : (known(job.lane, job.file) ?? (job.files ? sum(job) : 10_000)));
  // The external lane runs one file at a time, so its files form one chain: it goes first whenever
  // the lane is free, or the chain ends the run alone (two cores idle for its last files).
  const externalChain = jobs.filter((job) => job.lane === 'external').reduce((total, job) => total + estimate(job), 0);
  const priority = (job) => estimate(job) + (job.lane === 'external' ? externalChain : 0);
  const queue = [...jobs].sort((a, b) => priority(b) - priority(a));
  const counts = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  const failed = [];
  const timings = [];
  const started = [];
  let running = 0;
  let externalBusy = false;
  let done = 0;
  let total = jobs.length;
  const label = (job) => (job.lane === 'external' ? `${job.file} (external PostgreSQL)` : job.files ? `${job.file} (${job.files.length} files)` : job.file);

  await new Promise((resolve) => {
    const finish = (job, result) => {
      done += 1;
      for (const key of Object.keys(counts)) counts[key] += result.counts[key] ?? 0;
      if (result.code !== 0) failed.push(job);
      if (result.ms !== undefined) timings.push({ key: `${job.lane}:${job.file}`, ms: result.ms });
      if (result.output) process.stdout.write(`${result.output}\n`);
      const time = result.ms === undefined ? '' : ` ${(result.ms / 1000).toFixed(1)} s`;
      console.error(`run-tests: [${done}/${total}] ${result.code === 0 ? '✔' : '✖'} ${label(job)}${time}`);
    };
    const next = () => {
      for (let index = 0; index < queue.length && running < concurrency; ) {
        const job = queue[index];
        const gates = job.gates ?? [];
        if (gates.some((gate) => !gate.ready) || (job.lane === 'external' && externalBusy)) {
          index += 1;
          continue;
        }
        queue.splice(index, 1);
        const failedGate = gates.find((gate) => gate.error);
        if (failedGate) {
          finish(job, { code: 1, counts: {}, output: `✖ ${label(job)}: not run: ${failedGate.error.message}` });
          continue;
        }
        if (gates.some((gate) => gate.env === null)) {
          total -= 1;
          continue;
        }
        running += 1;
        started.push(job);
        if (job.lane === 'external') externalBusy = true;
        runFile(job, Object.assign({}, ...gates.map((gate) => gate.env))).then((result) => {
          running -= 1;
          if (job.lane === 'external') externalBusy = false;
          finish(job, result);
          next();
        });
      }
      if (queue.length === 0 && running === 0) resolve();
    };
    wake = next;
    next();
  });
  saveDurations(durations, timings);
  return { counts, failed, timings, files: started.reduce((sum, job) => sum + (job.files?.length ?? 1), 0), processes: started.length };
}

/** One file in a `node` of its own; its output is held and printed whole when it ends. */
function runFile(job, env) {
  const started = Date.now();
  return new Promise((resolve) => {
    const entry = job.files ? [path.join('scripts', 'run-test-batch.mjs'), ...job.files] : [job.file];
    const child = spawn(process.execPath, ['--import', TEST_LOADER, '--test-reporter=spec', ...nodeArguments, ...entry], {
      cwd: root,
      env: { ...process.env, ...env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.once('close', (code, signal) => {
      const output = Buffer.concat(chunks).toString('utf8').trimEnd();
      resolve({ code: code ?? (signal ? 1 : 0), ms: Date.now() - started, output, counts: summaryCounts(output) });
    });
  });
}

/** The `ℹ tests 12`, `ℹ pass 11`, … lines the spec reporter ends with. */
function summaryCounts(output) {
  const counts = {};
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  for (const match of plain.matchAll(/^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) counts[match[1]] = Number(match[2]);
  return counts;
}

function report({ counts, failed, timings, files, processes }) {
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log('');
  console.log(`ℹ files ${files} in ${processes} processes, ${concurrency} at a time`);
  for (const [key, value] of Object.entries(counts)) console.log(`ℹ ${key} ${value}`);
  console.log(`ℹ slowest ${slowest.map((t) => `${t.key.replace(/^embedded:/, '')} ${(t.ms / 1000).toFixed(1)} s`).join(', ')}`);
  console.log(`ℹ wall ${((Date.now() - began) / 1000).toFixed(1)} s`);
  if (failed.length > 0) console.log(`✖ failed: ${failed.map((job) => (job.lane === 'external' ? `${job.file} (external PostgreSQL)` : job.file)).join(', ')}`);
}

/** Durations from this checkout's earlier runs, else the committed seed. */
function readDurations() {
  for (const file of [LOCAL_DURATIONS, SEED_DURATIONS]) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      // Not there yet or unreadable: the next one, or none (every file then counts as equal).
    }
  }
  return {};
}

/** Files into groups of about `capacityMs` by their last durations alone (longest first, first fit). */
function packByDuration(files, capacityMs) {
  const ms = (file) => durations[`embedded:${file}`] ?? 5_000;
  const bins = [];
  for (const file of [...files].sort((a, b) => ms(b) - ms(a))) {
    const bin = bins.find((b) => b.ms + ms(file) <= capacityMs);
    if (bin) {
      bin.files.push(file);
      bin.ms += ms(file);
    } else bins.push({ files: [file], ms: ms(file) });
  }
  return bins.map((b) => b.files.sort());
}

/** Remembers this run's durations; `--save-durations` also rewrites the committed seed. */
function saveDurations(previous, timings) {
  // Files that are gone drop out; the rest keep their last figure.
  const merged = Object.fromEntries(
    Object.entries(previous).filter(([key]) => {
      const file = key.slice(key.indexOf(':') + 1);
      return file === UNIT_BATCH || fs.existsSync(path.join(root, file));
    }),
  );
  for (const { key, ms } of timings) if (!key.includes(DATABASE_BATCH)) merged[key] = ms;
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  const text = `${JSON.stringify(sorted, null, 2)}\n`;
  fs.mkdirSync(path.dirname(LOCAL_DURATIONS), { recursive: true });
  fs.writeFileSync(LOCAL_DURATIONS, text);
  if (args.includes('--save-durations')) fs.writeFileSync(SEED_DURATIONS, text);
}

/**
 * Whether a file, or a module of this repository it imports (say bench/search-eval.ts), calls
 * createTestDatabase(): such a file clones the test server's template instead of building a
 * cluster of its own, so it waits for that server. Static imports only (a dynamic import is a
 * path the file may not take); the helper that defines it does not count.
 */
function callsCreateTestDatabase(file, seen = new Set()) {
  if (seen.has(file) || !fs.existsSync(file)) return false;
  seen.add(file);
  if (file.endsWith(path.join('test', 'helpers', 'database.ts')) || file.endsWith(path.join('test', 'helpers', 'test-server.ts'))) return false;
  const source = fs.readFileSync(file, 'utf8');
  if (source.includes('createTestDatabase(') || source.includes('templateDataDir(')) return true;
  const imports = [...source.matchAll(/(?:from|import)\s*'(\.{1,2}\/[^']+\.ts)'/g)].map((m) => path.resolve(path.dirname(file), m[1]));
  return imports.some((imported) => callsCreateTestDatabase(imported, seen));
}

/** Runs a command beside the tests, its output passed through; rejects on failure. */
function run(command, commandArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${commandArgs.at(-1)} exited with ${code}`))));
  });
}

/** Runs test/helpers/test-server.ts; resolves once it prints its descriptor's path. */
/**
 * Runs a helper that builds a template (test/helpers/test-server.ts, external-template.ts):
 * resolves once it prints its descriptor's path; `stop()` closes its stdin, and it cleans up.
 */
function startHelper(file, what, env = {}) {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', TEST_LOADER, path.join(root, 'test', 'helpers', file)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (descriptor) => {
      console.error(`run-tests: ${what} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve({
        descriptor,
        stop: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`run-tests: the ${what} helper exited (${code}) before it was ready`)));
  });
}
