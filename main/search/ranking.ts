/**
 * Fusion of the evidence search has about a product into one score, 0..1, which is the score the
 * results are ranked by, the score the similarity threshold applies to, and the score shown
 * (`similarity_percent`). Each signal closes part of the remaining gap to 1 (a noisy-OR):
 *
 *   score = 1 − (1 − v·cos⁺) · (1 − c·coverage^e) · (1 − n·nameCoverage^e) · (1 − a·attributeMatch)
 *
 * - cos⁺: cosine similarity of the query and the product's best vector (document or passage), ≥ 0;
 * - coverage: idf-weighted share of the query's words found in the product's text (name, the words
 *   shoppers also say, description, material); nameCoverage the same share within the name. The
 *   exponent e (1) can make partial matches count less; squaring them (e = 2, the old fusion's
 *   choice) lost paraphrases once the shoppers' words were in the text;
 * - attributeMatch: share of the query's attribute wishes (power source, indoor/outdoor) the product
 *   meets (main/search/query-understanding.ts). Products whose attributes the query rules out never
 *   get here: they are filtered before fusion.
 * With no text or attribute evidence the score is the cosine itself, so the threshold keeps its
 * old meaning for pure-meaning matches, and every kind of evidence can only raise a score.
 * A weighted sum (the previous fusion) ranked the same way but produced scores above 100 %, so the
 * score shown was the cosine while the order came from the sum; reciprocal rank fusion was measured
 * worse on bench/search-eval.json (hit@5 0.69–0.73 vs 0.77) because it rewards a one-word match
 * like a full one. Weights chosen on bench/search-eval.json only: hit@5 is flat (0.836) for
 * coverage 0.7–1.0, name 0.1–0.4 and attributes 0.15–0.5 at e = 1, and 0.82 at e = 1.5–2.
 * Rechecked on the same set after the enriched catalog, the query thesaurus and grouped passages:
 * hit@5 1.000 and MRR 0.977 for vector 0.8–1, coverage 0.8–1.0, name 0.1–0.3 and attributes
 * 0.3–0.5 (coverage 0.6: MRR 0.950), so the weights stay.
 * The same formula, with these weights, is in retail.search_products_by_description
 * (sql/migrations/014_search_products_by_text.sql); test/integration/search-sql-function.test.ts
 * checks that both rank alike.
 */
export interface FusionWeights {
  /** Weight of the cosine similarity (v). */
  vector: number;
  /** Weight of coverage^exponent (c). */
  coverage: number;
  /** Weight of nameCoverage^exponent (n). */
  nameCoverage: number;
  /** Weight of the attribute match share (a). */
  attributes: number;
  exponent: number;
}

/** What search uses (chosen on bench/search-eval.json). */
export const DEFAULT_FUSION: FusionWeights = { vector: 1, coverage: 0.8, nameCoverage: 0.3, attributes: 0.3, exponent: 1 };
/** Rankings the evaluation compares the fusion against. */
export const VECTOR_ONLY: FusionWeights = { vector: 1, coverage: 0, nameCoverage: 0, attributes: 0, exponent: 1 };
/** Full-text evidence alone; ties broken by ts_rank_cd, never by similarity. */
export const TEXT_ONLY: FusionWeights = { vector: 0, coverage: 0.8, nameCoverage: 0.3, attributes: 0, exponent: 1 };

/** What is known about one candidate product. */
export interface Candidate {
  productId: string;
  /** Cosine similarity; undefined when the product has no vector. */
  similarity: number | undefined;
  coverage: number;
  nameCoverage: number;
  /** Share of the query's attribute wishes the product meets, 0..1. */
  attributeMatch: number;
  rankCd: number;
}

/** A candidate with its fused score (0..1). */
export interface Ranked extends Candidate {
  score: number;
}

/** The fused score of one candidate (see the module comment). */
export function fusedScore(c: Omit<Candidate, 'productId' | 'rankCd'>, weights: FusionWeights = DEFAULT_FUSION): number {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const miss =
    (1 - clamp(weights.vector * Math.max(0, c.similarity ?? 0))) *
    (1 - clamp(weights.coverage * clamp(c.coverage) ** weights.exponent)) *
    (1 - clamp(weights.nameCoverage * clamp(c.nameCoverage) ** weights.exponent)) *
    (1 - clamp(weights.attributes * clamp(c.attributeMatch)));
  return 1 - miss;
}

/** Scores and sorts candidates, best first. Ties go to text rank, then id, so order is stable. */
export function fuse(candidates: Iterable<Candidate>, weights: FusionWeights = DEFAULT_FUSION): Ranked[] {
  const ranked: Ranked[] = [];
  for (const c of candidates) ranked.push({ ...c, score: fusedScore(c, weights) });
  return ranked.sort((a, b) => b.score - a.score || b.rankCd - a.rankCd || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** Keeps candidates whose fused score is at least `thresholdPercent`, in order, at most `maxRows`. */
export function applyThreshold<T extends { score: number }>(ranked: T[], thresholdPercent: number, maxRows: number): T[] {
  const min = thresholdPercent / 100;
  return ranked.filter((r) => r.score >= min - 1e-9).slice(0, maxRows);
}

/** A fused score as the percent the tool shows (one decimal; rounding keeps the order non-increasing). */
export function scorePercent(score: number): number {
  return Math.round(score * 1000) / 10;
}
