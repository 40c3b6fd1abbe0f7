import crypto from 'node:crypto';
import type pg from 'pg';
import { ZavaError } from '../kernel/errors.ts';
import type { EmbeddingProvider } from './provider.ts';
import { defineQuery } from '../db/typed-query.ts';

const registerModelRow = defineQuery<[modelId: string, provider: string, model: string, dimensions: number], never>('embedding_model_register');
const updateJobState = defineQuery<[modelId: string, state: string, done: number, total: number, error: string | null], never>('embedding_job_state');
const insertStagedVectors = defineQuery<[modelId: string, productIds: string[], hashes: string[], flatVectors: string, dimensions: number], never>('stage_vectors');
const copyStoredToStaging = defineQuery<[modelId: string, productIds: string[]], never>('stage_stored_vectors');
const insertStagedPassages = defineQuery<[modelId: string, productIds: string[], passages: number[], hashes: string[], flatVectors: string, dimensions: number], never>('stage_passages');
const copyStoredPassagesToStaging = defineQuery<[modelId: string, productIds: string[], passages: number[]], never>('stage_stored_passages');
const deleteStalePassages = defineQuery<[modelId: string, productIds: string[], passageCounts: number[]], never>('drop_stale_passages');
const stagedVectorCheck = defineQuery<[modelId: string, dimensions: number], { products: number; staged: number; pgvector: string | null }>('staged_vector_check');
const stagedPassageCount = defineQuery<[modelId: string, dimensions: number], { staged: number }>('staged_passage_count');
const deleteProductVectors = defineQuery<[modelId: string], never>('delete_product_vectors');
const publishProductVectors = defineQuery<[modelId: string, dimensions: number], never>('publish_product_vectors');
const deletePassageVectors = defineQuery<[modelId: string], never>('delete_passage_vectors');
const publishPassageVectors = defineQuery<[modelId: string], never>('publish_passage_vectors');
const markModelReady = defineQuery<[modelId: string, vectors: number, indexName: string | null, passages: number | null], never>('embedding_model_ready');
const deleteStagedVectors = defineQuery<[modelId: string], never>('delete_staged_vectors');
const deleteStagedPassages = defineQuery<[modelId: string], never>('delete_staged_passages');
const analyzeProductVectors = defineQuery<[], never>('analyze_product_vectors');

/** What identifies a vector set (the provider's public face, no secrets). */
export type ModelInfo = Pick<EmbeddingProvider, 'modelId' | 'kind' | 'model' | 'dimensions'>;

/** A vector ready to stage: for this product, computed from text with this hash. */
export interface StagedVector {
  productId: string;
  hash: string;
  vector: Float32Array;
}

/** A description passage vector ready to stage (`passage` is 1-based). */
export interface StagedPassage extends StagedVector {
  passage: number;
}

/** pgvector's `vector` indexes up to 2,000 dimensions, `halfvec` up to 4,000; storage goes to 16,000. */
const MAX_VECTOR_HNSW = 2000;
const MAX_HALFVEC_HNSW = 4000;

/**
 * The pgvector type the real[] column is cast to for this model: the same text must appear in
 * the index expression and in queries, or the planner will not match them.
 */
export function vectorCastType(dimensions: number): string {
  const d = Math.trunc(dimensions);
  if (!(d > 0 && d <= 16000)) throw new ZavaError('CONFIG_ERROR', `Vectors of ${dimensions} dimensions are not supported (1–16000).`);
  return d > MAX_VECTOR_HNSW && d <= MAX_HALFVEC_HNSW ? `halfvec(${d})` : `vector(${d})`;
}

/** Whether an HNSW index can exist for this many dimensions. */
export function hnswSupported(dimensions: number): boolean {
  return dimensions <= MAX_HALFVEC_HNSW;
}

/** Deterministic, identifier-safe index name per model (≤ 63 bytes). */
export function hnswIndexName(modelId: string): string {
  const slug = modelId.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 32);
  return `pde_${slug}_${crypto.createHash('sha256').update(modelId).digest('hex').slice(0, 8)}_hnsw`;
}

/** real[] parameter text: explicit, because node-pg would send a Float32Array as bytea. */
export function realArray(v: Float32Array): string {
  return `{${Array.from(v).join(',')}}`;
}

/**
 * A batch of vectors as ONE flat `real[]` literal and their common length: the server parses
 * each float once, where an array of per-vector literals is parsed twice (the text[] and then
 * each element's cast), which was most of staging's time.
 */
function flatRealArray(vectors: Float32Array[]): [flat: string, dimensions: number] {
  const dimensions = vectors[0]?.length ?? 0;
  if (vectors.some((v) => v.length !== dimensions)) throw new ZavaError('INTERNAL_ERROR', 'Vectors of one batch differ in length.');
  return [`{${vectors.map((v) => Array.from(v).join(',')).join(',')}}`, dimensions];
}

/** Creates or refreshes the model's row in zava_meta.embedding_models (does not touch readiness). */
export async function registerModel(client: pg.ClientBase, info: ModelInfo): Promise<void> {
  await registerModelRow.rows(client, info.modelId, info.kind, info.model, info.dimensions);
}

/** Records the state and progress of the model's (re-)embedding job, for status and the UI. */
export async function setJobState(
  client: pg.ClientBase,
  modelId: string,
  state: 'idle' | 'running' | 'cancelled' | 'failed',
  progress: { done: number; total: number; error?: string },
): Promise<void> {
  await updateJobState.rows(client, modelId, state, progress.done, progress.total, progress.error ?? null);
}

/** Writes vectors into the staging table in one statement (autocommit: each batch is a resume point). */
export async function stageVectors(client: pg.ClientBase, modelId: string, rows: StagedVector[]): Promise<void> {
  if (rows.length === 0) return;
  await insertStagedVectors.rows(client, modelId, rows.map((r) => r.productId), rows.map((r) => r.hash), ...flatRealArray(rows.map((r) => r.vector)));
}

/** Copies already stored vectors whose text did not change into staging (no re-embedding). */
export async function stageStored(client: pg.ClientBase, modelId: string, productIds: string[]): Promise<void> {
  if (productIds.length === 0) return;
  await copyStoredToStaging.rows(client, modelId, productIds);
}

/** Writes passage vectors into their staging table in one statement. */
export async function stagePassages(client: pg.ClientBase, modelId: string, rows: StagedPassage[]): Promise<void> {
  if (rows.length === 0) return;
  await insertStagedPassages.rows(client, modelId, rows.map((r) => r.productId), rows.map((r) => r.passage), rows.map((r) => r.hash), ...flatRealArray(rows.map((r) => r.vector)));
}

/** Copies stored passage vectors whose text did not change into staging (`keys`: product and passage). */
export async function stageStoredPassages(client: pg.ClientBase, modelId: string, keys: { productId: string; passage: number }[]): Promise<void> {
  if (keys.length === 0) return;
  await copyStoredPassagesToStaging.rows(client, modelId, keys.map((k) => k.productId), keys.map((k) => k.passage));
}

/** Drops staged passages a product no longer has (its description lost a sentence since). */
export async function dropStalePassages(client: pg.ClientBase, modelId: string, counts: { productId: string; passages: number }[]): Promise<void> {
  await deleteStalePassages.rows(client, modelId, counts.map((c) => c.productId), counts.map((c) => c.passages));
}

/**
 * Publishes the staged set in ONE transaction: replaces the model's vectors, makes sure its HNSW
 * index exists (where pgvector is), and marks it ready with a fresh version. Readers see either
 * the old complete set or the new one, never a mix. Refuses when staging misses a product.
 * With `passages` (how many description passage vectors the products have), the staged passages
 * are published in the same transaction and `embedding_models.passages` records them; without it
 * the model has none (search then scores by document vectors alone).
 */
export async function publishStaged(
  client: pg.ClientBase,
  info: ModelInfo,
  options: { passages?: number } = {},
): Promise<{ vectors: number; passages: number | null; indexName: string | null }> {
  await client.query('BEGIN');
  try {
    const check = await stagedVectorCheck.rows(client, info.modelId, info.dimensions);
    const { products, staged, pgvector } = check[0]!;
    if (staged !== products) {
      throw new ZavaError('INTERNAL_ERROR', `Only ${staged} of ${products} product vectors of ${info.modelId} are staged; nothing was published.`);
    }
    const passages = options.passages ?? null;
    if (passages !== null) {
      const p = await stagedPassageCount.rows(client, info.modelId, info.dimensions);
      if (p[0]!.staged !== passages) {
        throw new ZavaError('INTERNAL_ERROR', `${p[0]!.staged} of ${passages} passage vectors of ${info.modelId} are staged; nothing was published.`);
      }
    }
    await deleteProductVectors.rows(client, info.modelId);
    await publishProductVectors.rows(client, info.modelId, info.dimensions);
    await deletePassageVectors.rows(client, info.modelId);
    if (passages !== null) {
      await publishPassageVectors.rows(client, info.modelId);
    }
    let indexName: string | null = null;
    if (pgvector && hnswSupported(info.dimensions)) {
      indexName = hnswIndexName(info.modelId);
      const cast = vectorCastType(info.dimensions);
      const ops = cast.startsWith('halfvec') ? 'halfvec_cosine_ops' : 'vector_cosine_ops';
      await client.query(
        `CREATE INDEX IF NOT EXISTS ${client.escapeIdentifier(indexName)} ON retail.product_description_embeddings
         USING hnsw ((description_embedding::${cast}) ${ops}) WHERE model_id = ${client.escapeLiteral(info.modelId)}`,
      );
    }
    await markModelReady.rows(client, info.modelId, products, indexName, passages);
    await deleteStagedVectors.rows(client, info.modelId);
    await deleteStagedPassages.rows(client, info.modelId);
    await client.query('COMMIT');
    await analyzeProductVectors.rows(client);
    return { vectors: products, passages, indexName };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
