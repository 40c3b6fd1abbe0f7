/**
 * The one small interface every embedding provider implements: the offline encoder
 * (local-encoder.ts) and the OpenAI-family providers (openai-provider.ts).
 */

/** Where vectors come from. `local` never touches the network. */
export type ProviderKind = 'local' | 'openai' | 'azure-openai' | 'openai-compatible';

/** An embedding model as the rest of the app sees it. */
export interface EmbeddingProvider {
  readonly kind: ProviderKind;
  /** The model's own name (e.g. `text-embedding-3-small`), for display. */
  readonly model: string;
  /**
   * Stable id stored in `product_description_embeddings.model_id`: one vector set per id,
   * so switching providers never mixes spaces or dimensions.
   */
  readonly modelId: string;
  /** Length of every vector this provider returns. */
  readonly dimensions: number;
  /** Most texts one `embed` call should carry (the indexer batches by it). */
  readonly maxBatch: number;
  /**
   * Embeds `texts` in order. Vectors are unit length, so a dot product is the cosine.
   * Rejects with a ZavaError (never one that contains a key) and honours `signal`.
   */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** Loads whatever is slow to load, so the first real query is fast. Optional. */
  warmUp?(): Promise<void>;
}

/** Scales `v` to unit length in place (a zero vector stays zero) and returns it. */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/** Dot product of two equally long vectors: the cosine similarity for unit vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** pgvector's text form `[x,y,…]`, used for `$n::vector(d)` parameters. */
export function vectorLiteral(v: Float32Array): string {
  return `[${Array.from(v).join(',')}]`;
}
