import { ZavaError } from '../kernel/errors.ts';
import { parseSearchInput, type SemanticSearchInputRaw } from './input.ts';
import { localEncoder } from './local-encoder.ts';
import type { EmbeddingProvider } from './provider.ts';
import { understandQuery, type UnderstoodQuery } from './query-understanding.ts';
import { checkAborted, type Queryable } from './queryable.ts';
import { DEFAULT_FUSION, applyThreshold, type FusionWeights, type Ranked } from './ranking.ts';
import { rankProducts, textSignals, type TextSignal } from './rank-products.ts';
import { fetchResultRows, type SemanticSearchProduct } from './results.ts';
import { readModelState, type ModelState, type SearchPath } from './vector-search.ts';

/** Re-exported so the bridge needs only this module. */
export type { Queryable } from './queryable.ts';
export { toColumnar, type SemanticSearchProduct } from './results.ts';
export { semanticSearchInputSchema, type SemanticSearchInput } from './input.ts';

/** What one search returns. */
export interface SemanticSearchResult {
  products: SemanticSearchProduct[];
  /** Which vector path served it (status shows the same). */
  path: SearchPath;
  /** model_id of the vectors used, e.g. `use-lite-512`. */
  modelId: string;
  provider: EmbeddingProvider['kind'];
  /** How the query was read: the text matched and the attribute constraints applied. */
  understood: UnderstoodQuery;
  /** embedMs: encoding the query; searchMs: the rest (SQL, fusion), part of which overlaps the encoding. */
  timings: { embedMs: number; searchMs: number; totalMs: number };
}

/** Options of `createSearchService`. */
export interface SearchServiceOptions {
  /** Default: the process-wide offline encoder. Its vectors must have been built (db reset / a job). */
  provider?: EmbeddingProvider;
  /** Fusion weights; the defaults are what bench/search-eval.ts measured. */
  weights?: FusionWeights;
}

/** Options of `rank()`, the raw ranking (no threshold, no result rows) the evaluation uses. */
export interface RankOptions {
  weights?: FusionWeights;
  /** How many ranked candidates to return. */
  limit?: number;
  signal?: AbortSignal;
}

/** The search service: one per provider, shared by every identity (the SQL runs as the caller's role). */
export interface SearchService {
  readonly provider: EmbeddingProvider;
  /** Loads the encoder and runs it a few times so the first real query is fast. Idempotent. */
  warmUp(): Promise<void>;
  /**
   * Products matching `input.query_description` by meaning and by words, best first.
   * Validates `input` (VALIDATION_ERROR naming the limit), reads the query's attribute constraints
   * (main/search/query-understanding.ts), embeds the rest, ranks by the fused score
   * (main/search/ranking.ts), keeps products scoring ≥ `similarity_threshold` percent, and returns
   * at most `max_rows`, each with that score as `similarity_percent`. All SQL runs on `db`: pass a connection of the caller's
   * identity role, so stock figures cover only the stores RLS lets it see.
   * Throws ZavaError: VALIDATION_ERROR, UNAVAILABLE (vectors not built), CONFIG_ERROR (model
   * mismatch), QUERY_CANCELLED (`signal`), QUERY_TIMEOUT, DATABASE_ERROR.
   */
  search(db: Queryable, input: SemanticSearchInputRaw, signal?: AbortSignal): Promise<SemanticSearchResult>;
  /** The ranking alone, with similarity for each candidate (for evaluation and diagnostics). */
  rank(db: Queryable, queryText: string, options?: RankOptions): Promise<Ranked[]>;
}

/**
 * Creates the search service the MCP bridge calls. Cheap to create; the encoder is shared by
 * every service in the process and loads lazily (call `warmUp()` at start).
 */
export function createSearchService(options: SearchServiceOptions = {}): SearchService {
  const provider = options.provider ?? localEncoder();
  const weights = options.weights ?? DEFAULT_FUSION;

  /**
   * Everything up to fusion. The text query goes on the wire first: it needs no vector, so the
   * database works on it while Node embeds the query (node-pg sends one statement at a time).
   */
  async function gather(db: Queryable, query: UnderstoodQuery, limit: number, signal?: AbortSignal): Promise<{ state: ModelState; vector: Float32Array; text: Map<string, TextSignal>; embedMs: number }> {
    const textPromise = textSignals(db, query.text, limit);
    // Chained, not queued side by side: node-pg deprecates overlapping query() calls, and it
    // would send the second only after the first returned anyway.
    const statePromise = textPromise.then(() => readModelState(db, provider.modelId, limit));
    statePromise.catch(() => undefined);
    const began = performance.now();
    const [vector] = await provider.embed([query.meaningText], signal);
    const embedMs = performance.now() - began;
    const [state, signals] = await Promise.all([statePromise, textPromise]);
    if (!state?.ready) {
      throw new ZavaError('UNAVAILABLE', `Product vectors for ${provider.modelId} are not built in this database yet.`, {
        hint: provider.kind === 'local' ? 'Rebuild with `zava-mcp db reset --yes` (it computes them).' : 'Run the re-embedding job for this provider in Settings.',
      });
    }
    if (state.dimensions !== provider.dimensions) {
      throw new ZavaError('CONFIG_ERROR', `Stored vectors of ${provider.modelId} have ${state.dimensions} dimensions; the provider gives ${provider.dimensions}.`);
    }
    return { state, vector: vector!, text: signals, embedMs };
  }

  return {
    provider,
    warmUp: async () => {
      await provider.warmUp?.();
    },
    async search(db, rawInput, signal) {
      const input = parseSearchInput(rawInput);
      const started = performance.now();
      checkAborted(signal);
      const limit = candidateCount(input.max_rows);
      const understood = understandQuery(input.query_description);
      // Whatever fails once the caller has cancelled (a statement stopped mid-way) is the cancel.
      const cancelled = (error: unknown): never => {
        checkAborted(signal);
        throw error;
      };
      const { state, vector, text, embedMs } = await gather(db, understood, limit, signal).catch(cancelled);
      checkAborted(signal);
      const { ranked, path } = await rankProducts(db, state, vector, text, { weights, limit, constraints: understood.constraints }).catch(cancelled);
      checkAborted(signal);
      const products = await fetchResultRows(db, applyThreshold(ranked, input.similarity_threshold, input.max_rows)).catch(cancelled);
      const totalMs = performance.now() - started;
      return { products, path, modelId: state.modelId, provider: provider.kind, understood, timings: { embedMs, searchMs: totalMs - embedMs, totalMs } };
    },
    async rank(db, queryText, rankOptions = {}) {
      const limit = Math.max(rankOptions.limit ?? 100, 100);
      const understood = understandQuery(queryText);
      const { state, vector, text } = await gather(db, understood, limit, rankOptions.signal);
      const { ranked } = await rankProducts(db, state, vector, text, { weights: rankOptions.weights ?? weights, limit, constraints: understood.constraints });
      return ranked.slice(0, rankOptions.limit ?? 100);
    },
  };
}

/** Candidates drawn from each side: enough that the threshold and max_rows rarely starve. */
function candidateCount(maxRows: number): number {
  return Math.min(200, Math.max(60, maxRows * 3));
}
