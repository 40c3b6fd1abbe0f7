import type pg from 'pg';
import { query } from '../db/sql-files.ts';
import { defineQuery } from '../db/typed-query.ts';
import { ZavaError } from '../kernel/errors.ts';
import type { PrecomputedPassages, PrecomputedVectors } from './precomputed.ts';
import { contentHash, passageHash, productDocument, productPassages } from './product-documents.ts';
import type { EmbeddingProvider } from './provider.ts';
import {
  dropStalePassages,
  publishStaged,
  registerModel,
  setJobState,
  stagePassages,
  stageStored,
  stageStoredPassages,
  stageVectors,
  type StagedPassage,
  type StagedVector,
} from './vector-store.ts';

const tryEmbeddingsLock = defineQuery<[key: string], { ok: boolean }>('embeddings_lock');
const embeddingsUnlock = defineQuery<[key: string], never>('embeddings_unlock');

/** Progress of an indexing run (reset phase or re-embedding job). */
export interface IndexProgress {
  modelId: string;
  /** Products whose vector is staged so far (reused + computed). */
  done: number;
  total: number;
  message: string;
}

/** Options of `indexProductEmbeddings`. */
export interface IndexOptions {
  signal?: AbortSignal;
  onProgress?: (p: IndexProgress) => void;
  /** Shipped vectors to take where the content hash matches (the offline encoder's file). */
  precomputed?: PrecomputedVectors | undefined;
  /** Shipped description passage vectors, taken where the passage's hash matches. */
  precomputedPassages?: PrecomputedPassages | undefined;
  /**
   * Products per batch (each sends its document and the passages it still needs, at most three
   * texts; a batch is one provider call unless that exceeds the provider's `maxBatch`); defaults to
   * a third of `maxBatch`. Each batch is one resume point.
   */
  batchSize?: number;
}

/** What an indexing run published. */
export interface IndexResult {
  modelId: string;
  vectors: number;
  /** Products with a vector (document or passage) the provider computed in this run. */
  computed: number;
  /** Products whose vectors were all taken from the shipped file, the stored set, or an earlier (resumed) run. */
  reused: number;
  /** Description passage vectors published beside the documents. */
  passages: number;
  indexName: string | null;
  ms: number;
}

interface ProductRow {
  product_id: string;
  sku: string;
  product_name: string;
  product_description: string;
  also_say: string[] | null;
  stored_hash: string | null;
  staged_hash: string | null;
}

/** A document or passage text still to be embedded (`passage` 0: the document). */
interface PendingText {
  passage: number;
  hash: string;
  text: string;
}

/**
 * Computes the vector set of `provider` for every product and publishes it atomically.
 * Only what differs is computed: a vector is reused when its content hash matches (already
 * staged by an interrupted run, stored from an earlier publish, or shipped precomputed).
 * Batches are committed to staging as they finish, so cancelling (`signal`) or a failure
 * loses at most one batch and a rerun resumes; nothing is served until the set is complete.
 * Runs as the superuser (`client`); one run per model at a time (advisory lock).
 */
export async function indexProductEmbeddings(client: pg.ClientBase, provider: EmbeddingProvider, options: IndexOptions = {}): Promise<IndexResult> {
  const started = performance.now();
  const { modelId } = provider;
  const lock = await tryEmbeddingsLock.first(client, `zava-embeddings:${modelId}`);
  if (!lock?.ok) {
    throw new ZavaError('UNAVAILABLE', `Vectors for ${modelId} are already being computed by another job.`, { hint: 'Wait for that job, or cancel it first.' });
  }
  let total = 0;
  let done = 0;
  try {
    await registerModel(client, provider);
    const { rows } = await client.query<ProductRow>(query('embedding_products'), [modelId]);
    total = rows.length;
    const report = (message: string) => options.onProgress?.({ modelId, done, total, message });

    const known = new Map<string, { stored?: string; staged?: string }>();
    for (const r of (await client.query(query('embedding_passages'), [modelId])).rows) {
      const key = `${r.product_id}#${r.passage}`;
      known.set(key, { ...known.get(key), [r.source]: r.content_hash });
    }

    // Per product: what must be embedded (document and/or passages); the rest is reused.
    const pending: { productId: string; texts: PendingText[] }[] = [];
    const fromStore: string[] = [];
    const fromFile: StagedVector[] = [];
    const passagesFromStore: { productId: string; passage: number }[] = [];
    const passagesFromFile: StagedPassage[] = [];
    const passageCounts: { productId: string; passages: number }[] = [];
    for (const row of rows) {
      const texts: PendingText[] = [];
      const text = productDocument({ name: row.product_name, description: row.product_description, alsoSay: row.also_say });
      const hash = contentHash(text);
      if (row.staged_hash === hash) {
        // Staged by an interrupted run.
      } else if (row.stored_hash === hash) fromStore.push(row.product_id);
      else {
        const shipped = options.precomputed?.get(row.sku, hash);
        if (shipped && shipped.length === provider.dimensions) fromFile.push({ productId: row.product_id, hash, vector: shipped });
        else texts.push({ passage: 0, hash, text });
      }
      const passages = productPassages(row.product_description, row.also_say);
      passageCounts.push({ productId: row.product_id, passages: passages.length });
      passages.forEach((passageText, k) => {
        const passage = k + 1;
        const pHash = passageHash(passageText);
        const seen = known.get(`${row.product_id}#${passage}`);
        if (seen?.staged === pHash) return;
        if (seen?.stored === pHash) return void passagesFromStore.push({ productId: row.product_id, passage });
        const shipped = options.precomputedPassages?.get(row.sku, passage, pHash);
        if (shipped && shipped.length === provider.dimensions) passagesFromFile.push({ productId: row.product_id, passage, hash: pHash, vector: shipped });
        else texts.push({ passage, hash: pHash, text: passageText });
      });
      if (texts.length > 0) pending.push({ productId: row.product_id, texts });
    }
    const passageTotal = passageCounts.reduce((sum, c) => sum + c.passages, 0);
    const reused = total - pending.length;
    await dropStalePassages(client, modelId, passageCounts);
    await stageStored(client, modelId, fromStore);
    await stageVectors(client, modelId, fromFile);
    await stageStoredPassages(client, modelId, passagesFromStore);
    await stagePassages(client, modelId, passagesFromFile);
    done = reused;
    await setJobState(client, modelId, 'running', { done, total });
    report(`${reused} of ${total} vectors reused; computing ${pending.length}`);

    const batch = Math.max(1, options.batchSize ?? Math.floor(provider.maxBatch / 3));
    for (let i = 0; i < pending.length; i += batch) {
      options.signal?.throwIfAborted();
      const slice = pending.slice(i, i + batch);
      const items = slice.flatMap((p) => p.texts.map((t) => ({ productId: p.productId, ...t })));
      // One call per batch; split only where the provider takes fewer texts per call than that.
      const vectors: Float32Array[] = [];
      for (let k = 0; k < items.length; k += Math.max(1, provider.maxBatch)) {
        vectors.push(...(await provider.embed(items.slice(k, k + Math.max(1, provider.maxBatch)).map((p) => p.text), options.signal)));
      }
      if (vectors.length !== items.length || vectors.some((v) => v.length !== provider.dimensions)) {
        throw new ZavaError('CONFIG_ERROR', `${modelId} returned ${vectors.length} vectors of ${vectors[0]?.length ?? 0} dimensions for ${items.length} texts; expected ${provider.dimensions} dimensions.`);
      }
      const computed = items.map((item, k) => ({ ...item, vector: vectors[k]! }));
      // A product's document and passages are staged together: a resume never finds half a product.
      await client.query('BEGIN');
      try {
        await stageVectors(client, modelId, computed.filter((c) => c.passage === 0));
        await stagePassages(client, modelId, computed.filter((c) => c.passage > 0));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      done += slice.length;
      await setJobState(client, modelId, 'running', { done, total });
      report(`Embedded ${done} of ${total} products`);
    }
    options.signal?.throwIfAborted();
    const published = await publishStaged(client, provider, { passages: passageTotal });
    report(`Published ${published.vectors} vectors and ${passageTotal} passage vectors of ${modelId}`);
    return {
      modelId,
      vectors: published.vectors,
      computed: pending.length,
      reused,
      passages: passageTotal,
      indexName: published.indexName,
      ms: performance.now() - started,
    };
  } catch (error) {
    const cancelled = options.signal?.aborted === true;
    const message = error instanceof Error ? error.message : String(error);
    await setJobState(client, modelId, cancelled ? 'cancelled' : 'failed', { done, total, error: cancelled ? 'cancelled' : message }).catch(() => undefined);
    if (cancelled) {
      throw new ZavaError('QUERY_CANCELLED', `Computing vectors for ${modelId} was cancelled after ${done} of ${total} products.`, {
        hint: 'Start the job again to resume: finished batches are kept.',
        cause: error,
      });
    }
    throw error;
  } finally {
    await embeddingsUnlock.rows(client, `zava-embeddings:${modelId}`).catch(() => undefined);
  }
}
