// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { identityConfig } from '../../main/db/database.ts';
import { IDENTITIES, resolveIdentity, STORES, type Identity } from '../../main/db/identities.ts';
import { syncIdentities } from '../../main/db/roles.ts';
import { query } from '../../main/db/sql-files.ts';
import { createTestDatabase, rowCounts, type TestDatabase } from '../helpers/database.ts';

const HEAD_OFFICE_ID = '00000000-0000-0000-0000-000000000000';
/** server_version_num from which a role's membership can forbid SET ROLE (GRANT … WITH SET FALSE). */
const GRANT_SET_OPTION_SINCE = 160000;
const seattle = resolveIdentity('seattle');

type Counts = Map<string, number>;

/** What the superuser sees: the generator's output, the ground truth for every identity. */
interface Truth {
  storeIdBySlug: Map<string, string>;
  ordersByStore: Counts;
  itemsByStore: Counts;
  inventoryByStore: Counts;
  /** customer_id → primary store id, and the stores each customer ordered at. */
  primaryStore: Map<string, string>;
  orderedAt: Map<string, Set<string>>;
  catalog: Record<string, number>;
}

async function byStore(client: pg.ClientBase, table: string): Promise<Counts> {
  const { rows } = await client.query<{ store_id: string; n: string }>(`SELECT store_id, count(*) AS n FROM retail.${table} GROUP BY 1`);
  return new Map(rows.map((r) => [r.store_id, Number(r.n)]));
}

async function loadTruth(admin: pg.ClientBase): Promise<Truth> {
  const stores = (await admin.query<{ store_id: string; store_name: string }>('SELECT store_id, store_name FROM retail.stores')).rows;
  const storeIdBySlug = new Map(STORES.map((s) => [s.slug, stores.find((r) => r.store_name === s.name)!.store_id]));
  const primaryStore = new Map(
    (await admin.query<{ customer_id: string; primary_store_id: string }>('SELECT customer_id, primary_store_id FROM retail.customers')).rows.map((r) => [r.customer_id, r.primary_store_id]),
  );
  const orderedAt = new Map<string, Set<string>>();
  for (const r of (await admin.query<{ customer_id: string; store_id: string }>('SELECT DISTINCT customer_id, store_id FROM retail.orders')).rows) {
    if (!orderedAt.has(r.customer_id)) orderedAt.set(r.customer_id, new Set());
    orderedAt.get(r.customer_id)!.add(r.store_id);
  }
  const counts = await rowCounts(admin);
  return {
    storeIdBySlug,
    ordersByStore: await byStore(admin, 'orders'),
    itemsByStore: await byStore(admin, 'order_items'),
    inventoryByStore: await byStore(admin, 'inventory'),
    primaryStore,
    orderedAt,
    catalog: { stores: counts.stores!, categories: counts.categories!, product_types: counts.product_types!, products: counts.products! },
  };
}

function storeIdsOf(truth: Truth, identity: Identity): string[] {
  return identity.stores.map((slug) => truth.storeIdBySlug.get(slug)!).sort();
}

function restrict(counts: Counts, storeIds: string[]): Counts {
  return new Map([...counts].filter(([id]) => storeIds.includes(id)));
}

/** The lab's rule, computed here from the raw rows: primary-store customers plus anyone who ordered there. */
function expectedCustomers(truth: Truth, storeIds: string[]): string[] {
  return [...truth.primaryStore.keys()]
    .filter((c) => storeIds.includes(truth.primaryStore.get(c)!) || [...(truth.orderedAt.get(c) ?? [])].some((s) => storeIds.includes(s)))
    .sort();
}

async function ownOrderCount(client: pg.ClientBase): Promise<number> {
  return Number((await client.query('SELECT count(*) AS n FROM retail.orders')).rows[0].n);
}

/** Asserts that `sql` fails with one of `codes`; returns the error for further checks. */
async function refused(client: pg.ClientBase, sql: string | pg.QueryConfig, codes: string | string[]): Promise<pg.DatabaseError> {
  const wanted = Array.isArray(codes) ? codes : [codes];
  const text = typeof sql === 'string' ? sql : sql.text;
  try {
    await client.query(sql as pg.QueryConfig);
  } catch (error) {
    const e = error as pg.DatabaseError;
    assert.ok(wanted.includes(e.code ?? ''), `${text}: expected SQLSTATE ${wanted.join('/')}, got ${e.code}: ${e.message}`);
    return e;
  }
  assert.fail(`${text}: expected SQLSTATE ${wanted.join('/')}, but it succeeded`);
}

/**
 * Everything an identity session could conceivably change: data, objects, grants, roles,
 * memberships, large objects. Taken as the superuser before and after each attack.
 */
async function snapshot(admin: pg.ClientBase): Promise<unknown> {
  const q = async (sql: string) => (await admin.query(sql)).rows;
  return {
    counts: await rowCounts(admin),
    orders: await q("SELECT md5(string_agg(o::text, ',' ORDER BY order_id)) FROM retail.orders o"),
    stores: await q("SELECT md5(string_agg(s::text, ',' ORDER BY store_id)) FROM retail.stores s"),
    mapping: await q('SELECT role_name, identity_id, store_id FROM rls.identity_stores ORDER BY 1, 3'),
    relations: await q(
      "SELECT n.nspname, c.relname, c.relkind, c.relacl::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1, 2",
    ),
    temporary: await q("SELECT count(*) FROM pg_class WHERE relpersistence = 't'"),
    functions: await q("SELECT p.oid::regprocedure::text, p.proacl::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"),
    policies: await q('SELECT schemaname, tablename, policyname, roles::text, qual FROM pg_policies ORDER BY 1, 2, 3'),
    roles: await q('SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolpassword FROM pg_authid ORDER BY 1'),
    // Every column the server has (inherit_option and set_option exist from PostgreSQL 16).
    members: await q("SELECT roleid::regrole::text, member::regrole::text, to_jsonb(m) - 'oid' AS options FROM pg_auth_members m ORDER BY 1, 2"),
    databases: await q('SELECT datname, datacl::text FROM pg_database ORDER BY 1'),
    largeObjects: await q('SELECT count(*) FROM pg_largeobject_metadata'),
    settings: await q('SELECT setdatabase, setrole::regrole::text, setconfig FROM pg_db_role_setting ORDER BY 1, 2'),
  };
}

describe('row-level security, logged in as each identity', () => {
  let db: TestDatabase;
  let admin: pg.Client;
  let truth: Truth;
  /** server_version_num: a few settings and role options differ between PostgreSQL versions. */
  let serverVersion: number;

  before(async () => {
    // A cluster of its own: the snapshots compare cluster-wide catalogs (roles, databases) and a test re-syncs the roles.
    db = await createTestDatabase({ scale: 'tiny', cluster: 'own' });
    admin = await db.admin();
    truth = await loadTruth(admin);
    serverVersion = Number((await admin.query("SELECT current_setting('server_version_num') AS v")).rows[0].v);
    assert.equal([...truth.ordersByStore.values()].reduce((a, b) => a + b, 0), db.build.counts.orders);
    assert.equal(truth.ordersByStore.size, STORES.length, 'every store has orders at tiny scale');
  });

  after(async () => {
    await admin?.end();
    await db?.close();
  });

  it('has one login role per identity: 8 store managers, 3 regional managers, head office', () => {
    assert.equal(IDENTITIES.filter((i) => i.kind === 'store_manager').length, 8);
    assert.equal(IDENTITIES.filter((i) => i.kind === 'regional_manager').length, 3);
    assert.deepEqual(resolveIdentity('head-office').stores.sort(), STORES.map((s) => s.slug).sort());
    assert.equal(resolveIdentity('head-office').id, HEAD_OFFICE_ID);
  });

  for (const identity of IDENTITIES) {
    it(`${identity.slug} sees exactly its stores' orders, items, inventory and customers`, async () => {
      const own = storeIdsOf(truth, identity);
      const client = await db.as(identity);
      try {
        const who = (await client.query('SELECT current_user, session_user')).rows[0];
        assert.deepEqual(who, { current_user: identity.role, session_user: identity.role });

        assert.deepEqual(await byStore(client, 'orders'), restrict(truth.ordersByStore, own));
        assert.deepEqual(await byStore(client, 'order_items'), restrict(truth.itemsByStore, own));
        assert.deepEqual(await byStore(client, 'inventory'), restrict(truth.inventoryByStore, own));
        const customers = (await client.query<{ customer_id: string }>('SELECT customer_id FROM retail.customers ORDER BY 1')).rows.map((r) => r.customer_id);
        assert.deepEqual(customers, expectedCustomers(truth, own));

        // Catalog tables are shared by everyone.
        const counts = await rowCounts(client);
        for (const [table, n] of Object.entries(truth.catalog)) assert.equal(counts[table], n, table);

        // The seed's functions, answered from current_user.
        const fn = (await client.query('SELECT retail.get_user_store_list() AS list, retail.get_current_user_store() AS one, retail.get_current_identity() AS id')).rows[0];
        assert.deepEqual([...fn.list].sort(), own);
        assert.equal(fn.one, identity.kind === 'store_manager' ? own[0] : null);
        assert.equal(fn.id, identity.id);

        // The mapping shows this identity's own rows only.
        const mapping = (await client.query('SELECT role_name, identity_id, store_id FROM rls.identity_stores ORDER BY store_id')).rows;
        assert.deepEqual(mapping, own.map((store_id) => ({ role_name: identity.role, identity_id: identity.id, store_id })));
      } finally {
        await client.end();
      }
    });
  }

  it('enables row-level security on every store-scoped table, and forces it where the owner is a superuser', async () => {
    const { rows } = await admin.query<{ table: string; enabled: boolean; forced: boolean; owner_super: boolean }>(
      `SELECT c.oid::regclass::text AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced, r.rolsuper AS owner_super
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner
        WHERE n.nspname IN ('retail', 'rls') AND c.relkind = 'r' AND c.relrowsecurity`,
    );
    const tables = rows.map((r) => r.table);
    for (const scoped of ['retail.orders', 'retail.order_items', 'retail.inventory', 'retail.customers', 'rls.identity_stores']) assert.ok(tables.includes(scoped), `${scoped} has RLS enabled`);
    for (const r of rows) assert.equal(r.forced, r.owner_super, `${r.table}: forced exactly when its owner is a superuser`);
  });

  it('head office sees every order; each regional manager exactly the sum of its stores', async () => {
    for (const identity of IDENTITIES.filter((i) => i.kind !== 'store_manager')) {
      const client = await db.as(identity);
      try {
        const expected = storeIdsOf(truth, identity).reduce((sum, id) => sum + truth.ordersByStore.get(id)!, 0);
        assert.equal(await ownOrderCount(client), expected, identity.slug);
        if (identity.kind === 'head_office') assert.equal(expected, db.build.counts.orders);
      } finally {
        await client.end();
      }
    }
  });

  it('ignores set_config and SET of any setting: the lab sample spoof reads nothing more', async () => {
    const otherIds = [HEAD_OFFICE_ID, ...IDENTITIES.map((i) => i.id), ...truth.storeIdBySlug.values()];
    for (const identity of IDENTITIES) {
      const client = await db.as(identity);
      try {
        const own = await ownOrderCount(client);
        for (const name of ['app.current_rls_user_id', 'app.current_store_id', 'app.user_id', 'app.tenant_id', 'zava.identity', 'request.jwt.claim.sub']) {
          for (const value of otherIds) {
            for (const local of [false, true]) {
              const { rows } = await client.query(`SELECT set_config($1, $2, ${local}) AS v, (SELECT count(*) FROM retail.orders) AS n`, [name, value]);
              assert.equal(Number(rows[0].n), own, `${identity.slug}: set_config('${name}', '${value}', ${local})`);
            }
          }
        }
        await client.query(`SET app.current_rls_user_id = '${HEAD_OFFICE_ID}'`);
        assert.equal(await ownOrderCount(client), own);
        const spoof = await client.query(`SELECT set_config('app.current_rls_user_id', '${HEAD_OFFICE_ID}', false), (SELECT count(*) FROM retail.orders) AS n, (SELECT count(*) FROM retail.customers) AS c`);
        assert.equal(Number(spoof.rows[0].n), own);
        assert.equal(Number(spoof.rows[0].c), expectedCustomers(truth, storeIdsOf(truth, identity)).length);

        // Settings that could matter to RLS, planning or privileges.
        // row_security = off never bypasses RLS: a query RLS applies to fails instead. The plan is made
        // before set_config runs, so in-query it either fails or still counts only this identity's rows.
        const off = await client
          .query("SELECT set_config('row_security', 'off', false), (SELECT count(*) FROM retail.orders) AS n")
          .then((r) => Number(r.rows[0].n), (e: pg.DatabaseError) => e.code);
        assert.ok(off === '42501' || off === own, `${identity.slug}: row_security off gave ${off}`);
        await client.query('SET row_security = off');
        await refused(client, 'SELECT count(*) FROM retail.orders', '42501');
        await client.query('RESET row_security');
        if (serverVersion < GRANT_SET_OPTION_SINCE && identity.group === 'head_office') {
          const asGroup = await client.query("SELECT set_config('role', 'head_office', false), (SELECT count(*) FROM retail.orders) AS n");
          assert.equal(Number(asGroup.rows[0].n), own);
          await client.query('RESET ROLE');
        } else {
          await refused(client, "SELECT set_config('role', 'head_office', false), (SELECT count(*) FROM retail.orders)", '42501');
        }
        await refused(client, "SELECT set_config('session_authorization', 'postgres', false), (SELECT count(*) FROM retail.orders)", '42501');
        await refused(client, "SELECT set_config('transaction_read_only', 'off', false)", '25001');
        const forceParallel = serverVersion >= 160000 ? 'debug_parallel_query' : 'force_parallel_mode';
        const planner = await client.query(
          `SELECT set_config('search_path', 'pg_temp, public', false), set_config('${forceParallel}', 'on', false), set_config('parallel_setup_cost', '0', false), set_config('enable_indexscan', 'off', false), set_config('default_transaction_read_only', 'off', false), (SELECT count(*) FROM retail.orders) AS n`,
        );
        assert.equal(Number(planner.rows[0].n), own);
      } finally {
        await client.end();
      }
    }
  });

  it('refuses SET ROLE and SET SESSION AUTHORIZATION; RESET ROLE changes nothing', async () => {
    const before = await snapshot(admin);
    for (const identity of IDENTITIES) {
      const client = await db.as(identity);
      try {
        const own = await ownOrderCount(client);
        const others = ['store_managers', 'regional_managers', 'head_office', 'zava_reader', 'postgres', ...IDENTITIES.filter((i) => i !== identity).map((i) => i.role)];
        for (const role of others) {
          if (serverVersion < GRANT_SET_OPTION_SINCE && [identity.group, 'zava_reader'].includes(role)) {
            // Before PostgreSQL 16 a member may always SET ROLE to its groups: it gains no rows.
            await client.query(`SET ROLE ${role}`);
            const asGroup = await ownOrderCount(client);
            assert.equal(asGroup, role === 'head_office' ? own : 0, `${identity.slug} as ${role}`);
            await client.query('RESET ROLE');
          } else {
            await refused(client, `SET ROLE ${role}`, '42501');
          }
          await refused(client, `SET SESSION AUTHORIZATION ${role}`, '42501');
        }
        await client.query('RESET ROLE');
        await client.query('SET SESSION AUTHORIZATION DEFAULT');
        await client.query(`SET ROLE ${identity.role}`);
        await client.query('SET ROLE NONE');
        const who = (await client.query('SELECT current_user, session_user')).rows[0];
        assert.deepEqual(who, { current_user: identity.role, session_user: identity.role });
        assert.equal(await ownOrderCount(client), own);
      } finally {
        await client.end();
      }
    }
    assert.deepEqual(await snapshot(admin), before);
  });

  it('refuses every write, DDL, file and program access, read-only or not, and nothing changes', async () => {
    const before = await snapshot(admin);
    const client = await db.as(seattle);
    const proof = path.join(os.tmpdir(), `zava-rls-program-${process.pid}`);
    const writes = [
      'INSERT INTO retail.stores SELECT * FROM retail.stores LIMIT 1',
      "UPDATE retail.orders SET status = 'cancelled'",
      'DELETE FROM retail.orders',
      'TRUNCATE retail.order_items',
      'CREATE TABLE retail.scratch (a int)',
      'CREATE TABLE public.scratch (a int)',
      'CREATE TEMP TABLE scratch (a int)',
      "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
      "CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
      'CREATE SCHEMA scratch',
      'UPDATE rls.identity_stores SET store_id = store_id',
      'INSERT INTO rls.identity_stores SELECT current_user, identity_id, s.store_id FROM rls.identity_stores, retail.stores s',
      'DELETE FROM rls.identity_stores',
      `ALTER ROLE ${seattle.role} BYPASSRLS`,
      `ALTER ROLE ${seattle.role} SUPERUSER`,
      "ALTER ROLE zava_head_office PASSWORD 'stolen-password-123'",
      `GRANT head_office TO ${seattle.role}`,
      `GRANT zava_head_office TO ${seattle.role}`,
      `ALTER DATABASE ${db.target.database} OWNER TO ${seattle.role}`,
      'ALTER TABLE retail.orders DISABLE ROW LEVEL SECURITY',
      'DROP POLICY store_scope ON retail.orders',
      'CREATE EXTENSION fuzzystrmatch', // a trusted extension not installed (pg_trgm now is: migration 013)
    ];
    // Refused by privilege whatever the transaction mode.
    const alwaysPrivilege = [
      'COPY retail.orders FROM STDIN',
      `COPY retail.orders TO '${proof}'`,
      `COPY (SELECT 1) TO PROGRAM 'touch ${proof}'`,
      "SELECT pg_read_file('/etc/passwd')",
      "SELECT pg_read_file('postgresql.conf')",
      "SELECT pg_read_binary_file('/etc/passwd')",
      "SELECT pg_ls_dir('.')",
      "SELECT lo_import('/etc/passwd')",
    ];
    // Revoked from PUBLIC by 007_write_function_lockdown, which only a superuser can do: an
    // external server's non-superuser admin (a managed service's) cannot, and status says so.
    const lockdown = ['SELECT lo_create(0)', "SELECT lo_from_bytea(0, 'x')", "SELECT pg_logical_emit_message(true, 'x', 'y')"];
    const gaps = (await admin.query<{ function: string }>(query('write_lockdown_gaps'))).rows.map((r) => r.function);
    if (gaps.length === 0) alwaysPrivilege.push(...lockdown);
    else assert.equal(db.target.kind, 'external', `the lockdown is missing on the embedded server: ${gaps.join(', ')}`);
    const errors: pg.DatabaseError[] = [];
    try {
      // 1. As logged in: the role's sessions are read-only.
      for (const sql of writes) errors.push(await refused(client, sql, '25006'));
      for (const sql of alwaysPrivilege) errors.push(await refused(client, sql, '42501'));

      // 2. Leaving read-only mode is allowed, but the grants still refuse everything.
      await client.query('SET default_transaction_read_only = off');
      assert.equal((await client.query('SHOW transaction_read_only')).rows[0].transaction_read_only, 'off');
      for (const sql of [...writes, ...alwaysPrivilege]) errors.push(await refused(client, sql, '42501'));
      await client.query('BEGIN READ WRITE');
      errors.push(await refused(client, 'DELETE FROM rls.identity_stores', '42501'));
      await client.query('ROLLBACK');

      // A GRANT of privileges the role does not hold for others is accepted by PostgreSQL with a warning, and grants nothing.
      const notices: string[] = [];
      client.on('notice', (n) => notices.push(n.message ?? ''));
      await client.query('GRANT SELECT ON retail.orders, rls.identity_stores TO PUBLIC');
      assert.ok(notices.some((m) => /no privileges were granted/.test(m)), notices.join('; '));
    } finally {
      await client.end();
    }
    assert.equal(fs.existsSync(proof), false, 'no file or program was written or run');
    assert.deepEqual(await snapshot(admin), before);

    // Errors name no other store (leak nothing).
    const foreign = [...truth.storeIdBySlug].filter(([slug]) => slug !== 'seattle').flatMap(([slug, id]) => [id, STORES.find((s) => s.slug === slug)!.name]);
    for (const e of errors) for (const word of foreign) assert.ok(!`${e.message} ${e.detail ?? ''}`.includes(word), `${e.message} leaks ${word}`);
  });

  it('multi-statement strings: the simple protocol runs them as this role only; the extended protocol rejects them outright', async () => {
    const before = await snapshot(admin);
    const client = await db.as(seattle);
    try {
      const own = await ownOrderCount(client);
      const spoof = `SELECT set_config('app.current_rls_user_id', '${HEAD_OFFICE_ID}', false); SELECT count(*) AS n FROM retail.orders`;
      const results = (await client.query(spoof)) as unknown as pg.QueryResult[];
      assert.equal(results.length, 2);
      assert.equal(Number(results[1]!.rows[0].n), own);

      await refused(client, 'SET ROLE head_office; SELECT count(*) FROM retail.orders', '42501');
      await refused(client, 'RESET ROLE; SET SESSION AUTHORIZATION zava_head_office; SELECT count(*) FROM retail.orders', '42501');
      await refused(client, 'SELECT 1; INSERT INTO retail.stores SELECT * FROM retail.stores LIMIT 1', '25006');
      // The SET runs inside the same implicit transaction, which started read-only, and is undone with it.
      await refused(client, 'SET default_transaction_read_only = off; DELETE FROM retail.orders', '25006');
      assert.equal((await client.query('SHOW default_transaction_read_only')).rows[0].default_transaction_read_only, 'on');
      await refused(client, 'SET default_transaction_read_only = off; COMMIT; BEGIN READ WRITE; DELETE FROM retail.orders', '42501');
      await client.query('ROLLBACK');
      await client.query('RESET default_transaction_read_only');

      await client.query('RESET app.current_rls_user_id');
      for (const text of [spoof, 'SELECT 1; SELECT 2', 'SET ROLE head_office; SELECT count(*) FROM retail.orders', 'SELECT 1; DELETE FROM retail.orders']) {
        await refused(client, { text, values: [], queryMode: 'extended' } as pg.QueryConfig, '42601');
      }
      // Rejected outright: not even the first statement ran.
      const setting = await client.query("SELECT current_setting('app.current_rls_user_id', true) AS v");
      assert.ok(setting.rows[0].v === null || setting.rows[0].v === '', `setting was ${setting.rows[0].v}`);
      assert.equal(await ownOrderCount(client), own);
    } finally {
      await client.end();
    }
    assert.deepEqual(await snapshot(admin), before);
  });

  it('refuses identity logins to any database but the app database', async () => {
    // On an external server the other databases are its owner's (PUBLIC may connect to `postgres`):
    // the app closes its own to every login outside its identity roles.
    if (db.target.kind === 'external') {
      await admin.query("CREATE ROLE zava_test_outsider LOGIN PASSWORD 'outsider-password-1'");
      try {
        const outsider = new pg.Client({ ...identityConfig(db.target, seattle), user: 'zava_test_outsider', password: 'outsider-password-1' });
        await assert.rejects(outsider.connect(), (e: pg.DatabaseError) => e.code === '42501');
        await outsider.end().catch(() => undefined);
      } finally {
        await admin.query('DROP ROLE zava_test_outsider');
      }
    }
    const others = db.target.kind === 'embedded' ? ['postgres', 'template1', 'template0', 'zava_build'] : [];
    for (const identity of [seattle, resolveIdentity('head-office')]) {
      for (const database of others) {
        const client = new pg.Client(identityConfig(db.target, identity, database));
        await assert.rejects(client.connect(), (e: pg.DatabaseError) => {
          assert.ok(['28000', '28P01', '42501'].includes(e.code ?? ''), `${identity.slug} → ${database}: ${e.code} ${e.message}`);
          return true;
        });
        await client.end().catch(() => undefined);
      }
    }
    const wrong = new pg.Client({ ...identityConfig(db.target, seattle), password: 'not-the-password' });
    await assert.rejects(wrong.connect(), (e: pg.DatabaseError) => e.code === '28P01');
    await wrong.end().catch(() => undefined);
  });

  it("a role's own ALTER ROLE … SET does not reach the app's sessions", async () => {
    const client = await db.as(seattle);
    try {
      await refused(client, `ALTER ROLE ${seattle.role} SET default_transaction_read_only = off`, '25006');
      await client.query('SET default_transaction_read_only = off');
      // PostgreSQL lets any role change its own session defaults once out of read-only mode;
      // whether it accepts them or not, the app's connections must not be affected.
      for (const sql of [
        `ALTER ROLE ${seattle.role} SET default_transaction_read_only = off`,
        `ALTER ROLE ${seattle.role} IN DATABASE ${db.target.database} SET default_transaction_read_only = off`,
        `ALTER ROLE ${seattle.role} SET statement_timeout = 0`,
        `ALTER ROLE ${seattle.role} IN DATABASE ${db.target.database} SET search_path = pg_temp`,
      ]) {
        await client.query(sql).catch(() => undefined);
      }
    } finally {
      await client.end();
    }
    const fresh = await db.as(seattle);
    try {
      const s = (await fresh.query("SELECT current_setting('default_transaction_read_only') AS ro, current_setting('statement_timeout') AS st, current_setting('search_path') AS sp")).rows[0];
      assert.deepEqual(s, { ro: 'on', st: '30s', sp: 'retail,public' });
      await refused(fresh, 'DELETE FROM retail.orders', '25006');
      assert.equal(await ownOrderCount(fresh), truth.ordersByStore.get(truth.storeIdBySlug.get('seattle')!));
    } finally {
      await fresh.end();
    }
    // Put the role back as built (the superuser's sync rewrites its settings).
    await admin.query(`ALTER ROLE ${seattle.role} RESET ALL`);
    await admin.query(`ALTER ROLE ${seattle.role} IN DATABASE ${db.target.database} RESET ALL`);
    await syncIdentities(admin, db.target.passwords);
  });
});
