/**
 * Fusion of vector similarity with full-text evidence. A weighted sum rather than reciprocal
 * rank fusion: on bench/search-eval.json, RRF (k 10–60, text weight 0.5–2) reached hit@5
 * 0.69–0.73 and this 0.77, because RRF gives the text list's top ranks the same bonus whether
 * a product matched every query word or one common word, which buries the vector ranking on
 * paraphrases. Here text adds in proportion to how much of the query it covers (idf-weighted),
 * squared so a partial match counts much less than a full one, plus a bonus for words found in
 * the name. Weights were chosen on a small grid (coverage 0–0.5, name 0–0.2, exponent 1–2); the
 * neighbouring settings score within 0.015 hit@5, so they are not tuned to single queries.
 */
export interface FusionWeights {
  /** Weight of cosine similarity (0..1 in practice). */
  vector: number;
  /** Weight of coverage^exponent. */
  coverage: number;
  /** Weight of nameCoverage^exponent. */
  nameCoverage: number;
  exponent: number;
}

/** What search uses (chosen on bench/search-eval.json, see above). */
export const DEFAULT_FUSION: FusionWeights = { vector: 1, coverage: 0.3, nameCoverage: 0.2, exponent: 2 };
/** Rankings the evaluation compares the fusion against. */
export const VECTOR_ONLY: FusionWeights = { vector: 1, coverage: 0, nameCoverage: 0, exponent: 1 };
/** Full-text evidence alone; ties broken by ts_rank_cd, never by similarity. */
export const TEXT_ONLY: FusionWeights = { vector: 0, coverage: 0.3, nameCoverage: 0.2, exponent: 2 };

/** What is known about one candidate product. */
export interface Candidate {
  productId: string;
  /** Cosine similarity; undefined when the product has no vector (then it cannot pass a threshold). */
  similarity: number | undefined;
  coverage: number;
  nameCoverage: number;
  rankCd: number;
}

/** A candidate with its fused score. */
export interface Ranked extends Candidate {
  score: number;
}

/** Scores and sorts candidates, best first. Ties go to text rank, then id, so order is stable. */
export function fuse(candidates: Iterable<Candidate>, weights: FusionWeights = DEFAULT_FUSION): Ranked[] {
  const ranked: Ranked[] = [];
  for (const c of candidates) {
    const score =
      weights.vector * (c.similarity ?? 0) +
      weights.coverage * c.coverage ** weights.exponent +
      weights.nameCoverage * c.nameCoverage ** weights.exponent;
    ranked.push({ ...c, score });
  }
  return ranked.sort((a, b) => b.score - a.score || b.rankCd - a.rankCd || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** Keeps candidates at or above `thresholdPercent` similarity, in order, at most `maxRows`. */
export function applyThreshold<T extends { similarity: number | undefined }>(ranked: T[], thresholdPercent: number, maxRows: number): T[] {
  const min = thresholdPercent / 100;
  return ranked.filter((r) => r.similarity !== undefined && r.similarity >= min - 1e-9).slice(0, maxRows);
}
