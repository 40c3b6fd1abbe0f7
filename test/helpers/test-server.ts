// The test server: one real PostgreSQL per test run, with a template database built once that
// each test file clones (`CREATE DATABASE … TEMPLATE …`) instead of running initdb and a data
// build of its own. scripts/run-tests.mjs starts it by running this file, reads the descriptor
// path from its first line of stdout, passes it to the test processes as ZAVA_TEST_SERVER, and
// closes this process's stdin at the end (which stops the server and deletes its directory).
// Files that need a cluster of their own (they stop, kill or restart it, or compare cluster-wide
// catalogs) copy a stopped snapshot of the template's cluster instead of running initdb and a build.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { adminClient, openDatabase, type DatabaseTarget } from '../../main/db/database.ts';
import { grantDatabaseToIdentities } from '../../main/db/roles.ts';
import { resetDatabase } from '../../main/dataset/reset.ts';
import { dataPaths } from '../../main/kernel/config/paths.ts';
import { copyRolePasswords, descriptorFromEnv, serveUntilStdinEnds, templateDescriptorSchema } from './template-descriptor.ts';

/** Tests pin the calendar: data ends on this day, so their dates and sums never depend on the day they run. */
export const TEST_AS_OF = '2025-12-31';

/** The scale, seed and as-of date of the template: what `createTestDatabase()` builds by default. */
export const TEMPLATE_BUILD = { scale: 'tiny', seed: 42, asOf: TEST_AS_OF } as const;

/** Clones are named with this prefix; the server's pg_hba lets identity roles reach them. */
const CLONE_PREFIX = 'zava_test_';

const descriptorSchema = templateDescriptorSchema.extend({
  /** The superuser on the `postgres` database: clones and drops databases. */
  url: z.string().url(),
  /** A stopped copy of the template's data dir (pg/, secrets/, run/build-id): a cluster of one's own in one `cp`. */
  snapshot: z.string().min(1),
});

export type TestServer = z.infer<typeof descriptorSchema>;

/** The run's test server, when scripts/run-tests.mjs started one (ZAVA_TEST_SERVER names its descriptor). */
export function testServerFromEnv(): TestServer | undefined {
  return descriptorFromEnv('ZAVA_TEST_SERVER', descriptorSchema);
}

/** A database of one test file's own on the test server, cloned from the template. */
export interface ClonedDatabase {
  /** ZAVA_DATABASE_URL for this file: the superuser on the clone (as the embedded admin is). */
  url: string;
  drop(): Promise<void>;
}

/**
 * Clones the template into a fresh database and gives it what a clone does not inherit (the
 * identities' CONNECT and per-database settings); copies the role passwords into `secretsDir`.
 */
export async function cloneTemplate(server: TestServer, secretsDir: string): Promise<ClonedDatabase> {
  const name = `${CLONE_PREFIX}${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const root = new pg.Client({ connectionString: server.url });
  await root.connect();
  try {
    await root.query(`CREATE DATABASE ${root.escapeIdentifier(name)} TEMPLATE ${root.escapeIdentifier(server.template)}`);
    await grantDatabaseToIdentities(root, name);
  } finally {
    await root.end();
  }
  copyRolePasswords(server.rolesFile, secretsDir);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Copies the run's template cluster, stopped, into `dataDir` (an empty data dir): the same
 * cluster a fresh initdb and `db reset` at TEMPLATE_BUILD give, passwords included, for a file
 * that needs a cluster of its own. `cp -a` keeps the owners (as root, the server's OS user).
 */
export function copyTemplateCluster(server: TestServer, dataDir: string): void {
  const copied = spawnSync('cp', ['-a', `${server.snapshot}/.`, dataDir], { encoding: 'utf8' });
  if (copied.status !== 0) throw new Error(`copying the template cluster into ${dataDir} failed: ${copied.stderr || copied.error?.message}`);
}

/**
 * Starts an embedded server in a temp dir, builds the template the ordinary way (the embedded
 * `db reset`), snapshots it stopped, lets identity roles log in to clones, and writes the
 * descriptor. Returns a stop.
 */
async function startTestServer(): Promise<{ descriptor: string; stop(): Promise<void> }> {
  delete process.env.ZAVA_DATABASE_URL;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-test-server-'));
  const paths = dataPaths(dir);
  const snapshot = path.join(dir, 'snapshot');
  let target = await openDatabase(paths);
  const stop = async () => {
    await target.engine?.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const build = await resetDatabase(target, TEMPLATE_BUILD);
    // The snapshot is taken stopped (a clean shutdown checkpoint), before the template is closed
    // to connections below: a copy is an ordinary built data dir that `openDatabase` starts.
    await target.engine!.stop();
    for (const sub of ['pg', 'run']) fs.mkdirSync(path.join(snapshot, sub), { recursive: true, mode: 0o700 });
    for (const [from, to] of [[paths.cluster, 'pg'], [paths.secrets, '.'], [path.join(paths.run, 'build-id'), 'run']] as const) {
      const copied = spawnSync('cp', ['-a', from, path.join(snapshot, to)], { encoding: 'utf8' });
      if (copied.status !== 0) throw new Error(`snapshotting the template cluster failed: ${copied.stderr || copied.error?.message}`);
    }
    target = await openDatabase(paths);
    await withAdmin(target, async (admin) => {
      // Nobody may sit in the template while a file clones it.
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(target.database)} WITH ALLOW_CONNECTIONS false`);
      allowClones(paths.cluster, target.database);
      await admin.query('SELECT pg_reload_conf()');
    });
    const superuser = target.admin as { user: string; password: string };
    const url = `postgres://${encodeURIComponent(superuser.user)}:${encodeURIComponent(superuser.password)}@${target.host}:${target.port}/postgres`;
    const server: TestServer = { url, template: target.database, rolesFile: path.join(paths.secrets, 'roles.json'), snapshot, build };
    const descriptor = path.join(dir, 'test-server.json');
    fs.writeFileSync(descriptor, JSON.stringify(server), { mode: 0o600 });
    return { descriptor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function withAdmin(target: DatabaseTarget, body: (admin: pg.Client) => Promise<void>): Promise<void> {
  const admin = await adminClient(target, 'postgres');
  try {
    await body(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The app's pg_hba lets identity roles reach the app database only; on the test server they
 * also reach the clones (the line goes right after the app database's own, before the rejects).
 */
function allowClones(cluster: string, appDatabase: string): void {
  const file = path.join(cluster, 'pg_hba.conf');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const at = lines.findLastIndex((l) => l.startsWith(`host ${appDatabase} +zava_reader`));
  lines.splice(at + 1, 0, `host /^${CLONE_PREFIX} +zava_reader 127.0.0.1/32 scram-sha-256`);
  fs.writeFileSync(file, lines.join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  serveUntilStdinEnds(await startTestServer());
}
