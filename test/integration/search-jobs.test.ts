// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { adminConfig } from '../../main/db/database.ts';
import { resolveIdentity } from '../../main/db/identities.ts';
import { isZavaError, type ErrorCode } from '../../main/kernel/errors.ts';
import { startEmbeddingJob } from '../../main/search/embedding-job.ts';
import { indexProductEmbeddings } from '../../main/search/indexer.ts';
import { localEncoder, LOCAL_MODEL_ID } from '../../main/search/local-encoder.ts';
import { loadPrecomputed, type PrecomputedVectors } from '../../main/search/precomputed.ts';
import { createEmbeddingProvider } from '../../main/search/provider-config.ts';
import type { EmbeddingProvider } from '../../main/search/provider.ts';
import { createSearchService } from '../../main/search/service.ts';
import { searchStatus } from '../../main/search/status.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startEmbeddingsStub, type EmbeddingsStub } from '../helpers/embeddings-stub.ts';

const KEY = 'sk-stub-KEY-0123456789';
const seattleIdentity = resolveIdentity('seattle');

describe('embedding jobs (OpenAI-compatible stub server) and offline indexing', () => {
  let db: TestDatabase;
  let stub: EmbeddingsStub;
  let admin: pg.Client;
  const connect = async () => {
    const client = new pg.Client(adminConfig(db.target));
    await client.connect();
    return client;
  };
  const provider = (overrides: Record<string, unknown> = {}): EmbeddingProvider =>
    createEmbeddingProvider({ kind: 'openai-compatible', baseURL: stub.baseURL, apiKey: KEY, model: 'stub', dimensions: 64, maxRetries: 0, timeoutMs: 5_000, ...overrides } as never);
  const stored = async (modelId: string) => Number((await admin.query('SELECT count(*) FROM retail.product_description_embeddings WHERE model_id = $1', [modelId])).rows[0].count);
  const ready = async (modelId: string) => (await admin.query('SELECT ready_at IS NOT NULL AS ready FROM zava_meta.embedding_models WHERE model_id = $1', [modelId])).rows[0]?.ready === true;
  const failsWith = async (promise: Promise<unknown>, code: ErrorCode, pattern: RegExp) =>
    assert.rejects(promise, (error: unknown) => {
      assert.ok(isZavaError(error), String(error));
      assert.equal(error.code, code, error.message);
      assert.match(error.message, pattern);
      assert.ok(!error.message.includes(KEY));
      return true;
    });

  before(async () => {
    db = await createTestDatabase();
    stub = await startEmbeddingsStub({ apiKey: KEY, dimensions: 64 });
    admin = await db.admin();
  });
  after(async () => {
    await admin?.end();
    await stub?.close();
    await db?.close();
  });

  test('a bad key fails the job with a clear error and stores nothing', async () => {
    const p = provider({ apiKey: 'sk-wrong-0000000000' });
    await failsWith(startEmbeddingJob({ connect, provider: p }).done, 'CONFIG_ERROR', /rejected the API key \(HTTP 401\)/);
    assert.equal(await stored(p.modelId), 0);
    assert.equal(await ready(p.modelId), false);
    const status = await searchStatus(admin, { provider: p });
    assert.equal(status.ok, false);
    assert.equal(status.models.find((m) => m.modelId === p.modelId)?.job.state, 'failed');
  });

  test('wrong dimensions and timeouts fail the job and store nothing', async () => {
    const wrongDims = provider({ dimensions: 32 });
    await failsWith(startEmbeddingJob({ connect, provider: wrongDims }).done, 'CONFIG_ERROR', /returned 64-dimensional vectors.*32 dimensions/);
    assert.equal(await stored(wrongDims.modelId), 0);
    stub.behaviour.delayMs = 1_000;
    try {
      const slow = provider({ timeoutMs: 200, model: 'slow' });
      await failsWith(startEmbeddingJob({ connect, provider: slow }).done, 'QUERY_TIMEOUT', /did not answer within 200 ms/);
      assert.equal(await stored(slow.modelId), 0);
    } finally {
      stub.behaviour.delayMs = 0;
    }
  });

  test('searching with a provider whose vectors are not built is UNAVAILABLE; the offline set keeps working', async () => {
    const seattle = await db.as(seattleIdentity);
    try {
      await failsWith(createSearchService({ provider: provider() }).search(seattle, { query_description: 'hose' }), 'UNAVAILABLE', /not built/);
      const offline = await createSearchService().search(seattle, { query_description: 'garden hose', max_rows: 3 });
      assert.equal(offline.products.length, 3);
    } finally {
      await seattle.end();
    }
  });

  test('a cancelled job serves nothing; started again it resumes and publishes the whole set', async () => {
    // Room for a whole batch in one call (50 products are ~300 texts with their passages), so requests count batches.
    const p = provider({ maxBatch: 2048 });
    stub.behaviour.delayMs = 150;
    const seen: number[] = [];
    const first = startEmbeddingJob({
      connect,
      provider: p,
      batchSize: 50,
      onProgress: (progress) => {
        seen.push(progress.done);
        if (progress.done >= 150) first.cancel();
      },
    });
    await failsWith(first.done, 'QUERY_CANCELLED', /cancelled after \d+ of 423 products/);
    stub.behaviour.delayMs = 0;
    assert.equal(await stored(p.modelId), 0, 'nothing half-written is served');
    assert.equal(await ready(p.modelId), false);
    const staged = Number((await admin.query('SELECT count(*) FROM zava_meta.embedding_staging WHERE model_id = $1', [p.modelId])).rows[0].count);
    assert.ok(staged >= 150 && staged < 423, `finished batches are kept for the resume (${staged})`);
    assert.equal((await searchStatus(admin, { provider: p })).models.find((m) => m.modelId === p.modelId)?.job.state, 'cancelled');

    const requestsBefore = stub.requests.length;
    const resumed = await startEmbeddingJob({ connect, provider: p, batchSize: 50 }).done;
    assert.equal(resumed.vectors, 423);
    assert.equal(resumed.computed, 423 - staged, 'only the missing products are embedded again');
    assert.equal(stub.requests.length - requestsBefore, Math.ceil((423 - staged) / 50));
    assert.equal(await stored(p.modelId), 423);
    assert.equal(await ready(p.modelId), true);
    assert.equal(Number((await admin.query('SELECT count(*) FROM zava_meta.embedding_staging')).rows[0].count), 0);
    assert.ok(seen.length > 0 && seen.every((d, i) => i === 0 || d >= seen[i - 1]!), 'progress only moves forward');
  });

  test('search runs with the re-embedded provider under RLS, on its own HNSW index', async () => {
    const p = provider();
    const status = await searchStatus(admin, { provider: p });
    assert.equal(status.ok, true);
    const set = status.models.find((m) => m.modelId === p.modelId)!;
    assert.match(set.indexName ?? '', /^pde_compat_127_0_0_1_\d+_stub_64_[0-9a-f]{8}_hnsw$/);
    const seattle = await db.as(seattleIdentity);
    try {
      const result = await createSearchService({ provider: p }).search(seattle, { query_description: 'garden hose', max_rows: 5, similarity_threshold: 20 });
      assert.equal(result.modelId, p.modelId);
      assert.equal(result.provider, 'openai-compatible');
      assert.ok(result.products.some((x) => /hose/i.test(x.product_name)), result.products.map((x) => x.product_name).join(' | '));
    } finally {
      await seattle.end();
    }
  });

  test('rerunning a finished job computes nothing (content hashes match the stored set)', async () => {
    const before = stub.requests.length;
    const again = await startEmbeddingJob({ connect, provider: provider() }).done;
    assert.equal(again.computed, 0);
    assert.equal(again.reused, 423);
    assert.equal(stub.requests.length, before);
  });

  test('offline indexing reuses shipped vectors by content hash and computes only what differs', async () => {
    const shipped = loadPrecomputed(LOCAL_MODEL_ID)!;
    const changed = new Set(['PT-DRL-001', 'GO-HOS-001', 'EL-BLB-001']);
    // As if these three descriptions had been edited since the file was made.
    const partial: PrecomputedVectors = { ...shipped, get: (sku, hash) => (changed.has(sku) ? undefined : shipped.get(sku, hash)) };
    await admin.query('DELETE FROM retail.product_description_embeddings WHERE model_id = $1', [LOCAL_MODEL_ID]);
    const progress: string[] = [];
    const result = await indexProductEmbeddings(admin, localEncoder(), { precomputed: partial, onProgress: (p) => progress.push(p.message) });
    assert.equal(result.computed, 3);
    assert.equal(result.reused, 420);
    assert.equal(await stored(LOCAL_MODEL_ID), 423);
    assert.ok(progress.some((m) => /420 of 423 vectors reused; computing 3/.test(m)), progress.join(' | '));
    // Freshly computed vectors agree with the shipped ones for unchanged text.
    const { rows } = await admin.query(
      `SELECT e.description_embedding FROM retail.product_description_embeddings e JOIN retail.products p USING (product_id)
       WHERE e.model_id = $1 AND p.sku = 'PT-DRL-001'`,
      [LOCAL_MODEL_ID],
    );
    const fresh = rows[0].description_embedding as number[];
    const hash = (await admin.query("SELECT content_hash FROM retail.product_description_embeddings e JOIN retail.products p USING (product_id) WHERE p.sku = 'PT-DRL-001' AND model_id = $1", [LOCAL_MODEL_ID])).rows[0].content_hash;
    const original = shipped.get('PT-DRL-001', hash)!;
    const cosine = fresh.reduce((sum, x, i) => sum + x * original[i]!, 0);
    assert.ok(cosine > 0.999, `recomputed vector matches the shipped one (cosine ${cosine})`);
  });
});
