// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type pg from 'pg';
import { resetDatabase } from '../../main/dataset/reset.ts';
import { createTestDatabase, TEST_AS_OF, type TestDatabase } from '../helpers/database.ts';

/**
 * Columns that record when something was computed rather than what the data is: the
 * embedding indexer stamps `last_updated` with the wall clock. Everything else must match.
 */
const VOLATILE_COLUMNS: Record<string, string[]> = { product_description_embeddings: ['last_updated'] };

/** md5 over each retail table's rows (as text, ordered by primary key), per table. */
async function tableChecksums(client: pg.ClientBase): Promise<Record<string, string>> {
  const tables = (await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'retail' AND table_type = 'BASE TABLE' ORDER BY 1")).rows.map((r) => r.table_name);
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const columns = (
      await client.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', ['retail', table])
    ).rows
      .map((r) => r.column_name)
      .filter((c) => !(VOLATILE_COLUMNS[table] ?? []).includes(c));
    const key = (
      await client.query<{ column_name: string }>(
        `SELECT a.attname AS column_name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
        [`retail.${table}`],
      )
    ).rows.map((r) => r.column_name);
    assert.ok(key.length > 0, `retail.${table} has a primary key`);
    const row = `ROW(${columns.map((c) => `t.${client.escapeIdentifier(c)}`).join(', ')})::text`;
    const order = key.map((c) => `t.${client.escapeIdentifier(c)}`).join(', ');
    const { rows } = await client.query(`SELECT count(*) AS n, md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${order}), '')) AS sum FROM retail.${client.escapeIdentifier(table)} t`);
    sums[table] = `${rows[0].n}:${rows[0].sum}`;
  }
  return sums;
}

async function checksumsOf(db: TestDatabase): Promise<Record<string, string>> {
  const admin = await db.admin();
  try {
    return await tableChecksums(admin);
  } finally {
    await admin.end();
  }
}

describe('deterministic data generation', () => {
  const opened: TestDatabase[] = [];

  after(async () => {
    for (const db of opened) await db.close();
  });

  it('builds identical databases from one seed, in separate clusters, and a different one from another seed', async () => {
    // The first build is the run's test server (its template, built there from seed 42), or a
    // cluster of its own when this file runs alone; the second is always a cluster of its own.
    const first = await createTestDatabase({ scale: 'tiny', seed: 42 });
    opened.push(first);
    const a = await checksumsOf(first);
    await first.close();
    opened.pop();

    const second = await createTestDatabase({ scale: 'tiny', seed: 42, cluster: 'own', fresh: true });
    opened.push(second);
    const b = await checksumsOf(second);

    for (const table of ['stores', 'categories', 'product_types', 'products', 'customers', 'inventory', 'orders', 'order_items']) {
      assert.ok(a[table], `retail.${table} is checksummed`);
      assert.notEqual(a[table]!.split(':')[0], '0', `retail.${table} has rows`);
    }
    assert.deepEqual(b, a, 'same seed, same scale: every retail table is identical');
    assert.deepEqual(second.build.counts, first.build.counts);

    // The same cluster rebuilt with another seed: different data, same shape.
    const other = await resetDatabase(second.target, { scale: 'tiny', seed: 8, asOf: TEST_AS_OF });
    const c = await checksumsOf(second);
    assert.deepEqual(Object.keys(c), Object.keys(a));
    for (const table of ['customers', 'orders', 'order_items', 'inventory']) assert.notEqual(c[table], a[table], `retail.${table} differs for seed 8`);
    assert.equal(other.counts.orders, first.build.counts.orders, 'the scale fixes the order count');
    assert.equal(other.counts.customers, first.build.counts.customers);

    // And back to the first seed in this cluster: identical to the first build again.
    await resetDatabase(second.target, { scale: 'tiny', seed: 42, asOf: TEST_AS_OF });
    assert.deepEqual(await checksumsOf(second), a);
  });
});
