// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { query } from '../../main/db/sql-files.ts';
import { callError, callOk, startBridge, type BridgeHandle } from '../helpers/bridge.ts';
import { createTestDatabase, rowCounts, type TestDatabase } from '../helpers/database.ts';

const sql = (client: BridgeHandle, text: string) => callOk(client.client, 'execute_sales_query', { postgresql_query: text });
const refused = async (client: BridgeHandle, text: string) => {
  const error = await callError(client.client, 'execute_sales_query', { postgresql_query: text });
  assert.equal(error.code, 'AUTHORIZATION_ERROR', `${text}: ${error.code} ${error.message}`);
  return error;
};

/**
 * Side channels through which a store manager learned other stores' figures without being
 * given their rows (issue 10, items 1–4), and session state a pooled connection could carry
 * from one call to the next. Real embedded server, real bridge processes.
 */
describe('side channels (as the Seattle store manager)', () => {
  let db: TestDatabase;
  let seattle: BridgeHandle;
  let bellevue: BridgeHandle;
  let headOffice: BridgeHandle;
  let bellevueId: string;
  let countsBefore: Record<string, number>;

  before(async () => {
    db = await createTestDatabase({ scale: 'tiny' });
    const env = { ZAVA_CACHE_TTL_MS: '0', ZAVA_POOL_MAX: '1' };
    [seattle, bellevue, headOffice] = await Promise.all([startBridge(db.dataDir, 'seattle', env), startBridge(db.dataDir, 'bellevue', env), startBridge(db.dataDir, 'head-office', env)]);
    const admin = await db.admin();
    try {
      bellevueId = (await admin.query("SELECT store_id FROM retail.stores WHERE store_name = 'Zava Retail Bellevue'")).rows[0].store_id;
      countsBefore = await rowCounts(admin);
    } finally {
      await admin.end();
    }
  });

  after(async () => {
    await Promise.all([seattle, bellevue, headOffice].map((b) => b?.close()));
    const admin = await db.admin();
    try {
      assert.deepEqual(await rowCounts(admin), countsBefore);
    } finally {
      await admin.end();
    }
    await db.close();
  });

  it('1. EXPLAIN ANALYZE, in any spelling, is refused: its row counts would show Bellevue’s customers', async () => {
    for (const text of [
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT * FROM retail.customers WHERE primary_store_id = '${bellevueId}'`,
      `explain analyze SELECT * FROM retail.orders WHERE store_id = '${bellevueId}'`,
      `/* just a comment */ ExPlAiN (aNaLyZe) SELECT count(*) FROM retail.order_items`,
      `-- a line comment\n  EXPLAIN/**/(FORMAT JSON, ANALYZE true) SELECT * FROM retail.orders`,
      'EXPLAIN ANALYZE WITH o AS (SELECT * FROM retail.orders) SELECT count(*) FROM o',
    ]) {
      const error = await refused(seattle, text);
      assert.match(error.message, /EXPLAIN is not allowed for seattle/);
    }
  });

  it('2. plain EXPLAIN is refused too (its estimates mirror each store’s order volume); head office keeps it', async () => {
    const text = `EXPLAIN SELECT * FROM retail.orders WHERE store_id = '${bellevueId}'`;
    await refused(seattle, text);
    const plan = await sql(headOffice, text);
    assert.ok(plan.n >= 1 && /Scan/.test(String(plan.r[0][0])));
  });

  it('only a single SELECT, WITH … SELECT, VALUES or TABLE reaches the database for store identities', async () => {
    for (const ok of ['SELECT 1', 'WITH x AS (SELECT 2) SELECT * FROM x', 'VALUES (3)', 'TABLE retail.stores']) assert.ok((await sql(seattle, ok)).n >= 1, ok);
    for (const text of [
      'SHOW work_mem',
      'SET work_mem = 1024',
      'PREPARE leak AS SELECT 1',
      'LISTEN leak',
      'DO $$ BEGIN END $$',
      'COPY retail.stores TO STDOUT',
      'CALL leak()',
      'WITH d AS (DELETE FROM retail.orders RETURNING *) SELECT count(*) FROM d',
      'SELECT 1 INTO leak',
      'DECLARE leak CURSOR WITH HOLD FOR SELECT 1',
      'COMMIT',
      'EXPLAIN DELETE FROM retail.orders',
    ]) {
      const error = await refused(seattle, text);
      assert.match(error.message, /not allowed/);
    }
  });

  it('3. statement and table statistics are closed to identities, and still open to the dashboard’s admin', async () => {
    // Bellevue runs a query over its orders; Seattle used to read its row count from pg_stat_statements.
    await sql(bellevue, 'SELECT * FROM retail.orders LIMIT 5');
    for (const text of [
      'SELECT userid, calls, rows FROM pg_stat_statements',
      'SELECT * FROM pg_stat_statements(true)',
      'SELECT * FROM pg_stat_statements_info',
      "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'orders'",
      "SELECT n_tup_ins FROM pg_stat_all_tables WHERE relname = 'customers'",
      "SELECT heap_blks_read FROM pg_statio_user_tables WHERE relname = 'orders'",
      "SELECT idx_tup_read FROM pg_stat_user_indexes WHERE relname = 'orders'",
      "SELECT pg_stat_get_live_tuples('retail.orders'::regclass)",
      "SELECT pg_stat_get_tuples_inserted('retail.customers'::regclass)",
      "SELECT most_common_vals, most_common_freqs FROM pg_stats WHERE tablename = 'orders' AND attname = 'store_id'",
      'SELECT tup_returned FROM pg_stat_database',
    ]) {
      await refused(seattle, text);
    }
    const admin = await db.admin();
    try {
      const { rows } = await admin.query(query('top_statements'), [5, true]);
      assert.ok(rows.length > 0, 'the admin still reads pg_stat_statements');
      assert.ok(Number((await admin.query("SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'orders'")).rows.length) === 1);
    } finally {
      await admin.end();
    }
  });

  it('4. identities cannot take advisory locks; the admin (embeddings job) always can', async () => {
    for (const text of ['SELECT pg_advisory_lock(4242)', 'SELECT pg_try_advisory_lock(4242)', 'SELECT pg_advisory_lock_shared(1, 2)', 'SELECT pg_advisory_xact_lock(4242)', 'SELECT pg_advisory_unlock_all()']) {
      await refused(seattle, text);
    }
    const admin = await db.admin();
    try {
      assert.equal((await admin.query('SELECT pg_try_advisory_lock(4242) AS ok')).rows[0].ok, true);
      await admin.query('SELECT pg_advisory_unlock(4242)');
    } finally {
      await admin.end();
    }
  });

  it('a pooled connection carries no session state from one call to the next (pool of one)', async () => {
    const snapshot = async () =>
      (
        await sql(
          seattle,
          `SELECT pg_backend_pid() AS pid, current_user AS usr, session_user AS sess, current_setting('role') AS role,
                  current_setting('transaction_read_only') AS ro, coalesce(current_setting('zava.leak', true), '') AS custom,
                  (SELECT count(*) FROM pg_prepared_statements) AS prepared, (SELECT count(*) FROM pg_cursors) AS cursors,
                  (SELECT count(*) FROM pg_listening_channels()) AS channels, pg_my_temp_schema()::int AS temp_schema,
                  (SELECT count(*) FROM pg_prepared_xacts) AS xacts,
                  (SELECT md5(string_agg(name || '=' || setting, ',' ORDER BY name)) FROM pg_settings) AS settings`,
        )
      ).r[0];
    const before = await snapshot();
    before[5] = '';
    const attempts: [string, 'ok' | 'refused'][] = [
      ["SELECT set_config('zava.leak', 'yes', false)", 'ok'],
      ["SELECT set_config('work_mem', '77kB', false)", 'ok'],
      ["SELECT set_config('statement_timeout', '0', false)", 'ok'],
      ["SELECT set_config('default_transaction_read_only', 'off', false)", 'ok'],
      ["SELECT set_config('search_path', 'pg_temp', false)", 'ok'],
      ["SELECT set_config('role', 'zava_store_seattle', false)", 'ok'],
      ['SET SESSION work_mem = 99', 'refused'],
      ['SET ROLE store_managers', 'refused'],
      ['SET SESSION AUTHORIZATION zava_head_office', 'refused'],
      ['SELECT pg_advisory_lock(4242)', 'refused'],
      ['PREPARE leak AS SELECT 1', 'refused'],
      ['LISTEN leak', 'refused'],
      ['CREATE TEMP TABLE leak (x int)', 'refused'],
      ['DECLARE leak CURSOR WITH HOLD FOR SELECT 1', 'refused'],
      ["PREPARE TRANSACTION 'leak'", 'refused'],
      ['COMMIT', 'refused'],
      ['SELECT setseed(0.5)', 'refused'],
      ["SELECT nextval(c.oid) FROM pg_class c WHERE c.relkind = 'S' LIMIT 1", 'ok'],
    ];
    for (const [text, expected] of attempts) {
      if (expected === 'refused') await refused(seattle, text);
      else {
        const result = await seattle.client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: text } });
        // A write the read-only transaction refuses (nextval) is as good as refused: nothing happens.
        if (result.isError) assert.match((result.structuredContent as any).error.code, /AUTHORIZATION_ERROR|DATABASE_ERROR/, text);
      }
      assert.deepEqual(await snapshot(), before, `state left behind by: ${text}`);
    }
    assert.equal(before[0], (await snapshot())[0], 'every call ran on the same backend');
    const lastval = await callError(seattle.client, 'execute_sales_query', { postgresql_query: 'SELECT lastval()' });
    assert.equal(lastval.sqlState, '55000', 'no sequence was ever advanced in this session');
    const admin = await db.admin();
    try {
      assert.equal((await admin.query('SELECT pg_try_advisory_lock(4242) AS ok')).rows[0].ok, true, 'no identity holds the advisory lock');
    } finally {
      await admin.end();
    }
  });
});
