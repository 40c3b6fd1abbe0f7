// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { resolveIdentity } from '../../main/db/identities.ts';
import { query } from '../../main/db/sql-files.ts';
import { vectorLiteral } from '../../main/search/provider.ts';
import { createSearchService, type SearchService } from '../../main/search/service.ts';
import { searchStatus } from '../../main/search/status.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { addSyntheticProducts } from '../helpers/synthetic-products.ts';

const seattleIdentity = resolveIdentity('seattle');
const INDEX = 'pde_use_lite_512_78ebf0b2_hnsw';

/** EXPLAIN of the nearest-neighbour query exactly as the service sends it. */
async function plan(client: pg.Client, limit: number): Promise<string> {
  const probe = new Float32Array(512);
  probe[3] = 1;
  const sql = query('search_vector_pgvector').replaceAll('__VECTOR__', 'vector(512)');
  const { rows } = await client.query(`EXPLAIN ${sql}`, [vectorLiteral(probe), 'use-lite-512', limit]);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('search paths: HNSW at scale, exact scan without pgvector', () => {
  let db: TestDatabase;
  let seattle: pg.Client;
  let admin: pg.Client;
  let service: SearchService;

  before(async () => {
    db = await createTestDatabase();
    seattle = await db.as(seattleIdentity);
    admin = await db.admin();
    service = createSearchService();
    await service.warmUp();
  });
  after(async () => {
    await seattle?.end();
    await admin?.end();
    await db?.close();
  });

  test('at 423 products the planner prefers an exact scan, so the service scans its cached vectors in Node, and says so', async () => {
    assert.match(await plan(seattle, 60), /Seq Scan/);
    const result = await service.search(seattle, { query_description: 'cordless drill', max_rows: 5 });
    assert.equal(result.path, 'exact-scan');
    assert.equal((await searchStatus(admin)).path, 'exact-scan');
  });

  test('at 5,000 products the HNSW expression index is used (EXPLAIN), and the service reports hnsw', async () => {
    await addSyntheticProducts(admin, 4_577);
    const text = await plan(seattle, 60);
    assert.match(text, new RegExp(`Index Scan using ${INDEX}`), text);
    const result = await service.search(seattle, { query_description: 'cordless drill', max_rows: 10 });
    assert.equal(result.path, 'hnsw');
    assert.equal(result.products.length, 10);
    assert.ok(result.products.slice(0, 5).every((p) => /cordless/i.test(p.product_name)), result.products.map((p) => p.product_name).join(' | '));
    // ef_search was widened to the candidate count: HNSW would otherwise stop at 40 rows.
    const wide = await service.search(seattle, { query_description: 'drill', max_rows: 100, similarity_threshold: 20 });
    assert.equal(wide.products.length, 100);
    const status = await searchStatus(admin);
    assert.equal(status.path, 'hnsw');
    assert.equal(status.vectorsStored, 5_000);
  });

  test('without pgvector, search falls back to an exact scan in Node with the same answers', async () => {
    const input = { query_description: 'storage bins with lids', max_rows: 5 };
    const before = await service.search(seattle, input);
    await admin.query('DROP EXTENSION vector CASCADE');
    const status = await searchStatus(admin);
    assert.equal(status.pgvector, null);
    assert.equal(status.path, 'exact-scan');
    const after = await service.search(seattle, input);
    assert.equal(after.path, 'exact-scan');
    assert.deepEqual(after.products.slice(0, 3).map((p) => p.sku), before.products.slice(0, 3).map((p) => p.sku));
    for (const [i, p] of after.products.entries()) {
      const same = before.products.find((b) => b.sku === p.sku);
      if (same) assert.ok(Math.abs(same.similarity_percent - p.similarity_percent) <= 0.1, `similarity of ${p.sku} at rank ${i}`);
    }
  });
});
