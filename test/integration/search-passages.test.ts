// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { catalogProducts } from '../../main/db/catalog.ts';
import { resolveIdentity } from '../../main/db/identities.ts';
import { isZavaError } from '../../main/kernel/errors.ts';
import { localEncoder, LOCAL_MODEL_ID } from '../../main/search/local-encoder.ts';
import { alsoSayOf } from '../../main/search/attributes.ts';
import { productPassages } from '../../main/search/product-documents.ts';
import { createSearchService, type SearchService } from '../../main/search/service.ts';
import { searchStatus } from '../../main/search/status.ts';
import { readModelState } from '../../main/search/vector-search.ts';
import { publishStaged, stageStored, stageStoredPassages } from '../../main/search/vector-store.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/** Passages the shipped catalog has (one or two per description, and one of the words shoppers also say). */
const PASSAGES = catalogProducts().reduce((sum, p) => sum + productPassages(p.description, alsoSayOf(p)).length, 0);

describe('description passage vectors (candidates re-scored with their best passage)', () => {
  let db: TestDatabase;
  let admin: pg.Client;
  let seattle: pg.Client;
  let service: SearchService;
  let skuOf: Map<string, string>;

  before(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    seattle = await db.as(resolveIdentity('seattle'));
    service = createSearchService();
    await service.warmUp();
    skuOf = new Map((await admin.query('SELECT product_id, sku FROM retail.products')).rows.map((r) => [r.product_id, r.sku]));
  });
  after(async () => {
    await seattle?.end();
    await admin?.end();
    await db?.close();
  });

  test('db reset publishes the passages with the document vectors, from the shipped file', async () => {
    // One or two description sentences and a passage per five shoppers' words (10–30 of them) for each product.
    assert.ok(PASSAGES > 4 * 423 && PASSAGES < 8 * 423, `${PASSAGES} passages`);
    const status = await searchStatus(admin);
    assert.equal(status.ok, true, status.reason);
    assert.equal(status.models.find((m) => m.modelId === LOCAL_MODEL_ID)?.passages, PASSAGES);
    const state = await readModelState(seattle, LOCAL_MODEL_ID);
    assert.equal(state?.ready, true);
    assert.equal(state?.passages, PASSAGES);
    // Identity roles read them (catalog data); the staging stays private.
    assert.equal(Number((await seattle.query('SELECT count(*) FROM retail.product_passage_embeddings WHERE model_id = $1', [LOCAL_MODEL_ID])).rows[0].count), PASSAGES);
    await assert.rejects(seattle.query('SELECT * FROM zava_meta.embedding_passage_staging'), /permission denied/);
  });

  test('a paraphrase of one description sentence scores higher with passages than without, and ranks no lower', async () => {
    // Words neither the lock's text nor the shoppers' thesaurus has: only meaning finds it (an
    // eval query would no longer do: the thesaurus reads "punching digits" as "keypad code").
    const query = 'open the entrance using a memorised number';
    const find = (ranked: { productId: string; similarity: number | undefined }[]) => {
      const i = ranked.findIndex((r) => skuOf.get(r.productId) === 'HW-DOR-002');
      return { rank: i < 0 ? Infinity : i, similarity: i < 0 ? -1 : (ranked[i]!.similarity ?? -1) };
    };
    const withPassages = find(await service.rank(seattle, query));
    // The same ranking where the model has no passages published (rolled back: nobody else sees it).
    await admin.query('BEGIN');
    let without: { rank: number; similarity: number };
    try {
      await admin.query('UPDATE zava_meta.embedding_models SET passages = NULL, version = gen_random_uuid() WHERE model_id = $1', [LOCAL_MODEL_ID]);
      without = find(await service.rank(admin, query));
    } finally {
      await admin.query('ROLLBACK');
    }
    // The passage ("Unlock the front door with a code instead of a key.") raises its similarity and its rank.
    assert.ok(withPassages.rank <= without.rank, `HW-DOR-002 at rank ${withPassages.rank + 1} with passages, ${without.rank + 1} without`);
    assert.ok(withPassages.similarity > without.similarity, `similarity ${withPassages.similarity} with passages, ${without.similarity} without`);
  });

  test('a data dir not yet migrated to 011 still searches, by document vectors alone', async () => {
    await admin.query('BEGIN');
    try {
      await admin.query('ALTER TABLE zava_meta.embedding_models DROP COLUMN passages');
      const state = await readModelState(admin, LOCAL_MODEL_ID);
      assert.equal(state?.ready, true);
      assert.equal(state?.passages, null);
      assert.ok((await service.rank(admin, 'garden hose')).length > 0);
      assert.equal((await searchStatus(admin)).ok, true);
    } finally {
      await admin.query('ROLLBACK');
    }
  });

  test('the reported score builds on the re-scored similarity: the best passage, for a query whose words the product lacks', async () => {
    const result = await service.search(seattle, { query_description: 'enter home by punching digits', max_rows: 20, similarity_threshold: 20 });
    const lock = result.products.find((p) => p.sku === 'HW-DOR-002');
    assert.ok(lock, result.products.map((p) => p.sku).join(', '));
    const { rows } = await admin.query(
      `SELECT e.description_embedding AS d, array_agg(pe.embedding ORDER BY pe.passage) AS p
       FROM retail.product_description_embeddings e JOIN retail.product_passage_embeddings pe USING (model_id, product_id)
       WHERE e.model_id = $1 AND e.product_id = $2 GROUP BY e.description_embedding`,
      [LOCAL_MODEL_ID, lock.product_id],
    );
    const [q] = await localEncoder().embed(['enter home by punching digits']);
    const cos = (v: number[]) => v.reduce((sum, x, i) => sum + x * q![i]!, 0);
    const best = Math.max(cos(rows[0].d), ...(rows[0].p as number[][]).map(cos));
    assert.ok(cos(rows[0].d) < best, 'a passage is closer than the whole document');
    // The fused score is that similarity, raised only by word and attribute evidence (main/search/ranking.ts).
    assert.ok(lock.similarity_percent >= best * 100 - 0.6, `${lock.similarity_percent}% vs ${(best * 100).toFixed(2)}%`);
  });

  test('passages are published atomically with the document set: both or neither', async () => {
    const before = await readModelState(admin, LOCAL_MODEL_ID);
    const ids = [...skuOf.keys()];
    const keys = catalogProducts().flatMap((p) => {
      const productId = [...skuOf].find(([, sku]) => sku === p.sku)![0];
      return productPassages(p.description, alsoSayOf(p)).map((_, k) => ({ productId, passage: k + 1 }));
    });
    // Every document staged, one passage missing: publishing refuses and nothing changes.
    await stageStored(admin, LOCAL_MODEL_ID, ids);
    await stageStoredPassages(admin, LOCAL_MODEL_ID, keys.slice(1));
    await assert.rejects(publishStaged(admin, localEncoder(), { passages: PASSAGES }), (error: unknown) => isZavaError(error) && /passage vectors .* are staged; nothing was published/.test(error.message));
    const unchanged = await readModelState(admin, LOCAL_MODEL_ID);
    assert.equal(unchanged?.version, before?.version);
    assert.equal(unchanged?.passages, PASSAGES);
    assert.equal(Number((await admin.query('SELECT count(*) FROM retail.product_passage_embeddings WHERE model_id = $1', [LOCAL_MODEL_ID])).rows[0].count), PASSAGES);
    // With the last passage staged, both sets are replaced under one new version.
    await stageStoredPassages(admin, LOCAL_MODEL_ID, keys.slice(0, 1));
    const published = await publishStaged(admin, localEncoder(), { passages: PASSAGES });
    assert.equal(published.passages, PASSAGES);
    const after = await readModelState(seattle, LOCAL_MODEL_ID);
    assert.notEqual(after?.version, before?.version);
    assert.equal(after?.vectors, 423);
    assert.equal(after?.passages, PASSAGES);
    assert.equal(Number((await admin.query('SELECT count(*) FROM zava_meta.embedding_passage_staging')).rows[0].count), 0);
  });
});
