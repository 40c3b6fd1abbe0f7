// A second, real PostgreSQL for the test run: Debian's packaged server (installed by
// `scripts/setup.mjs --external-postgres`), started in a temp dir on a free port as an
// *external* server, the way a user points ZAVA_DATABASE_URL at one. run-tests.mjs starts it
// once, runs EXTERNAL_SUITES against it with ZAVA_TEST_EXTERNAL_URL set (each file clones a
// template built there once into a database of its own: test/helpers/external-template.ts), then stops it.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Test files that run a second time against the external server. */
export const EXTERNAL_SUITES = [
  'test/integration/rls.test.ts',
  'test/integration/bridge-security.test.ts',
  'test/integration/bridge-tools.test.ts',
  'test/integration/external-server.test.ts',
  // With pgvector built for that server (setup.mjs), search runs its pgvector path there too. Left out
  // for time: search-paths (HNSW over 5,000 synthesised products, about a minute) and search-passages;
  // both pass there too: `ZAVA_TEST_EXTERNAL=only` with EXTERNAL_SUITES extended.
  'test/integration/search-service.test.ts',
  'test/integration/search-jobs.test.ts',
];

/** The variable those files read (test/helpers/database.ts): the external server's superuser URL. */
export const EXTERNAL_URL_VARIABLE = 'ZAVA_TEST_EXTERNAL_URL';

/** Debian's server binaries, newest major first; ZAVA_TEST_PG_BINDIR overrides. */
export function findDebianPostgres() {
  const candidates = process.env.ZAVA_TEST_PG_BINDIR
    ? [process.env.ZAVA_TEST_PG_BINDIR]
    : fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const bindir = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  if (bindir) return { bindir };
  return { reason: process.env.ZAVA_TEST_PG_BINDIR ? `no initdb and pg_ctl in ZAVA_TEST_PG_BINDIR (${process.env.ZAVA_TEST_PG_BINDIR})` : 'no Debian PostgreSQL under /usr/lib/postgresql (install the `postgresql` package)' };
}

/** As root the server must run as an ordinary OS user (PostgreSQL refuses root). */
function runAs() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const name = process.env.ZAVA_PG_OS_USER ?? 'postgres';
  const id = (flag) => spawnSync('id', [flag, name], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) return { reason: `running as root and there is no OS user "${name}" to run PostgreSQL as` };
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server: initdb (scram, superuser `postgres` with a random password), then pg_ctl on
 * 127.0.0.1 and a private socket dir. Returns `{ url, version, stop }`, or `{ reason }` when it
 * cannot run here (the caller prints it and skips).
 */
export async function startExternalPostgres() {
  const found = findDebianPostgres();
  if (found.reason) return { reason: found.reason };
  const user = runAs();
  if (user.reason) return { reason: user.reason };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-external-pg-'));
  const data = path.join(dir, 'data');
  const password = crypto.randomBytes(18).toString('base64url');
  fs.writeFileSync(path.join(dir, 'pwfile'), `${password}\n`, { mode: 0o600 });
  fs.chmodSync(dir, 0o700);
  if (user.uid !== undefined) for (const p of [dir, path.join(dir, 'pwfile')]) fs.chownSync(p, user.uid, user.gid);
  const options = { uid: user.uid, gid: user.gid, cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8' } };
  const runSync = (bin, args) => spawnSync(path.join(found.bindir, bin), args, { ...options, encoding: 'utf8' });
  // initdb and pg_ctl start run beside the first test files: the caller's event loop stays free.
  const run = (bin, args) =>
    new Promise((resolve) => {
      const child = spawn(path.join(found.bindir, bin), args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('error', (error) => resolve({ status: null, error, stdout, stderr }));
      child.once('close', (status) => resolve({ status, stdout, stderr }));
    });
  const fail = (what, result) => {
    fs.rmSync(dir, { recursive: true, force: true });
    return { reason: `${what} failed: ${(result.error?.message ?? `${result.stderr}`.trim().split('\n').at(-1)) || `exit ${result.status}`}` };
  };

  const init = await run('initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${path.join(dir, 'pwfile')}`, '-E', 'UTF8', '--no-instructions']);
  if (init.status !== 0) return fail('initdb', init);
  const port = await freePort();
  // A throwaway cluster: fsync off spares the shared disk; nothing here must survive a crash.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=100`;
  const start = await run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', serverOptions, '-w', '-t', '30', 'start']);
  if (start.status !== 0) return fail('pg_ctl start', start);
  const version = runSync('postgres', ['--version']).stdout.trim();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    version,
    port,
    stop: () => {
      runSync('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
