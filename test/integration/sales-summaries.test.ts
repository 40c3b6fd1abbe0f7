// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IDENTITIES, resolveIdentity } from '../../main/db/identities.ts';
import { analystTypes } from '../../main/bridge/pg-types.ts';
import { QUESTIONS } from '../../bench/questions.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * The summary tables (020_sales_summaries.sql) must give every identity exactly the answers
 * the base tables give it: same sums, same rows, nothing from another store.
 */
describe('sales summary tables', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase({ scale: 'tiny' });
  });
  after(async () => {
    await db?.close();
  });

  for (const slug of ['head-office', 'seattle', 'region-eastside']) {
    it(`${slug}: each question answered from the summaries equals the answer from the base tables`, async () => {
      const client = await db.as(resolveIdentity(slug));
      try {
        const withSummary = QUESTIONS.filter((q) => q.summarySql);
        assert.equal(withSummary.length, 3);
        for (const q of withSummary) {
          // Compared as the bridge gives them to a model (integer and bigint counts are both numbers).
          const base = (await client.query({ text: q.sql, rowMode: 'array', types: analystTypes() })).rows;
          const summary = (await client.query({ text: q.summarySql!, rowMode: 'array', types: analystTypes() })).rows;
          assert.ok(base.length > 0, `${q.id} returns rows`);
          assert.deepEqual(summary, base, q.id);
        }
      } finally {
        await client.end();
      }
    });
  }

  it('customer_sales: every identity sees one row per customer it may see, totalled over exactly its own stores', async () => {
    const perCustomer = `SELECT customer_id, count(*)::integer AS orders, sum(total_amount) AS spend, min(order_date) AS first_order_date,
        max(order_date) AS last_order_date, count(DISTINCT store_id)::smallint AS stores
      FROM retail.orders GROUP BY customer_id ORDER BY customer_id`;
    const summary = 'SELECT customer_id, orders, spend, first_order_date, last_order_date, stores FROM retail.customer_sales ORDER BY customer_id';
    for (const identity of IDENTITIES) {
      const client = await db.as(identity);
      try {
        const truth = (await client.query({ text: perCustomer, rowMode: 'array' })).rows;
        assert.ok(truth.length > 0, `${identity.slug} has customers`);
        assert.deepEqual((await client.query({ text: summary, rowMode: 'array' })).rows, truth, identity.slug);
        const scopes = (await client.query('SELECT DISTINCT scope FROM retail.customer_sales')).rows;
        assert.equal(scopes.length, 1, `${identity.slug} sees one store set`);
      } finally {
        await client.end();
      }
    }
  });

  it('customer_sales: a multi-store identity sees chain totals no single store sees', async () => {
    const head = await db.as(resolveIdentity('head-office'));
    try {
      const [row] = (await head.query('SELECT count(*) FILTER (WHERE stores > 1)::int AS multi FROM retail.customer_sales')).rows;
      assert.ok(row.multi > 0, 'some customers ordered at several stores');
    } finally {
      await head.end();
    }
  });

  it('a store manager sees summary rows of its own store only, summing to its own orders', async () => {
    const client = await db.as(resolveIdentity('seattle'));
    try {
      const stores = (await client.query('SELECT DISTINCT store_id FROM retail.customer_store_sales UNION SELECT DISTINCT store_id FROM retail.product_store_month_sales')).rows;
      assert.equal(stores.length, 1);
      const [a] = (await client.query('SELECT sum(orders)::int AS n, sum(spend) AS spend FROM retail.customer_store_sales')).rows;
      const [b] = (await client.query('SELECT count(*)::int AS n, sum(total_amount) AS spend FROM retail.orders')).rows;
      assert.deepEqual(a, b);
    } finally {
      await client.end();
    }
  });
});
