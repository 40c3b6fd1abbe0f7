// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IDENTITIES, resolveIdentity, storeBySlug } from '../../main/db/identities.ts';
import { callOk, startBridge, type BridgeHandle } from '../helpers/bridge.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/** Ground truth: the same SQL as the superuser, restricted by hand to the identity's stores. */
async function superuserOrdersByStore(db: TestDatabase, storeNames: string[]): Promise<Map<string, number>> {
  const admin = await db.admin();
  try {
    const { rows } = await admin.query(
      'SELECT s.store_name, count(*)::int AS n FROM retail.orders o JOIN retail.stores s USING (store_id) WHERE s.store_name = ANY ($1) GROUP BY 1',
      [storeNames],
    );
    return new Map(rows.map((r) => [r.store_name as string, r.n as number]));
  } finally {
    await admin.end();
  }
}

describe('bridge tools as each kind of identity', () => {
  let db: TestDatabase;
  const bridges = new Map<string, BridgeHandle>();
  const subjects = ['seattle', 'region-eastside', 'head-office'];

  before(async () => {
    db = await createTestDatabase({ scale: 'tiny' });
    for (const slug of subjects) bridges.set(slug, await startBridge(db.dataDir, slug));
  });

  after(async () => {
    for (const b of bridges.values()) await b.close();
    await db.close();
  });

  for (const slug of subjects) {
    describe(slug, () => {
      const identity = resolveIdentity(slug);
      const storeNames = identity.stores.map((s) => storeBySlug(s).name);

      it('lists the lab tools with read-only annotations and output schemas', async () => {
        const { tools } = await bridges.get(slug)!.client.listTools();
        const names = tools.map((t) => t.name);
        for (const name of ['get_multiple_table_schemas', 'execute_sales_query', 'semantic_search_products', 'get_current_utc_date']) assert.ok(names.includes(name), name);
        for (const tool of tools) {
          assert.equal(tool.annotations?.readOnlyHint, true, `${tool.name} readOnlyHint`);
          assert.equal(tool.outputSchema?.type, 'object', `${tool.name} outputSchema`);
        }
      });

      it('execute_sales_query: orders per store equal the superuser’s count for exactly these stores', async () => {
        const out = await callOk(bridges.get(slug)!.client, 'execute_sales_query', {
          postgresql_query: 'SELECT s.store_name, count(*) AS n FROM retail.orders o JOIN retail.stores s USING (store_id) GROUP BY 1 ORDER BY 1',
        });
        assert.deepEqual(out.c, ['store_name', 'n']);
        const seen = new Map((out.r as [string, number][]).map(([name, n]) => [name, n]));
        assert.deepEqual(seen, await superuserOrdersByStore(db, storeNames));
        assert.equal(out.truncated, false);
      });

      it('execute_sales_query: revenue by category matches the superuser restricted to the same stores', async () => {
        const sql = `SELECT c.category_name, round(sum(oi.total_amount), 2) AS revenue
          FROM retail.order_items oi JOIN retail.products p USING (product_id) JOIN retail.categories c USING (category_id)
          JOIN retail.stores s ON s.store_id = oi.store_id
          %WHERE% GROUP BY 1 ORDER BY 1`;
        const out = await callOk(bridges.get(slug)!.client, 'execute_sales_query', { postgresql_query: sql.replace('%WHERE%', '') });
        const admin = await db.admin();
        const truth = await admin.query({ text: sql.replace('%WHERE%', 'WHERE s.store_name = ANY ($1)'), values: [storeNames], rowMode: 'array' });
        await admin.end();
        assert.deepEqual(out.r, truth.rows.map(([name, revenue]) => [name, Number(revenue)]));
      });

      it('get_multiple_table_schemas: columns, relationships and only the visible store names', async () => {
        const out = await callOk(bridges.get(slug)!.client, 'get_multiple_table_schemas', { table_names: ['retail.stores', 'orders', 'categories', 'product_types'] });
        const stores = out.tables.find((t: any) => t.table === 'retail.stores');
        assert.deepEqual([...stores.valid_values.store_name].sort(), [...storeNames].sort());
        const orders = out.tables.find((t: any) => t.table === 'retail.orders');
        assert.ok(orders.columns.some((c: any) => c.name === 'total_amount'));
        assert.ok(orders.relationships.some((r: string) => r.includes('REFERENCES retail.stores')));
        assert.ok(orders.valid_values.years.includes(2025));
        const categories = out.tables.find((t: any) => t.table === 'retail.categories');
        assert.equal(categories.valid_values.category_name.length, 9);
      });

      it('get_store_performance: one row per visible store, revenue equal to the superuser’s', async () => {
        const out = await callOk(bridges.get(slug)!.client, 'get_store_performance', { start_date: '2025-01-01', end_date: '2025-12-31' });
        assert.deepEqual(out.stores.map((s: any) => s.store_name).sort(), [...storeNames].sort());
        const admin = await db.admin();
        const { rows } = await admin.query(
          `SELECT round(sum(oi.total_amount), 2) AS revenue FROM retail.order_items oi JOIN retail.orders o USING (order_id) JOIN retail.stores s ON s.store_id = o.store_id
           WHERE s.store_name = ANY ($1) AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31' AND o.status IN ('completed','pending')`,
          [storeNames],
        );
        await admin.end();
        const total = out.stores.reduce((sum: number, s: any) => sum + s.revenue, 0);
        assert.ok(Math.abs(total - Number(rows[0].revenue)) < 0.05, `${total} vs ${rows[0].revenue}`);
        assert.ok(out.insights.length >= 1);
      });

      it('semantic_search_products: finds paint containers, stock only from visible stores', async () => {
        const out = await callOk(bridges.get(slug)!.client, 'semantic_search_products', { query_description: 'containers for paint', max_rows: 5 });
        assert.ok(out.n >= 1 && out.n <= 5);
        const col = (name: string) => out.c.indexOf(name);
        assert.ok(out.r.some((row: unknown[]) => /paint/i.test(String(row[col('product_name')]))));
        for (const row of out.r) assert.ok(Number(row[col('similarity_percent')]) >= 30);
        const admin = await db.admin();
        const { rows } = await admin.query(
          `SELECT coalesce(sum(i.stock_level), 0)::int AS stock FROM retail.inventory i JOIN retail.stores s USING (store_id)
           WHERE i.product_id = $1 AND s.store_name = ANY ($2)`,
          [out.r[0][col('product_id')], storeNames],
        );
        await admin.end();
        assert.equal(out.r[0][col('stock_in_visible_stores')], rows[0].stock);
      });

      it('get_current_utc_date answers an ISO date', async () => {
        const out = await callOk(bridges.get(slug)!.client, 'get_current_utc_date');
        assert.match(out.utc_datetime, /^\d{4}-\d{2}-\d{2}T/);
        assert.ok(Math.abs(Date.parse(out.utc_datetime) - Date.now()) < 60_000);
      });

      it('resources: zava://identity and a table schema', async () => {
        const client = bridges.get(slug)!.client;
        const me = JSON.parse(((await client.readResource({ uri: 'zava://identity' })).contents[0] as { text: string }).text);
        assert.equal(me.slug, slug);
        assert.deepEqual(me.stores, storeNames);
        const { resources } = await client.listResources();
        assert.ok(resources.some((r) => r.uri === 'zava://schema/orders'));
        const schema = JSON.parse(((await client.readResource({ uri: 'zava://schema/orders' })).contents[0] as { text: string }).text);
        assert.equal(schema.table, 'retail.orders');
        const { prompts } = await client.listPrompts();
        assert.ok(prompts.length >= 5);
      });
    });
  }

  it('covers every identity kind the app knows', () => {
    assert.deepEqual(new Set(subjects.map((s) => resolveIdentity(s).kind)), new Set(IDENTITIES.map((i) => i.kind)));
  });
});
