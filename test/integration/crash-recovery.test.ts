import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DatabaseService } from '../../main/app/database-service.ts';
import { FileLogger } from '../../main/app/file-logger.ts';
import { HealthService } from '../../main/app/health-service.ts';
import { SettingsFile } from '../../main/kernel/config/settings-file.ts';
import { startLockFile } from '../../main/db/engine.ts';
import { readPostmasterPid } from '../../main/db/postmaster.ts';
import { CLI, REPO_ROOT, callOk, startBridge, type BridgeHandle } from '../helpers/bridge.ts';
import { cliEnv } from '../helpers/cli.ts';
import { createTestDatabase, rowCounts, type TestDatabase } from '../helpers/database.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Crashes (issue 10, items 5, 7 and 8): each leaves the data exactly as it was. */
describe('crash recovery', () => {
  let db: TestDatabase;
  let countsBefore: Record<string, number>;

  const counts = async () => {
    const admin = await db.admin();
    try {
      return await rowCounts(admin);
    } finally {
      await admin.end();
    }
  };

  before(async () => {
    db = await createTestDatabase({ scale: 'tiny', seed: 42, cluster: 'own' });
    countsBefore = await counts();
  });

  after(async () => {
    await db.close();
  });

  it('5. kill -9 of the postmaster: the bridge restarts it and answers again within 5 s; health shows the outage and the recovery', async () => {
    // The bridge starts the server itself, as it does when the app is closed.
    await db.target.engine!.stop();
    const bridge = await startBridge(db.dataDir, 'seattle', { ZAVA_CACHE_TTL_MS: '0' });
    const database = new DatabaseService(db.paths, new SettingsFile(db.paths.settings), new FileLogger(db.paths.logs, 'crash-test'));
    const health = new HealthService({
      database,
      bridge: {
        state: () => ({ status: 'ready', identity: 'seattle', pid: bridge.pid, restarts: 0, lastError: null, nextRetryAt: null }) as any,
        ping: async () => {
          const began = performance.now();
          await bridge.client.ping();
          return performance.now() - began;
        },
        listTools: async () => (await bridge.client.listTools()).tools as any,
      },
      settings: new SettingsFile(db.paths.settings),
      embeddings: async () => ({ status: 'ok', summary: 'not under test', details: {} }) as any,
    });
    try {
      const orders = (await callOk(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT count(*) FROM retail.orders' })).r[0][0];
      await database.open();
      assert.equal((await health.report()).database.status, 'ok');

      const postmaster = readPostmasterPid(db.paths.cluster)!.pid;
      // The bridge restarts the server within a few hundred ms: the test holds the engine's start
      // lock (as a starting process would) until health has been asked, so a slow test process
      // cannot miss the outage. The bridge's restart waits for it.
      const startLock = startLockFile(db.paths);
      fs.mkdirSync(db.paths.run, { recursive: true });
      fs.writeFileSync(startLock, String(process.pid), { flag: 'wx' });
      process.kill(postmaster, 'SIGKILL');
      const killedAt = performance.now();
      let outage;
      try {
        await sleep(50);
        outage = await health.report();
      } finally {
        fs.rmSync(startLock, { force: true });
      }
      assert.equal(outage.database.status, 'error', 'health shows the outage');

      const answer = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT count(*) FROM retail.orders' });
      const recoveryMs = performance.now() - killedAt;
      console.log(`recovery after kill -9 of the postmaster: ${Math.round(recoveryMs)} ms (first call answered)`);
      assert.equal(answer.r[0][0], orders);
      assert.ok(recoveryMs < 5_000, `answered ${Math.round(recoveryMs)} ms after the kill`);
      assert.notEqual(readPostmasterPid(db.paths.cluster)!.pid, postmaster, 'a new postmaster runs');

      const recovered = await health.report();
      assert.equal(recovered.database.status, 'ok', 'health shows the recovery');
      assert.ok(recovered.database.lastError, 'and keeps the outage as its last error');
      assert.deepEqual(await counts(), countsBefore);
    } finally {
      await database.release();
      await bridge.close();
    }
  });

  it('a server stopped on purpose (`db stop`) stays stopped while the bridge idles; the next call starts it again', async () => {
    const bridge = await startBridge(db.dataDir, 'seattle', { ZAVA_CACHE_TTL_MS: '0' });
    try {
      const orders = (await callOk(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT count(*) FROM retail.orders' })).r[0][0];
      // The bridge now holds an idle connection, which a clean shutdown ends. The bridge is paused
      // meanwhile, so it learns of the end only once the server is gone, as a busy bridge would.
      process.kill(bridge.pid!, 'SIGSTOP');
      let stop;
      try {
        stop = spawnSync(process.execPath, [CLI, 'db', 'stop'], { cwd: REPO_ROOT, env: cliEnv(db.dataDir), encoding: 'utf8', timeout: 60_000 });
      } finally {
        process.kill(bridge.pid!, 'SIGCONT');
      }
      assert.equal(stop.status, 0, stop.stderr);
      // A crash is restarted within a few hundred ms (test 5); a stop is left alone.
      await sleep(1_500);
      const { running, crashed } = db.target.engine!.status();
      assert.deepEqual({ running, crashed }, { running: false, crashed: false }, 'still stopped, and not taken for a crash');
      const answer = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT count(*) FROM retail.orders' });
      assert.equal(answer.r[0][0], orders);
      assert.equal(db.target.engine!.status().running, true, 'the call started it again');
      assert.deepEqual(await counts(), countsBefore);
    } finally {
      await bridge.close();
    }
  });

  it('7. kill -9 of a bridge mid-query: its query stops on the server within about 2 s', async () => {
    const bridge = await startBridge(db.dataDir, 'seattle', { ZAVA_STATEMENT_TIMEOUT_MS: '60000' });
    const admin = await db.admin();
    try {
      const running = async () =>
        Number((await admin.query("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%orphan_me%' AND pid <> pg_backend_pid()")).rows[0].count);
      const call = bridge.client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT pg_sleep(12) AS orphan_me' } }).catch(() => undefined);
      const seenBy = Date.now() + 10_000;
      while ((await running()) === 0) {
        assert.ok(Date.now() < seenBy, 'the query never started');
        await sleep(25);
      }
      process.kill(bridge.pid!, 'SIGKILL');
      const killedAt = performance.now();
      while ((await running()) > 0) {
        assert.ok(performance.now() - killedAt < 3_000, 'the orphaned query still runs 3 s after its bridge died');
        await sleep(25);
      }
      console.log(`orphaned query stopped ${Math.round(performance.now() - killedAt)} ms after kill -9 of its bridge`);
      await call;
      assert.deepEqual(await rowCounts(admin), countsBefore);
    } finally {
      await admin.end();
      await bridge.close();
    }
  });

  it('backends terminated mid-call: the read-only call is retried, then fails with a clear error; the bridge stays up and serves the next', async () => {
    const bridge = await startBridge(db.dataDir, 'seattle', { ZAVA_STATEMENT_TIMEOUT_MS: '60000', ZAVA_CACHE_TTL_MS: '0' });
    const admin = await db.admin();
    try {
      let settled = false;
      const call = bridge.client
        .callTool({ name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT pg_sleep(12) AS terminate_me' } })
        .finally(() => (settled = true));
      // Every attempt is terminated as soon as it runs, until the bridge gives up.
      let terminated = 0;
      const giveUpBy = Date.now() + 20_000;
      while (!settled) {
        const { rows } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%terminate_me%' AND pid <> pg_backend_pid()");
        terminated += rows.length;
        assert.ok(Date.now() < giveUpBy, `the call neither ended nor failed after ${terminated} terminations`);
        await sleep(20);
      }
      const failed = (await call) as { isError?: boolean; structuredContent?: any };
      assert.ok(terminated >= 2, `the read-only statement was retried (${terminated} attempts terminated)`);
      assert.equal(failed.isError, true);
      assert.match(failed.structuredContent.error.message, /terminat|connection|unavailable|not reachable/i);
      const next = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT 1 AS still_here' });
      assert.equal(next.r[0][0], 1);
    } finally {
      await admin.end();
      await bridge.close();
    }
  });

  it('with ZAVA_DATABASE_URL, a lost server gives a clear UNAVAILABLE with backoff, and calls succeed once it is back', async () => {
    const admin = db.target.admin;
    const url = `postgres://${admin.user}:${encodeURIComponent(String(admin.password))}@127.0.0.1:${db.target.port}/${db.target.database}`;
    const bridge = await startBridge(db.dataDir, 'seattle', { ZAVA_DATABASE_URL: url, ZAVA_CACHE_TTL_MS: '0' });
    const ask = () => bridge.client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT count(*) FROM retail.orders' } });
    try {
      const orders = (await callOk(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT count(*) FROM retail.orders' })).r[0][0];
      await db.target.engine!.stop();
      const first = (await ask()).structuredContent as any;
      assert.equal(first.error.code, 'UNAVAILABLE');
      assert.match(first.error.message, /not reachable .*retries with backoff: next attempt in/);
      const began = performance.now();
      const fast = (await ask()).structuredContent as any;
      assert.equal(fast.error.code, 'UNAVAILABLE');
      assert.ok(performance.now() - began < 500, 'inside the backoff window the answer is immediate');
      await db.target.engine!.ensureRunning();
      const deadline = Date.now() + 10_000;
      for (;;) {
        const result = await ask();
        if (!result.isError) {
          assert.equal((result.structuredContent as any).r[0][0], orders);
          break;
        }
        assert.ok(Date.now() < deadline, `still unavailable 10 s after the server returned: ${JSON.stringify(result.structuredContent)}`);
        await sleep(250);
      }
      assert.deepEqual(await counts(), countsBefore);
    } finally {
      await bridge.close();
    }
  });

  it('8. two concurrent `db reset`: the second exits non-zero with "another reset is running"; the data stays intact', async () => {
    const env = cliEnv(db.dataDir);
    const run = (args: string[]) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      const done = new Promise<number | null>((resolve) => child.on('close', resolve));
      return { child, stderr: () => stderr, done };
    };
    const first = run(['db', 'reset', '--scale', 'tiny', '--seed', '42', '--yes']);
    const startedBy = Date.now() + 60_000;
    while (!/\] (data|indexes|roles|embeddings):/.test(first.stderr())) {
      assert.ok(Date.now() < startedBy, `the first reset never started loading: ${first.stderr()}`);
      await sleep(25);
    }
    const second = run(['db', 'reset', '--scale', 'tiny', '--seed', '42', '--yes']);
    const secondCode = await second.done;
    assert.notEqual(secondCode, 0, second.stderr());
    assert.match(second.stderr(), /another reset is running/i);
    assert.doesNotMatch(second.stderr(), /duplicate key|unexpected error|at .*\.ts:\d+/);
    assert.equal(await first.done, 0, first.stderr());
    assert.deepEqual(await counts(), countsBefore);
  });
});
