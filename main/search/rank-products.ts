import { query } from '../db/sql-files.ts';
import { fuse, type FusionWeights, type Ranked } from './ranking.ts';
import { run, type Queryable } from './queryable.ts';
import { nearestProducts, resolvePath, similaritiesOf, type ModelState, type SearchPath } from './vector-search.ts';

/** Full-text evidence for one product (see sql/queries/search_text_signals.sql). */
export interface TextSignal {
  /** idf-weighted share of the query's lexemes the product contains, 0..1. */
  coverage: number;
  /** The same share counted only in the product name, 0..1. */
  nameCoverage: number;
  /** ts_rank_cd of the any-word query: a tie-breaker. */
  rankCd: number;
}

/** Products matching at least one of the query's words, best first (at most `limit`). */
export async function textSignals(db: Queryable, text: string, limit: number): Promise<Map<string, TextSignal>> {
  const rows = await run(db, query('search_text_signals'), [text, limit]);
  return new Map(
    rows.map((r) => [r.product_id as string, { coverage: Number(r.coverage), nameCoverage: Number(r.name_coverage), rankCd: Number(r.rank_cd ?? 0) }]),
  );
}

/**
 * Gathers candidates from both sides (the `limit` nearest vectors, and `text`: the best text
 * matches, fetched by the caller while the query was being embedded), completes each with the
 * evidence the other side did not produce (similarity of text-only matches; text signals are
 * zero for vector-only ones), and fuses them.
 */
export async function rankProducts(
  db: Queryable,
  state: ModelState,
  vector: Float32Array,
  text: Map<string, TextSignal>,
  options: { weights: FusionWeights; limit: number },
): Promise<{ ranked: Ranked[]; path: SearchPath }> {
  const path = await resolvePath(db, state, options.limit);
  const nearest = await nearestProducts(db, state, vector, options.limit, path);
  const missing = [...text.keys()].filter((id) => !nearest.has(id));
  const extra = await similaritiesOf(db, state, vector, missing);
  const ids = new Set([...nearest.keys(), ...text.keys()]);
  const ranked = fuse(
    [...ids].map((productId) => {
      const t = text.get(productId);
      return {
        productId,
        similarity: nearest.get(productId) ?? extra.get(productId),
        coverage: t?.coverage ?? 0,
        nameCoverage: t?.nameCoverage ?? 0,
        rankCd: t?.rankCd ?? 0,
      };
    }),
    options.weights,
  );
  return { ranked, path };
}
