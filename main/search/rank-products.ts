import { query } from '../db/sql-files.ts';
import type { PowerSource, Setting } from './attributes.ts';
import { attributeMatch, hasConstraints, type KnownAttributes, type QueryConstraints } from './query-understanding.ts';
import { fuse, type FusionWeights, type Ranked } from './ranking.ts';
import { run, type Queryable } from './queryable.ts';
import { nearestProducts, passageSimilarities, resolvePath, similaritiesOf, type ModelState, type SearchPath } from './vector-search.ts';

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

/** Power source and setting of the given products (those without a row are absent: unknown). */
export async function candidateAttributes(db: Queryable, productIds: string[]): Promise<Map<string, KnownAttributes>> {
  if (productIds.length === 0) return new Map();
  const rows = await run(db, query('search_candidate_attributes'), [productIds]);
  return new Map(rows.map((r) => [r.product_id as string, { powerSource: r.power_source as PowerSource, setting: r.setting as Setting }]));
}

/**
 * Gathers candidates from both sides (the `limit` nearest vectors, and `text`: the best text
 * matches, fetched by the caller while the query was being embedded), completes each with the
 * evidence the other side did not produce (similarity of text-only matches; text signals are
 * zero for vector-only ones), and fuses them. Where the model published description passage
 * vectors, each candidate's similarity is re-scored with its best passage (see `rescored`): the
 * candidates are still gathered by document vector and text, so this costs only a few hundred dot
 * products. Products the query's constraints rule out (main/search/query-understanding.ts) are
 * dropped; the rest get their attribute match share. The fused score is the one ranked,
 * thresholded and reported.
 */
export async function rankProducts(
  db: Queryable,
  state: ModelState,
  vector: Float32Array,
  text: Map<string, TextSignal>,
  options: { weights: FusionWeights; limit: number; constraints: QueryConstraints },
): Promise<{ ranked: Ranked[]; path: SearchPath }> {
  const path = await resolvePath(db, state, options.limit);
  const nearest = await nearestProducts(db, state, vector, options.limit, path);
  const missing = [...text.keys()].filter((id) => !nearest.has(id));
  const extra = await similaritiesOf(db, state, vector, missing, path);
  const ids = new Set([...nearest.keys(), ...text.keys()]);
  const passages = await passageSimilarities(db, state, vector, ids);
  const attributes = hasConstraints(options.constraints) ? await candidateAttributes(db, [...ids]) : new Map<string, KnownAttributes>();
  const ranked = fuse(
    [...ids].flatMap((productId) => {
      const { excluded, match } = attributeMatch(options.constraints, attributes.get(productId));
      if (excluded) return [];
      const t = text.get(productId);
      const document = nearest.get(productId) ?? extra.get(productId);
      const passage = passages.get(productId);
      return [
        {
          productId,
          similarity: rescored(document, passage, t?.coverage ?? 0),
          coverage: t?.coverage ?? 0,
          nameCoverage: t?.nameCoverage ?? 0,
          attributeMatch: match,
          rankCd: t?.rankCd ?? 0,
        },
      ];
    }),
    options.weights,
  );
  return { ranked, path };
}

/**
 * A candidate's similarity given its document and best passage similarity: max(document, passage)
 * for a query none of whose words the product contains, moving back to the document's as text
 * coverage rises: document + (1 − coverage) · max(0, passage − document).
 * Why: a passage lifts products whose description says the query in other words (paraphrases:
 * bench/search-eval.json fused hit@5 0.767 → 0.808, paraphrases 7 → 10 of 24). Where the query's
 * words are in the product's text, the fused text signals already count that evidence, and a short
 * sentence that merely mentions them ("a companion for any drill, cordless or corded" on a bit set)
 * would count it twice: plain max put that bit set third for "cordless drill". With this gate the
 * eval is the same as plain max (hit@5 0.808, paraphrase MRR 0.240 vs 0.239) and it stays below the drills.
 */
export function rescored(document: number | undefined, passage: number | undefined, coverage: number): number | undefined {
  if (passage === undefined) return document;
  if (document === undefined) return passage;
  return document + (1 - Math.min(1, Math.max(0, coverage))) * Math.max(0, passage - document);
}
