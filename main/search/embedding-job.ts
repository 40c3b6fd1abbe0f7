import type pg from 'pg';
import { indexProductEmbeddings, type IndexProgress, type IndexResult } from './indexer.ts';
import type { EmbeddingProvider } from './provider.ts';

/** A running (re-)embedding job for one provider. */
export interface EmbeddingJob {
  readonly modelId: string;
  /** Resolves with the published set; rejects with QUERY_CANCELLED after `cancel()`, or the provider's error. */
  readonly done: Promise<IndexResult>;
  /** The latest progress (also reported through `onProgress`). */
  progress(): IndexProgress;
  /** Stops after the batch in flight (its HTTP request is aborted); finished batches stay staged. */
  cancel(): void;
}

/** What `startEmbeddingJob` needs. */
export interface EmbeddingJobOptions {
  /** Opens a superuser connection to the app database; the job closes it when done. */
  connect: () => Promise<pg.Client>;
  provider: EmbeddingProvider;
  onProgress?: (p: IndexProgress) => void;
  /** Cancels like `cancel()`. */
  signal?: AbortSignal;
  batchSize?: number;
}

/**
 * Computes the product vectors of another provider in the background (e.g. after choosing
 * OpenAI in Settings). Only complete sets are ever served, so search keeps using the old set
 * until this one is published. Starting a job again for the same provider resumes: staged
 * batches whose text did not change are kept.
 */
export function startEmbeddingJob(options: EmbeddingJobOptions): EmbeddingJob {
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  let latest: IndexProgress = { modelId: options.provider.modelId, done: 0, total: 0, message: 'Starting…' };
  const done = (async () => {
    const client = await options.connect();
    try {
      return await indexProductEmbeddings(client, options.provider, {
        signal: controller.signal,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        onProgress: (p) => {
          latest = p;
          options.onProgress?.(p);
        },
      });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      await client.end().catch(() => undefined);
    }
  })();
  // The caller awaits `done`; this keeps an unobserved failure from crashing the process.
  done.catch(() => undefined);
  return {
    modelId: options.provider.modelId,
    done,
    progress: () => latest,
    cancel: () => controller.abort(new Error('cancelled')),
  };
}
