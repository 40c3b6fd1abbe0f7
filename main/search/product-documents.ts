import crypto from 'node:crypto';

/** The fields of a product that go into its vector. */
export interface ProductText {
  name: string;
  description: string;
  /** The words shoppers also say for it (resources/catalog/attributes.json), if known. */
  alsoSay?: readonly string[] | null | undefined;
}

/**
 * The text embedded for a product: its name, its description, then the words shoppers also say
 * for it. Measured on bench/search-eval.json with the offline encoder, name + description beat
 * the description alone (hit@5 0.69 vs 0.51) and adding category and type names did not help (0.64).
 */
export function productDocument(p: ProductText): string {
  const base = `${p.name.trim()}. ${p.description.trim()}`;
  const terms = alsoSayText(p.alsoSay);
  return terms ? `${base} ${terms}` : base;
}

/** The shoppers' words as one sentence ("" when there are none). */
export function alsoSayText(alsoSay: readonly string[] | null | undefined): string {
  return alsoSay && alsoSay.length > 0 ? `Also called ${alsoSay.join(', ')}.` : '';
}

/**
 * Hash of the embedded text (and the recipe version), stored beside each vector: a vector is
 * reused (from the shipped file, the stored set or a resumed job) only while its hash matches.
 */
export function contentHash(document: string): string {
  return crypto.createHash('sha256').update(`v1\n${document}`).digest('hex').slice(0, 32);
}

/**
 * The description's passages, embedded beside the whole document: passage 1 is the first
 * sentence, passage 2 the rest (catalog descriptions have one or two sentences). A sentence ends
 * at . ! or ? followed by whitespace and a capital letter or digit ("3.5 in" does not split).
 * Measured on bench/search-eval.json, re-scoring candidates with their best passage
 * (main/search/rank-products.ts `rescored`) lifted fused hit@5 from 0.767 to 0.808, on paraphrases.
 */
export function productPassages(description: string, alsoSay?: readonly string[] | null): string[] {
  const groups: string[] = [];
  for (let i = 0; i < (alsoSay?.length ?? 0); i += ALSO_SAY_PER_PASSAGE) groups.push(alsoSayText(alsoSay!.slice(i, i + ALSO_SAY_PER_PASSAGE)));
  return [...descriptionPassages(description), ...groups];
}

/**
 * Shoppers' words per passage. A product has 10–30 of them (its type's and its own); embedded as
 * one sentence they blur into an average that matches no single way of asking, so they are
 * embedded a few at a time and the best passage counts. On bench/search-eval.json (development)
 * fused MRR was 0.963 with one passage, 0.977 with groups of 5 and 0.954 with groups of 8.
 */
const ALSO_SAY_PER_PASSAGE = 5;

function descriptionPassages(description: string): string[] {
  const text = description.trim();
  if (!text) return [];
  const end = /[.!?](?=\s+["'(]?[A-Z0-9])/.exec(text);
  if (!end) return [text];
  const first = text.slice(0, end.index + 1).trim();
  const rest = text.slice(end.index + 1).trim();
  return rest ? [first, rest] : [first];
}

/** Hash of one passage's text (its own recipe version, so it never collides with a document hash). */
export function passageHash(passage: string): string {
  return crypto.createHash('sha256').update(`p1\n${passage}`).digest('hex').slice(0, 32);
}
