// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { identityConfig } from '../../main/db/database.ts';
import { resolveIdentity } from '../../main/db/identities.ts';
import { PooledExecutor } from '../../main/bridge/executor.ts';
import { loadBridgeSettings } from '../../main/kernel/config/bridge-settings.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/** Fails instead of hanging: a call nobody answers is the bug these tests look for. */
const within = <T>(ms: number, promise: Promise<T>, what: string): Promise<T> => {
  const late = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref();
  });
  return Promise.race([promise, late]);
};

describe('PooledExecutor on the real database (head office)', () => {
  let db: TestDatabase;
  let executor: PooledExecutor;

  before(async () => {
    db = await createTestDatabase();
    executor = new PooledExecutor(identityConfig(db.target, resolveIdentity('head-office')), loadBridgeSettings(db.paths, {}), 'zava-executor-test');
  });
  after(async () => {
    await executor?.close();
    await db?.close();
  });

  it('a call right after a capped one is answered, though the capped connection is closed, not reused', async () => {
    // The capped call's answer comes before its batch has settled (and its connection, which saw
    // a cancel, is closed): the next call waits for that connection, then must get another.
    for (let i = 0; i < 20; i++) {
      const capped = await within(5_000, executor.run('SELECT g FROM generate_series(1, 50) g', { rowCap: 5 }), 'capped call');
      assert.equal(capped.truncatedBy, 'row_cap');
      assert.equal(capped.rowCount, 5);
      const next = await within(5_000, executor.run('SELECT 1 AS one'), `call ${i} after a capped one`);
      assert.deepEqual(next.rows, [[1]]);
    }
  });

  it('a call right after a failed one runs in a fresh read-only transaction on the same connection', async () => {
    const pid = (await executor.run('SELECT pg_backend_pid()')).rows[0]![0];
    await assert.rejects(executor.run('SELECT 1/0'), /division by zero/);
    const after = await within(5_000, executor.run("SELECT pg_backend_pid(), current_setting('transaction_read_only')"), 'call after a failure');
    assert.deepEqual(after.rows, [[pid, 'on']]);
  });
});
