import { query } from '../db/sql-files.ts';
import { dot, vectorLiteral } from './provider.ts';
import { run, type Queryable } from './queryable.ts';
import { vectorCastType } from './vector-store.ts';

/**
 * Which way vector similarity is computed: pgvector's HNSW index, pgvector scanning exactly
 * (no usable index, e.g. more than 4,000 dimensions, and too many vectors to hold in Node), or an
 * exact scan in Node over the model's cached vectors (pgvector absent from the server or the
 * database, or a set small enough that pgvector would scan it exactly anyway).
 */
export type SearchPath = 'hnsw' | 'pgvector-exact' | 'exact-scan';

/** A model's row from zava_meta.embedding_models plus what the server offers. */
export interface ModelState {
  modelId: string;
  dimensions: number;
  ready: boolean;
  version: string | null;
  vectors: number;
  /** Description passage vectors published with this version (null: none, documents alone). */
  passages: number | null;
  indexName: string | null;
  indexPresent: boolean;
  pgvectorVersion: string | null;
}

/**
 * Reads the model's state; also sets hnsw.ef_search to `candidates` (40–1000) for the
 * nearest-neighbour query that follows (see sql/queries/search_model_state.sql).
 */
export async function readModelState(db: Queryable, modelId: string, candidates = 40): Promise<ModelState | undefined> {
  const [row] = await run(db, query('search_model_state'), [modelId, String(Math.min(1000, Math.max(40, candidates)))]);
  if (!row) return undefined;
  return {
    modelId: row.model_id,
    dimensions: row.dimensions,
    ready: row.ready,
    version: row.version,
    vectors: row.vectors,
    passages: row.passages ?? null,
    indexName: row.index_name,
    indexPresent: row.index_present,
    pgvectorVersion: row.pgvector_version,
  };
}

/**
 * The path the server offers for this model, before asking the planner: exact scan in Node
 * without pgvector; pgvector otherwise (HNSW if the model's index exists).
 */
export function searchPathFor(state: Pick<ModelState, 'pgvectorVersion' | 'indexPresent'>): SearchPath {
  if (!state.pgvectorVersion) return 'exact-scan';
  return state.indexPresent ? 'hnsw' : 'pgvector-exact';
}

const plans = new Map<string, Promise<boolean>>();

/**
 * Vectors × dimensions up to which an exact scan runs in Node rather than in pgvector (2 M
 * floats: 8 MB cached, ~3,900 products at 512 dimensions). pgvector stores real[] and casts every
 * row to vector on each exact scan: at the default scale (423 × 512) that took ~8 ms of a search
 * under load, where Node's dot products over the cached matrix take well under 1 ms, and the two
 * agree (both exact cosine).
 */
export const NODE_SCAN_MAX_FLOATS = 2_000_000;

/**
 * The path a search takes. Whether the planner really uses the model's HNSW index for a
 * nearest-`limit` query is asked once per model version and limit (EXPLAIN, no execution), so the
 * path a search reports is the one that ran. With a few hundred vectors the planner rightly prefers
 * an exact scan and sort; from a few thousand on it takes the index. Where it would scan exactly
 * (or no index exists), a small set is scanned in Node instead (see NODE_SCAN_MAX_FLOATS).
 */
export async function resolvePath(db: Queryable, state: ModelState, limit: number): Promise<SearchPath> {
  const offered = searchPathFor(state);
  if (offered === 'exact-scan') return offered;
  const small = state.vectors * state.dimensions <= NODE_SCAN_MAX_FLOATS;
  if (offered === 'pgvector-exact' || !state.indexName) return small ? 'exact-scan' : 'pgvector-exact';
  const key = `${state.modelId}@${state.version}#${limit}`;
  let used = plans.get(key);
  if (!used) {
    const probe = new Float32Array(state.dimensions);
    probe[0] = 1;
    const indexName = state.indexName;
    used = run(db, `EXPLAIN (FORMAT JSON) ${pgvectorSql('search_vector_pgvector', state.dimensions)}`, [vectorLiteral(probe), state.modelId, limit]).then((rows) =>
      JSON.stringify(rows[0]?.['QUERY PLAN'] ?? '').includes(`"Index Name":"${indexName}"`),
    );
    used.catch(() => plans.delete(key));
    plans.set(key, used);
    if (plans.size > 256) plans.delete(plans.keys().next().value!);
  }
  if (await used) return 'hnsw';
  return small ? 'exact-scan' : 'pgvector-exact';
}

function pgvectorSql(name: string, dimensions: number): string {
  return query(name).replaceAll('__VECTOR__', vectorCastType(dimensions));
}

/**
 * The `limit` products nearest to `vector` (cosine), as product_id → similarity (−1..1). On the
 * HNSW path `readModelState(…, limit)` must have run on this connection (it sets ef_search).
 */
export async function nearestProducts(db: Queryable, state: ModelState, vector: Float32Array, limit: number, path: SearchPath): Promise<Map<string, number>> {
  if (path === 'exact-scan') {
    const all = await exactScan(db, state, vector);
    return new Map([...all].sort((a, b) => b[1] - a[1]).slice(0, limit));
  }
  const rows = await run(db, pgvectorSql('search_vector_pgvector', state.dimensions), [vectorLiteral(vector), state.modelId, limit]);
  return new Map(rows.map((r) => [r.product_id as string, Number(r.similarity)]));
}

/** Similarity of specific products (text matches the nearest list missed), on the path `nearestProducts` took. */
export async function similaritiesOf(db: Queryable, state: ModelState, vector: Float32Array, productIds: string[], path: SearchPath): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  if (path === 'exact-scan') {
    const all = await exactScan(db, state, vector);
    return new Map(productIds.filter((id) => all.has(id)).map((id) => [id, all.get(id)!]));
  }
  const rows = await run(db, pgvectorSql('search_similarity_pgvector', state.dimensions), [vectorLiteral(vector), state.modelId, productIds]);
  return new Map(rows.map((r) => [r.product_id as string, Number(r.similarity)]));
}

interface VectorMatrix {
  ids: string[];
  values: Float32Array;
  dimensions: number;
}

/**
 * Product vectors are catalog data, identical for every identity (the table has no RLS and is
 * granted to all readers), so one cache per model version serves everyone; a publish changes
 * the version and a reset brings a new one. A few thousand 512-d vectors are a few MB.
 */
const matrices = new Map<string, Promise<VectorMatrix>>();
const MAX_CACHED = 4;

async function loadMatrix(db: Queryable, state: ModelState): Promise<VectorMatrix> {
  const key = `${state.modelId}@${state.version}`;
  let entry = matrices.get(key);
  if (!entry) {
    entry = (async () => {
      const rows = await run(db, query('search_vectors_all'), [state.modelId]);
      const values = new Float32Array(rows.length * state.dimensions);
      rows.forEach((r, i) => decodeArraySend(Buffer.from(r.embedding as string, 'base64'), values, i * state.dimensions, state.dimensions));
      return { ids: rows.map((r) => r.product_id as string), values, dimensions: state.dimensions };
    })();
    entry.catch(() => matrices.delete(key));
    matrices.set(key, entry);
    while (matrices.size > MAX_CACHED) matrices.delete(matrices.keys().next().value!);
  }
  return entry;
}

/**
 * Decodes PostgreSQL's binary array format for a one-dimensional real[] without NULLs: a header
 * (ndim, has-null flag, element type, then length and lower bound per dimension), then each
 * element as a 4-byte length and a big-endian float4.
 */
function decodeArraySend(buf: Buffer, into: Float32Array, offset: number, dimensions: number): void {
  const ndim = buf.readInt32BE(0);
  if (ndim !== 1 || buf.readInt32BE(12) !== dimensions) throw new Error(`unexpected vector layout (ndim ${ndim})`);
  let at = 20;
  for (let k = 0; k < dimensions; k++, at += 8) into[offset + k] = buf.readFloatBE(at + 4);
}

/** A model version's passage vectors: rows of `values`, and each product's row numbers. */
interface PassageMatrix {
  rows: Map<string, number[]>;
  values: Float32Array;
  dimensions: number;
}

/** Passage vectors per model version, cached like the document matrices (catalog data, a few MB). */
const passageMatrices = new Map<string, Promise<PassageMatrix>>();

function loadPassages(db: Queryable, state: ModelState): Promise<PassageMatrix> {
  const key = `${state.modelId}@${state.version}`;
  let entry = passageMatrices.get(key);
  if (!entry) {
    entry = (async () => {
      const rows = await run(db, query('search_passages_all'), [state.modelId]);
      const values = new Float32Array(rows.length * state.dimensions);
      const byProduct = new Map<string, number[]>();
      rows.forEach((r, i) => {
        decodeArraySend(Buffer.from(r.embedding as string, 'base64'), values, i * state.dimensions, state.dimensions);
        const id = r.product_id as string;
        const list = byProduct.get(id);
        if (list) list.push(i);
        else byProduct.set(id, [i]);
      });
      return { rows: byProduct, values, dimensions: state.dimensions };
    })();
    entry.catch(() => passageMatrices.delete(key));
    passageMatrices.set(key, entry);
    while (passageMatrices.size > MAX_CACHED) passageMatrices.delete(passageMatrices.keys().next().value!);
  }
  return entry;
}

/**
 * Each product's best similarity over its description passages (products without passages are
 * absent). Empty when the model published none (`state.passages` null or 0): search then scores
 * by document vectors alone. Computed in Node from the cached matrix: a few hundred dot products.
 */
export async function passageSimilarities(db: Queryable, state: ModelState, vector: Float32Array, productIds: Iterable<string>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!state.passages) return out;
  const m = await loadPassages(db, state);
  for (const id of productIds) {
    const rows = m.rows.get(id);
    if (!rows) continue;
    let best = -Infinity;
    for (const i of rows) best = Math.max(best, dot(m.values.subarray(i * m.dimensions, (i + 1) * m.dimensions), vector));
    out.set(id, best);
  }
  return out;
}

/** The last scan per query vector: nearest and text-only similarities reuse one pass. */
const scans = new WeakMap<Float32Array, Promise<Map<string, number>>>();

/** Exact cosine of every product in Node (vectors are unit length: a dot product). */
function exactScan(db: Queryable, state: ModelState, vector: Float32Array): Promise<Map<string, number>> {
  let scan = scans.get(vector);
  if (!scan) {
    scan = loadMatrix(db, state).then((m) => {
      const out = new Map<string, number>();
      for (let i = 0; i < m.ids.length; i++) out.set(m.ids[i]!, dot(m.values.subarray(i * m.dimensions, (i + 1) * m.dimensions), vector));
      return out;
    });
    scans.set(vector, scan);
  }
  return scan;
}
