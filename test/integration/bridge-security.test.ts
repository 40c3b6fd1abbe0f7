// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callError, callOk, startBridge, type BridgeHandle } from '../helpers/bridge.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const TIMEOUT_MS = 1_500;
/** The bridge's default row cap (sized for a model's context). */
const ROW_CAP = 200;

describe('execute_sales_query against hostile SQL (as the Seattle store manager)', () => {
  let db: TestDatabase;
  let bridge: BridgeHandle;
  let seattleOrders: number;
  let allOrders: number;
  let checksumBefore: string;

  const checksum = async () => {
    const admin = await db.admin();
    try {
      const { rows } = await admin.query(`SELECT (SELECT count(*) FROM retail.orders) || ':' || (SELECT count(*) FROM retail.order_items) || ':' ||
        (SELECT sum(total_amount) FROM retail.orders) || ':' || (SELECT count(*) FROM rls.identity_stores) || ':' ||
        (SELECT count(*) FROM pg_roles) || ':' || (SELECT count(*) FROM pg_class) AS sum`);
      return rows[0].sum as string;
    } finally {
      await admin.end();
    }
  };
  const count = async (sql = 'SELECT count(*) FROM retail.orders') => (await callOk(bridge.client, 'execute_sales_query', { postgresql_query: sql })).r[0][0];

  before(async () => {
    db = await createTestDatabase({ scale: 'tiny' });
    bridge = await startBridge(db.dataDir, 'seattle', { ZAVA_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS), ZAVA_ROW_CAP: String(ROW_CAP), ZAVA_CACHE_TTL_MS: '0' });
    const admin = await db.admin();
    seattleOrders = Number((await admin.query("SELECT count(*) FROM retail.orders JOIN retail.stores USING (store_id) WHERE store_name = 'Zava Retail Seattle'")).rows[0].count);
    allOrders = Number((await admin.query('SELECT count(*) FROM retail.orders')).rows[0].count);
    await admin.end();
    checksumBefore = await checksum();
    assert.ok(seattleOrders > 0 && seattleOrders < allOrders);
  });

  after(async () => {
    await bridge.close();
    await db.close();
  });

  it('sees only Seattle', async () => assert.equal(await count(), seattleOrders));

  it('identity spoofing through session settings leaks nothing', async () => {
    for (const sql of [
      "SELECT set_config('app.current_rls_user_id', '00000000-0000-0000-0000-000000000000', false), (SELECT count(*) FROM retail.orders)",
      "SELECT set_config('app.current_rls_user_id', '00000000-0000-0000-0000-000000000000', true), (SELECT count(*) FROM retail.orders)",
      "WITH x AS (SELECT set_config('rls.user', 'zava_head_office', false)) SELECT (SELECT count(*) FROM retail.orders) FROM x",
    ]) {
      const out = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: sql });
      assert.equal(out.r[0].at(-1), seattleOrders, sql);
    }
    assert.equal(await count(), seattleOrders);
  });

  it('role escapes are refused with AUTHORIZATION_ERROR', async () => {
    for (const sql of [
      'SET ROLE zava_head_office',
      'SET ROLE head_office',
      'SET ROLE store_managers',
      'SET SESSION AUTHORIZATION zava_head_office',
      "SELECT set_config('role', 'zava_head_office', false)",
      "SELECT set_config('session_authorization', 'postgres', false)",
      'ALTER ROLE zava_store_seattle BYPASSRLS',
      'GRANT head_office TO zava_store_seattle',
    ]) {
      const error = await callError(bridge.client, 'execute_sales_query', { postgresql_query: sql });
      assert.equal(error.code, 'AUTHORIZATION_ERROR', `${sql}: ${error.message}`);
    }
    // RESET ROLE is not a query: the statement gate refuses it before the database sees it.
    assert.equal((await callError(bridge.client, 'execute_sales_query', { postgresql_query: 'RESET ROLE' })).code, 'AUTHORIZATION_ERROR');
    assert.equal(await count(), seattleOrders);
  });

  it('writes and DDL are refused and change nothing', async () => {
    for (const sql of [
      'DELETE FROM retail.orders',
      "UPDATE retail.orders SET status = 'cancelled'",
      "INSERT INTO retail.stores (store_id, store_name, location, manager_id, created_at) VALUES (gen_random_uuid(), 'x', 'x', gen_random_uuid(), now())",
      'TRUNCATE retail.order_items',
      'CREATE TABLE retail.evil (id int)',
      'CREATE TEMP TABLE evil (id int)',
      "CREATE FUNCTION public.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'",
      "INSERT INTO rls.identity_stores SELECT 'zava_store_seattle', gen_random_uuid(), store_id FROM retail.stores",
      'DELETE FROM rls.identity_stores',
      'DROP TABLE retail.orders',
      "COPY retail.orders FROM PROGRAM 'id'",
      'SELECT lo_import(\'/etc/passwd\')',
      "DO $$ BEGIN DELETE FROM retail.orders; END $$",
    ]) {
      const error = await callError(bridge.client, 'execute_sales_query', { postgresql_query: sql });
      assert.equal(error.code, 'AUTHORIZATION_ERROR', `${sql}: ${error.code} ${error.message}`);
    }
    assert.equal(await checksum(), checksumBefore);
  });

  it('several statements in one call are refused outright, whatever the comments say', async () => {
    for (const sql of ['SELECT 1; SELECT 2', 'SELECT 1; DELETE FROM retail.orders', "SELECT 1 /* harmless */; SET ROLE zava_head_office"]) {
      const error = await callError(bridge.client, 'execute_sales_query', { postgresql_query: sql });
      assert.equal(error.code, 'VALIDATION_ERROR', sql);
    }
    // Comments are just comments: one statement runs, nothing else.
    const out = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: "SELECT count(*) FROM retail.orders /* ; DELETE FROM retail.orders */ -- '; DROP TABLE retail.orders" });
    assert.equal(out.r[0][0], seattleOrders);
    const hidden = await callError(bridge.client, 'execute_sales_query', { postgresql_query: '-- just a comment\nDELETE FROM retail.orders' });
    assert.equal(hidden.code, 'AUTHORIZATION_ERROR');
    assert.equal(await checksum(), checksumBefore);
  });

  it('server files, programs and secrets are out of reach', async () => {
    for (const sql of [
      "SELECT pg_read_file('/etc/passwd')",
      "SELECT pg_read_binary_file('postgresql.conf')",
      "SELECT * FROM pg_ls_dir('.')",
      "COPY (SELECT 1) TO '/tmp/zava-evil'",
      "COPY (SELECT 1) TO PROGRAM 'touch /tmp/zava-evil'",
      'SELECT rolpassword FROM pg_authid',
      'SELECT pg_reload_conf()',
      'CREATE EXTENSION dblink',
    ]) {
      const error = await callError(bridge.client, 'execute_sales_query', { postgresql_query: sql });
      assert.equal(error.code, 'AUTHORIZATION_ERROR', `${sql}: ${error.code} ${error.message}`);
    }
    const mapping = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT DISTINCT role_name FROM rls.identity_stores' });
    assert.deepEqual(mapping.r, [['zava_store_seattle']]);
  });

  it('errors never echo other stores’ rows: RLS filters before any expression can fail on them', async () => {
    // A cast that would fail on any Tacoma order id (and quote it in the message) never sees one.
    const out = await callOk(bridge.client, 'execute_sales_query', {
      postgresql_query: "SELECT o.order_id::text::int FROM retail.orders o JOIN retail.stores s USING (store_id) WHERE s.store_name = 'Zava Retail Tacoma'",
    });
    assert.equal(out.n, 0);
    const own = await callError(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT o.order_id::text::int FROM retail.orders o' });
    assert.equal(own.code, 'DATABASE_ERROR');
    assert.equal(own.sqlState, '22P02');
  });

  it('huge results are capped by rows and by bytes, and say so', async () => {
    const rows = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT a.quantity FROM retail.order_items a CROSS JOIN retail.order_items b' });
    assert.equal(rows.truncated, true);
    assert.equal(rows.truncated_by, 'row_cap');
    assert.equal(rows.n, ROW_CAP);
    assert.equal(rows.r.length, ROW_CAP);
    const bytes = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: "SELECT repeat('x', 100000) FROM generate_series(1, 100)" });
    assert.equal(bytes.truncated, true);
    assert.equal(bytes.truncated_by, 'byte_cap');
    assert.ok(bytes.n < 100);
    const exact = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: `SELECT g FROM generate_series(1, ${ROW_CAP}) g` });
    assert.equal(exact.truncated, false);
    assert.equal(exact.n, ROW_CAP);
  });

  it('slow queries stop at the statement timeout, even when the query tries to lift it', async () => {
    for (const sql of ['SELECT pg_sleep(10)', "SELECT set_config('statement_timeout', '0', false), pg_sleep(10)"]) {
      const started = Date.now();
      const error = await callError(bridge.client, 'execute_sales_query', { postgresql_query: sql });
      const elapsed = Date.now() - started;
      assert.equal(error.code, 'QUERY_TIMEOUT', sql);
      assert.ok(elapsed >= TIMEOUT_MS - 50 && elapsed < TIMEOUT_MS + 1_000, `${sql} took ${elapsed} ms`);
    }
    assert.equal(await count(), seattleOrders);
  });

  it('bad arguments get VALIDATION_ERROR and the process stays up', async () => {
    for (const args of [{}, { postgresql_query: 42 }, { postgresql_query: '' }, { postgresql_query: 'x'.repeat(20_001) }]) {
      const error = await callError(bridge.client, 'execute_sales_query', args);
      assert.equal(error.code, 'VALIDATION_ERROR', JSON.stringify(args).slice(0, 80));
    }
    await assert.rejects(bridge.client.callTool({ name: 'no_such_tool', arguments: {} }), /Unknown tool/);
    assert.equal(await count(), seattleOrders);
  });
});
