import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveIdentity } from '../../main/db/identities.ts';
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
          const base = (await client.query({ text: q.sql, rowMode: 'array' })).rows;
          const summary = (await client.query({ text: q.summarySql!, rowMode: 'array' })).rows;
          assert.ok(base.length > 0, `${q.id} returns rows`);
          assert.deepEqual(summary, base, q.id);
        }
      } finally {
        await client.end();
      }
    });
  }

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
