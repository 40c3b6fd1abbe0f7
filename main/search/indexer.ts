import type pg from 'pg';
import { query } from '../db/sql-files.ts';
import { ZavaError } from '../errors.ts';
import type { PrecomputedVectors } from './precomputed.ts';
import { contentHash, productDocument } from './product-documents.ts';
import type { EmbeddingProvider } from './provider.ts';
import { publishStaged, registerModel, setJobState, stageStored, stageVectors, type StagedVector } from './vector-store.ts';

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
  /** Texts per provider call; defaults to the provider's `maxBatch`. */
  batchSize?: number;
}

/** What an indexing run published. */
export interface IndexResult {
  modelId: string;
  vectors: number;
  /** Vectors the provider computed in this run. */
  computed: number;
  /** Vectors taken from the shipped file, the stored set, or an earlier (resumed) run. */
  reused: number;
  indexName: string | null;
  ms: number;
}

interface ProductRow {
  product_id: string;
  sku: string;
  product_name: string;
  product_description: string;
  stored_hash: string | null;
  staged_hash: string | null;
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
  const lock = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`zava-embeddings:${modelId}`]);
  if (!lock.rows[0]?.ok) {
    throw new ZavaError('UNAVAILABLE', `Vectors for ${modelId} are already being computed by another job.`, { hint: 'Wait for that job, or cancel it first.' });
  }
  let total = 0;
  let done = 0;
  try {
    await registerModel(client, provider);
    const { rows } = await client.query<ProductRow>(query('embedding_products'), [modelId]);
    total = rows.length;
    const report = (message: string) => options.onProgress?.({ modelId, done, total, message });

    const pending: { productId: string; hash: string; text: string }[] = [];
    const fromStore: string[] = [];
    const fromFile: StagedVector[] = [];
    for (const row of rows) {
      const text = productDocument({ name: row.product_name, description: row.product_description });
      const hash = contentHash(text);
      if (row.staged_hash === hash) continue;
      if (row.stored_hash === hash) fromStore.push(row.product_id);
      else {
        const shipped = options.precomputed?.get(row.sku, hash);
        if (shipped && shipped.length === provider.dimensions) fromFile.push({ productId: row.product_id, hash, vector: shipped });
        else pending.push({ productId: row.product_id, hash, text });
      }
    }
    const reused = total - pending.length;
    await stageStored(client, modelId, fromStore);
    await stageVectors(client, modelId, fromFile);
    done = reused;
    await setJobState(client, modelId, 'running', { done, total });
    report(`${reused} of ${total} vectors reused; computing ${pending.length}`);

    const batch = Math.max(1, options.batchSize ?? provider.maxBatch);
    for (let i = 0; i < pending.length; i += batch) {
      options.signal?.throwIfAborted();
      const slice = pending.slice(i, i + batch);
      const vectors = await provider.embed(slice.map((p) => p.text), options.signal);
      if (vectors.length !== slice.length || vectors.some((v) => v.length !== provider.dimensions)) {
        throw new ZavaError('CONFIG_ERROR', `${modelId} returned ${vectors.length} vectors of ${vectors[0]?.length ?? 0} dimensions for ${slice.length} texts; expected ${provider.dimensions} dimensions.`);
      }
      await stageVectors(client, modelId, slice.map((p, k) => ({ productId: p.productId, hash: p.hash, vector: vectors[k]! })));
      done += slice.length;
      await setJobState(client, modelId, 'running', { done, total });
      report(`Embedded ${done} of ${total} products`);
    }
    options.signal?.throwIfAborted();
    const published = await publishStaged(client, provider);
    report(`Published ${published.vectors} vectors of ${modelId}`);
    return { modelId, vectors: published.vectors, computed: pending.length, reused, indexName: published.indexName, ms: performance.now() - started };
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
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`zava-embeddings:${modelId}`]).catch(() => undefined);
  }
}
