import crypto from 'node:crypto';
import type pg from 'pg';
import { ZavaError } from '../kernel/errors.ts';
import type { EmbeddingProvider } from './provider.ts';

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

/** Creates or refreshes the model's row in zava_meta.embedding_models (does not touch readiness). */
export async function registerModel(client: pg.ClientBase, info: ModelInfo): Promise<void> {
  await client.query(
    `INSERT INTO zava_meta.embedding_models (model_id, provider, model, dimensions) VALUES ($1, $2, $3, $4)
     ON CONFLICT (model_id) DO UPDATE SET provider = EXCLUDED.provider, model = EXCLUDED.model, updated_at = now()`,
    [info.modelId, info.kind, info.model, info.dimensions],
  );
}

/** Records the state and progress of the model's (re-)embedding job, for status and the UI. */
export async function setJobState(
  client: pg.ClientBase,
  modelId: string,
  state: 'idle' | 'running' | 'cancelled' | 'failed',
  progress: { done: number; total: number; error?: string },
): Promise<void> {
  await client.query(
    'UPDATE zava_meta.embedding_models SET job_state = $2, job_done = $3, job_total = $4, job_error = $5, updated_at = now() WHERE model_id = $1',
    [modelId, state, progress.done, progress.total, progress.error ?? null],
  );
}

/** Writes vectors into the staging table in one statement (autocommit: each batch is a resume point). */
export async function stageVectors(client: pg.ClientBase, modelId: string, rows: StagedVector[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO zava_meta.embedding_staging (model_id, product_id, content_hash, embedding)
     SELECT $1, r.product_id, r.content_hash, r.embedding::real[]
     FROM unnest($2::uuid[], $3::text[], $4::text[]) AS r (product_id, content_hash, embedding)
     ON CONFLICT (model_id, product_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding`,
    [modelId, rows.map((r) => r.productId), rows.map((r) => r.hash), rows.map((r) => realArray(r.vector))],
  );
}

/** Copies already stored vectors whose text did not change into staging (no re-embedding). */
export async function stageStored(client: pg.ClientBase, modelId: string, productIds: string[]): Promise<void> {
  if (productIds.length === 0) return;
  await client.query(
    `INSERT INTO zava_meta.embedding_staging (model_id, product_id, content_hash, embedding)
     SELECT model_id, product_id, content_hash, description_embedding FROM retail.product_description_embeddings
     WHERE model_id = $1 AND product_id = ANY ($2::uuid[])
     ON CONFLICT (model_id, product_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding`,
    [modelId, productIds],
  );
}

/** Writes passage vectors into their staging table in one statement. */
export async function stagePassages(client: pg.ClientBase, modelId: string, rows: StagedPassage[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO zava_meta.embedding_passage_staging (model_id, product_id, passage, content_hash, embedding)
     SELECT $1, r.product_id, r.passage, r.content_hash, r.embedding::real[]
     FROM unnest($2::uuid[], $3::smallint[], $4::text[], $5::text[]) AS r (product_id, passage, content_hash, embedding)
     ON CONFLICT (model_id, product_id, passage) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding`,
    [modelId, rows.map((r) => r.productId), rows.map((r) => r.passage), rows.map((r) => r.hash), rows.map((r) => realArray(r.vector))],
  );
}

/** Copies stored passage vectors whose text did not change into staging (`keys`: product and passage). */
export async function stageStoredPassages(client: pg.ClientBase, modelId: string, keys: { productId: string; passage: number }[]): Promise<void> {
  if (keys.length === 0) return;
  await client.query(
    `INSERT INTO zava_meta.embedding_passage_staging (model_id, product_id, passage, content_hash, embedding)
     SELECT e.model_id, e.product_id, e.passage, e.content_hash, e.embedding
     FROM retail.product_passage_embeddings e JOIN unnest($2::uuid[], $3::smallint[]) AS k (product_id, passage) USING (product_id, passage)
     WHERE e.model_id = $1
     ON CONFLICT (model_id, product_id, passage) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding`,
    [modelId, keys.map((k) => k.productId), keys.map((k) => k.passage)],
  );
}

/** Drops staged passages a product no longer has (its description lost a sentence since). */
export async function dropStalePassages(client: pg.ClientBase, modelId: string, counts: { productId: string; passages: number }[]): Promise<void> {
  await client.query(
    `DELETE FROM zava_meta.embedding_passage_staging s
     WHERE s.model_id = $1
       AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::int[]) AS c (product_id, n) WHERE c.product_id = s.product_id AND s.passage <= c.n)`,
    [modelId, counts.map((c) => c.productId), counts.map((c) => c.passages)],
  );
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
    const { rows: check } = await client.query(
      `SELECT (SELECT count(*) FROM retail.products)::int AS products,
              (SELECT count(*) FROM zava_meta.embedding_staging s JOIN retail.products p USING (product_id)
                WHERE s.model_id = $1 AND cardinality(s.embedding) = $2)::int AS staged,
              (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pgvector`,
      [info.modelId, info.dimensions],
    );
    const { products, staged, pgvector } = check[0] as { products: number; staged: number; pgvector: string | null };
    if (staged !== products) {
      throw new ZavaError('INTERNAL_ERROR', `Only ${staged} of ${products} product vectors of ${info.modelId} are staged; nothing was published.`);
    }
    const passages = options.passages ?? null;
    if (passages !== null) {
      const { rows: p } = await client.query(
        `SELECT count(*)::int AS staged FROM zava_meta.embedding_passage_staging s JOIN retail.products p USING (product_id)
         WHERE s.model_id = $1 AND cardinality(s.embedding) = $2`,
        [info.modelId, info.dimensions],
      );
      if (p[0].staged !== passages) {
        throw new ZavaError('INTERNAL_ERROR', `${p[0].staged} of ${passages} passage vectors of ${info.modelId} are staged; nothing was published.`);
      }
    }
    await client.query('DELETE FROM retail.product_description_embeddings WHERE model_id = $1', [info.modelId]);
    await client.query(
      `INSERT INTO retail.product_description_embeddings (product_id, model_id, dimensions, description_embedding, content_hash)
       SELECT s.product_id, s.model_id, $2, s.embedding, s.content_hash
       FROM zava_meta.embedding_staging s JOIN retail.products p USING (product_id) WHERE s.model_id = $1`,
      [info.modelId, info.dimensions],
    );
    await client.query('DELETE FROM retail.product_passage_embeddings WHERE model_id = $1', [info.modelId]);
    if (passages !== null) {
      await client.query(
        `INSERT INTO retail.product_passage_embeddings (model_id, product_id, passage, embedding, content_hash)
         SELECT s.model_id, s.product_id, s.passage, s.embedding, s.content_hash
         FROM zava_meta.embedding_passage_staging s JOIN retail.products p USING (product_id) WHERE s.model_id = $1`,
        [info.modelId],
      );
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
    await client.query(
      `UPDATE zava_meta.embedding_models SET ready_at = now(), version = gen_random_uuid(), vectors = $2, index_name = $3, passages = $4,
              job_state = 'idle', job_done = $2, job_total = $2, job_error = NULL, updated_at = now() WHERE model_id = $1`,
      [info.modelId, products, indexName, passages],
    );
    await client.query('DELETE FROM zava_meta.embedding_staging WHERE model_id = $1', [info.modelId]);
    await client.query('DELETE FROM zava_meta.embedding_passage_staging WHERE model_id = $1', [info.modelId]);
    await client.query('COMMIT');
    // Fresh statistics so the planner prices the index scan against the real row count.
    await client.query('ANALYZE retail.product_description_embeddings');
    return { vectors: products, passages, indexName };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
