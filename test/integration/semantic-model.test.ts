// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayUtc } from '../../main/dataset/calendar.ts';
import { resolveIdentity, storeBySlug } from '../../main/db/identities.ts';
import { loadSemanticModel } from '../../main/db/semantic-model.ts';
import { RETAIL_TABLES } from '../../main/bridge/tools/schema-tools.ts';
import { callOk, startBridge, type BridgeHandle } from '../helpers/bridge.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { runAsRestrictedAdmin } from '../helpers/restricted-admin.ts';

const model = loadSemanticModel();
const SUBJECTS = ['seattle', 'region-eastside', 'head-office'] as const;

describe('the semantic model against the live database', () => {
  let db: TestDatabase;
  const bridges = new Map<string, BridgeHandle>();

  before(async () => {
    // Pinned to the day the test runs: verified queries say "this year" and "yesterday" with
    // current_date, as a model would, so the data must end today for them to find rows.
    db = await createTestDatabase({ scale: 'tiny', asOf: todayUtc() });
    for (const slug of SUBJECTS) bridges.set(slug, await startBridge(db.dataDir, slug));
  });

  after(async () => {
    for (const bridge of bridges.values()) await bridge.close();
    await db?.close();
  });

  it('describes every column of the lab tables, and no column that is not there', async () => {
    const admin = await db.admin();
    try {
      const { rows } = await admin.query<{ table_name: string; column_name: string }>(
        "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = 'retail' AND table_name = ANY ($1)",
        [[...RETAIL_TABLES]],
      );
      const live = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
      const described = new Set(Object.entries(model.tables).flatMap(([table, t]) => Object.keys(t.columns).map((c) => `${table}.${c}`)));
      assert.deepEqual([...live].filter((c) => !described.has(c)).sort(), [], 'columns without a description');
      assert.deepEqual([...described].filter((c) => !live.has(c)).sort(), [], 'stale columns in the model');
      assert.deepEqual(Object.keys(model.tables).sort(), [...RETAIL_TABLES].sort());
    } finally {
      await admin.end();
    }
  });

  it('has at least 40 verified queries with distinct questions', () => {
    assert.ok(model.verified_queries.length >= 40, `${model.verified_queries.length}`);
    assert.equal(new Set(model.verified_queries.map((q) => q.question.toLowerCase())).size, model.verified_queries.length);
  });

  for (const slug of SUBJECTS) {
    it(`every verified query, run as ${slug}, equals the superuser's answer over the same stores`, async () => {
      const identity = resolveIdentity(slug);
      const storeNames = identity.stores.map((s) => storeBySlug(s).name);
      const admin = await db.admin();
      const empty: string[] = [];
      try {
        for (const vq of model.verified_queries) {
          const out = await callOk(bridges.get(slug)!.client, 'execute_sales_query', { postgresql_query: vq.sql }).catch((error: Error) => {
            throw new Error(`${vq.question}: ${error.message}`);
          });
          assert.equal(out.truncated, false, `${vq.question}: truncated`);
          const truth = await runAsRestrictedAdmin(admin, storeNames, vq.sql);
          assert.deepEqual(out.r, truth, `${vq.question} as ${slug}`);
          if (out.n === 0) empty.push(vq.question);
        }
      } finally {
        await admin.end();
      }
      // The comparison can fail: the same query over another store set gives another answer.
      const other = slug === 'head-office' ? ['Zava Retail Tacoma'] : ['Zava Retail Online'];
      const admin2 = await db.admin();
      try {
        const probe = model.verified_queries[1]!.sql;
        const out = await callOk(bridges.get(slug)!.client, 'execute_sales_query', { postgresql_query: probe });
        assert.notDeepEqual(out.r, await runAsRestrictedAdmin(admin2, other, probe));
      } finally {
        await admin2.end();
      }
      // Head office sees every store: each question must have an answer there, or the query is wrong.
      if (slug === 'head-office') assert.deepEqual(empty, [], 'verified queries with no rows for head office');
    });
  }

  it('get_multiple_table_schemas gives every column its description and sample values as the identity sees them', async () => {
    const out = await callOk(bridges.get('seattle')!.client, 'get_multiple_table_schemas', { table_names: [...RETAIL_TABLES] });
    for (const table of out.tables) for (const column of table.columns) assert.ok(column.description, `${table.table}.${column.name} has a description`);
    const stores = out.tables.find((t: any) => t.table === 'retail.stores');
    assert.deepEqual(stores.columns.find((c: any) => c.name === 'store_name').sample_values, ['Zava Retail Seattle']);
    const orders = out.tables.find((t: any) => t.table === 'retail.orders');
    assert.match(orders.columns.find((c: any) => c.name === 'total_amount').description, /US dollars after discounts/);
    assert.deepEqual(orders.columns.find((c: any) => c.name === 'status').sample_values, ['cancelled', 'completed', 'pending', 'returned']);
    assert.match(out.data.last_order_date, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('serves zava://semantic-model with metrics, dimensions, joins, verified queries and this identity’s sample values', async () => {
    for (const slug of ['seattle', 'head-office']) {
      const { contents } = await bridges.get(slug)!.client.readResource({ uri: 'zava://semantic-model' });
      const view = JSON.parse((contents[0] as { text: string }).text);
      for (const key of ['metrics', 'dimensions', 'joins', 'verified_queries']) assert.ok(Array.isArray(view[key]) && view[key].length > 0, key);
      assert.ok(view.metrics.some((m: any) => m.name === 'gross_margin_percent' && /SUM\(oi\.total_amount - oi\.quantity \* p\.cost\)/.test(m.sql)));
      const visible = resolveIdentity(slug).stores.map((s) => storeBySlug(s).name).sort();
      assert.deepEqual(view.tables['retail.stores'].columns.store_name.sample_values, visible);
    }
  });
});
