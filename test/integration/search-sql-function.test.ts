// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { resolveIdentity } from '../../main/db/identities.ts';
import { localEncoder, LOCAL_MODEL_ID } from '../../main/search/local-encoder.ts';
import { vectorLiteral } from '../../main/search/provider.ts';
import { understandQuery } from '../../main/search/query-understanding.ts';
import { createSearchService, type SearchService } from '../../main/search/service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';


/** retail.search_products_by_description called as the tool reads the query (text + constraints). */
async function sqlSearch(client: pg.Client, queryText: string, maxRows: number): Promise<any[]> {
  const understood = understandQuery(queryText);
  const [vector] = await localEncoder().embed([understood.meaningText]);
  const { rows } = await client.query('SELECT * FROM retail.search_products_by_description($1, $2::vector, 0.3, $3, $4, $5::jsonb)', [
    understood.text,
    vectorLiteral(vector!),
    maxRows,
    LOCAL_MODEL_ID,
    JSON.stringify(understood.constraints),
  ]);
  return rows;
}

describe('retail.search_products_by_description ranks as semantic_search_products does', () => {
  let db: TestDatabase;
  let seattle: pg.Client;
  let headOffice: pg.Client;
  let service: SearchService;

  before(async () => {
    db = await createTestDatabase();
    seattle = await db.as(resolveIdentity('seattle'));
    headOffice = await db.as(resolveIdentity('head-office'));
    service = createSearchService();
    await service.warmUp();
  });
  after(async () => {
    await seattle?.end();
    await headOffice?.end();
    await db?.close();
  });

  test('same products, order, score and stock for plain, attribute, negated and misspelt queries', async () => {
    for (const q of ['containers for paint', 'cordless drill', 'something to cut wood without electricity', 'drill, not cordless', 'outdoor extension cord', 'scredriver set']) {
      const tool = await service.search(seattle, { query_description: q, max_rows: 10 });
      const rows = await sqlSearch(seattle, q, 10);
      assert.deepEqual(rows.map((r) => r.sku), tool.products.map((p) => p.sku), q);
      rows.forEach((r, i) => {
        const p = tool.products[i]!;
        assert.ok(Math.abs(r.similarity_percent - p.similarity_percent) <= 0.1, `${q}: ${r.sku} ${r.similarity_percent} vs ${p.similarity_percent}`);
        assert.equal(r.stock_in_visible_stores, p.stock_in_visible_stores, `${q}: stock of ${r.sku}`);
        assert.equal(r.visible_stores_in_stock, p.visible_stores_in_stock);
      });
      const shown = rows.map((r) => r.similarity_percent);
      assert.deepEqual(shown, [...shown].sort((a, b) => b - a), `${q}: scores never increase down the list`);
    }
  });

  test('under RLS: stock counts only the caller’s visible stores', async () => {
    const mine = await sqlSearch(seattle, 'tape measure', 3);
    const all = await sqlSearch(headOffice, 'tape measure', 3);
    assert.deepEqual(mine.map((r) => r.sku), all.map((r) => r.sku), 'the catalog ranking is the same for everyone');
    const admin = await db.admin();
    try {
      for (const r of mine) {
        const { rows } = await admin.query(
          `SELECT sum(i.stock_level) FILTER (WHERE s.store_name = 'Zava Retail Seattle')::int AS seattle, sum(i.stock_level)::int AS total
           FROM retail.inventory i JOIN retail.stores s USING (store_id) WHERE i.product_id = $1`,
          [r.product_id],
        );
        assert.equal(r.stock_in_visible_stores, rows[0].seattle);
        assert.equal(all.find((x) => x.sku === r.sku)!.stock_in_visible_stores, rows[0].total);
      }
    } finally {
      await admin.end();
    }
  });

  test('the constraints filter: nothing corded or cordless "without electricity"', async () => {
    const rows = await sqlSearch(seattle, 'something to cut wood without electricity', 10);
    assert.ok(rows.length > 0);
    const admin = await db.admin();
    try {
      const { rows: powered } = await admin.query(
        `SELECT p.sku FROM retail.product_attributes a JOIN retail.products p USING (product_id) WHERE a.power_source IN ('corded', 'cordless') AND p.sku = ANY ($1)`,
        [rows.map((r) => r.sku)],
      );
      assert.deepEqual(powered, []);
    } finally {
      await admin.end();
    }
  });
});
