import type pg from 'pg';
import { localEncoder, LOCAL_MODEL_ID } from './local-encoder.ts';
import { indexProductEmbeddings, type IndexResult } from './indexer.ts';
import { loadPrecomputed, loadPrecomputedPassages } from './precomputed.ts';

/** What the reset's embeddings phase did. */
export type EmbeddingsPhaseResult = ({ ok: true } & IndexResult) | { ok: false; reason: string };

/**
 * The `embeddings` phase of `db reset`: the offline encoder's vectors for every product,
 * and of each description passage, taken from resources/embeddings/use-lite-512.bin and
 * use-lite-512.passages.bin where the content hashes match and computed
 * (batched, with progress) for the rest. A failure here does not fail the rebuild: the data is
 * still good, search reports "not ready", and the reason is returned and reported.
 * `report(fraction, message)` gets 0..1 within the phase.
 */
export async function buildProductEmbeddings(client: pg.ClientBase, report: (fraction: number, message: string) => void): Promise<EmbeddingsPhaseResult> {
  report(0, 'Preparing product vectors for semantic search…');
  try {
    const result = await indexProductEmbeddings(client, localEncoder(), {
      precomputed: loadPrecomputed(LOCAL_MODEL_ID),
      precomputedPassages: loadPrecomputedPassages(LOCAL_MODEL_ID),
      onProgress: (p) => report(p.total === 0 ? 1 : p.done / p.total, p.message),
    });
    report(1, `${result.vectors} product vectors ready (${result.reused} shipped, ${result.computed} computed).`);
    return { ok: true, ...result };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    report(1, `Semantic search vectors skipped: ${reason}`);
    return { ok: false, reason };
  }
}
