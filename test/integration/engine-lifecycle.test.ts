import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminClient, openDatabase, type DatabaseTarget } from '../../main/db/database.ts';
import { loadMigrations } from '../../main/db/migrate.ts';
import { isPostgresProcess, readPostmasterPid } from '../../main/db/postmaster.ts';
import { cliEnv, REPO_ROOT, runCli } from '../helpers/cli.ts';
import { createTestDatabase, rowCounts, type TestDatabase } from '../helpers/database.ts';
import { TYPESCRIPT_NODE_ARGS } from '../helpers/typescript-child.ts';

/** Row counts read through a fresh superuser session of `target`. */
async function countsOf(target: DatabaseTarget): Promise<Record<string, number>> {
  const client = await adminClient(target);
  try {
    return await rowCounts(client);
  } finally {
    await client.end();
  }
}

function leaseHolders(db: TestDatabase): string[] {
  try {
    return fs.readdirSync(path.join(db.paths.run, 'leases')).sort();
  } catch {
    return [];
  }
}

/** Spawns test/fixtures/hold-database.ts and resolves once it has the database open. */
function spawnHolder(dataDir: string): Promise<{ child: ChildProcess; port: number; startedHere: boolean }> {
  const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, path.join(REPO_ROOT, 'test', 'fixtures', 'hold-database.ts'), dataDir], {
    cwd: REPO_ROOT,
    env: cliEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`holder did not get ready: ${out}${err}`));
    }, 60_000);
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('ready '));
      if (!line) return;
      clearTimeout(timer);
      const info = JSON.parse(line.slice('ready '.length)) as { port: number; startedHere: boolean };
      resolve({ child, ...info });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`holder exited early (${code ?? signal}): ${out}${err}`));
    });
  });
}

function killAndWait(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('embedded engine lifecycle', () => {
  let db: TestDatabase;
  let built: Record<string, number>;

  before(async () => {
    // A cluster of its own, made here by initdb and a build (the first test checks both): these tests stop, kill and restart the server.
    db = await createTestDatabase({ scale: 'tiny', cluster: 'own', fresh: true });
    built = await countsOf(db.target);
  });

  after(async () => {
    await db?.close();
  });

  it('cold-initialises, migrates and loads the tiny data set', async () => {
    assert.equal(db.target.kind, 'embedded');
    assert.equal(db.target.startedHere, true);
    assert.ok(db.target.timings.initdbMs > 0, 'initdb ran for a fresh data dir');
    assert.equal(fs.readFileSync(path.join(db.paths.cluster, 'PG_VERSION'), 'utf8').trim(), '17');
    const status = db.target.engine!.status();
    assert.equal(status.running, true);
    assert.equal(status.port, db.target.port);

    const admin = await db.admin();
    try {
      const applied = (await admin.query<{ name: string }>('SELECT name FROM zava_meta.migrations ORDER BY version')).rows.map((r) => r.name);
      const expected = loadMigrations()
        .map((m) => m.name)
        .filter((name) => !db.build.skippedMigrations.some((s) => s.name === name));
      assert.deepEqual(applied, expected);
      const meta = (await admin.query('SELECT seed, scale FROM zava_meta.build')).rows;
      assert.deepEqual(meta, [{ seed: '42', scale: 'tiny' }]);
    } finally {
      await admin.end();
    }
    // The loaded rows are what the generator said it wrote.
    for (const [table, n] of Object.entries(db.build.counts)) assert.equal(built[table], n, table);
    assert.equal(built.stores, 8);
    assert.equal(built.orders, 4000);
    assert.equal(built.customers, 1000);
    assert.ok(built.order_items! > built.orders!);
  });

  it('keeps the data across stop and start', async () => {
    assert.equal(await db.target.engine!.stop(), true);
    assert.equal(db.target.engine!.status().running, false);
    assert.equal(fs.existsSync(path.join(db.paths.cluster, 'postmaster.pid')), false);

    const again = await openDatabase(db.paths);
    try {
      assert.equal(again.startedHere, true);
      assert.equal(again.timings.initdbMs, 0, 'no initdb for an existing cluster');
      assert.equal(again.port, db.target.port, 'the previous port is reused when free');
      assert.deepEqual(await countsOf(again), built);
    } finally {
      // This process still holds the first handle's lease: letting go of the second keeps the server.
      assert.equal(await again.engine!.release(), false);
    }
    assert.equal(db.target.engine!.status().running, true);
  });

  it('lets a second process attach without stopping the server when it leaves', async () => {
    const before = db.target.engine!.status();
    assert.equal(before.running, true);
    const result = await runCli(['status', '--json'], cliEnv(db.dataDir));
    assert.equal(result.code, 0, result.stderr);
    const status = JSON.parse(result.stdout);
    assert.equal(status.ok, true);
    assert.equal(status.database.port, before.port);
    assert.equal(status.database.startedForProbe, false);
    assert.deepEqual(status.database.data.counts, built);

    const afterwards = db.target.engine!.status();
    assert.equal(afterwards.running, true);
    assert.equal(afterwards.pid, before.pid, 'the same postmaster still serves');
    assert.deepEqual(leaseHolders(db), [String(process.pid)], "the child's lease is gone, ours remains");
    assert.deepEqual(await countsOf(db.target), built);
  });

  it('recovers after kill -9 of the process that owns the server: the orphan is reused, then stopped', async () => {
    // Hand the server over: stop it and drop this process's lease, so the child starts and owns it.
    await db.target.engine!.release();
    await db.target.engine!.stop();
    assert.deepEqual(leaseHolders(db), []);

    const holder = await spawnHolder(db.dataDir);
    assert.equal(holder.startedHere, true);
    const orphan = db.target.engine!.status();
    assert.equal(orphan.running, true);
    assert.deepEqual(leaseHolders(db), [String(holder.child.pid)]);

    await killAndWait(holder.child);
    assert.equal(isPostgresProcess(orphan.pid!), true, 'the postmaster outlives its parent');

    const reopened = await openDatabase(db.paths);
    assert.equal(reopened.startedHere, false, 'attached to the orphaned server');
    assert.equal(reopened.port, holder.port);
    assert.equal(reopened.engine!.status().pid, orphan.pid);
    assert.deepEqual(await countsOf(reopened), built);

    // The dead child's lease is pruned, so the last live user stops the server.
    assert.equal(await reopened.engine!.release(), true);
    assert.equal(reopened.engine!.status().running, false);
    assert.deepEqual(leaseHolders(db), []);
  });

  it('recovers after kill -9 of the postmaster itself: a stale postmaster.pid and crash recovery', async () => {
    const first = await openDatabase(db.paths);
    assert.equal(first.startedHere, true);
    const crashed = readPostmasterPid(db.paths.cluster)!;
    assert.ok(crashed, 'postmaster.pid exists');
    process.kill(crashed.pid, 'SIGKILL');
    // No waiting: until init reaps it the killed postmaster is a zombie, which must count as dead.
    const second = await openDatabase(db.paths);
    try {
      assert.equal(second.startedHere, true, 'a new server was started');
      const now = readPostmasterPid(db.paths.cluster)!;
      assert.notEqual(now.pid, crashed.pid);
      assert.deepEqual(await countsOf(second), built);
      const log = fs.readFileSync(db.paths.postgresLog, 'utf8');
      assert.match(log, /database system was (interrupted|not properly shut down)/);
    } finally {
      await second.engine!.release();
      await first.engine!.release();
    }
    assert.equal(db.target.engine!.status().running, false);
  });
});
