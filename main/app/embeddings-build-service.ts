import type pg from 'pg';
import type { SettingsFile } from '../kernel/config/settings-file.ts';
import type { EmbeddingsBuildState } from '../kernel/contract.ts';
import { isZavaError, ZavaError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import { startEmbeddingJob, type EmbeddingJob } from '../search/embedding-job.ts';
import { createEmbeddingProvider } from '../search/provider-config.ts';
import { providerConfigFromSettings } from '../search/provider-from-settings.ts';
import type { SecretStore } from './secret-store.ts';

export interface EmbeddingsBuildDeps {
  /** A superuser connection to the app database (the job ends it). */
  connect: () => Promise<pg.Client>;
  settings: Pick<SettingsFile, 'read'>;
  secrets: Pick<SecretStore, 'get'>;
  log: Logger;
  /** Whether the database is ready for a build (the app's phase). */
  ready: () => boolean;
  /** After a published set: the bridges read the provider at start, so they restart onto it. */
  restartBridges: () => Promise<void>;
  /** Every state change, for `embeddings:build-progress`. */
  onState: (state: EmbeddingsBuildState) => void;
  /** Texts per provider request (tests use small batches to cancel mid-way). */
  batchSize?: number;
}

/**
 * Settings → Embeddings: builds the vectors of the provider chosen in settings, with the key
 * from the secret store (never logged or returned). At most one job; its state survives until
 * the next start. Starting again after a cancel or failure resumes from the staged batches.
 */
export class EmbeddingsBuildService {
  private job: EmbeddingJob | undefined;
  private run: Promise<void> | undefined;
  private current: EmbeddingsBuildState = { status: 'idle' };

  constructor(private readonly deps: EmbeddingsBuildDeps) {}

  /** The vector build's state. */
  state(): EmbeddingsBuildState {
    return { ...this.current };
  }

  /** Resolves when the build in flight (if any) has settled, its bridge restart included. */
  async settled(): Promise<void> {
    await this.run;
  }

  /**
   * Starts a build; progress goes out through `onState`. A provider that cannot be configured
   * ends as a `failed` state with its CONFIG_ERROR.
   */
  start(): EmbeddingsBuildState {
    if (this.job) {
      throw new ZavaError('UNAVAILABLE', `Vectors for ${this.job.modelId} are already being built.`, { hint: 'Wait for that build to finish, or cancel it first.' });
    }
    if (!this.deps.ready()) {
      throw new ZavaError('UNAVAILABLE', 'The database is not ready yet.', { hint: 'Wait until the app is ready (see Health), then build the vectors.' });
    }
    let provider;
    try {
      provider = createEmbeddingProvider(providerConfigFromSettings(this.deps.settings.read().embeddings, this.deps.secrets.get('embeddingsApiKey')));
    } catch (error) {
      this.fail(null, error);
      return this.state();
    }
    const modelId = provider.modelId;
    const startedAt = new Date().toISOString();
    const job = startEmbeddingJob({
      connect: this.deps.connect,
      provider,
      ...(this.deps.batchSize ? { batchSize: this.deps.batchSize } : {}),
      onProgress: (p) => {
        if (this.job === job) this.set({ status: 'running', modelId, done: p.done, total: p.total, message: p.message, startedAt });
      },
    });
    this.job = job;
    this.deps.log.info(`embeddings: building vectors for ${modelId}`);
    this.set({ status: 'running', modelId, done: 0, total: 0, message: 'Starting…', startedAt });
    this.run = this.follow(job, modelId, startedAt).finally(() => {
      this.job = undefined;
      this.run = undefined;
    });
    return this.state();
  }

  /** Cancels the build in flight (finished batches stay staged for the next start); a no-op otherwise. */
  async cancel(): Promise<EmbeddingsBuildState> {
    if (this.job) {
      this.job.cancel();
      await this.run;
    }
    return this.state();
  }

  /** On shutdown: the build stops after its batch in flight (what it finished stays staged). */
  async stop(): Promise<void> {
    this.job?.cancel();
    await this.run?.catch(() => undefined);
  }

  private async follow(job: EmbeddingJob, modelId: string, startedAt: string): Promise<void> {
    const { log } = this.deps;
    try {
      const result = await job.done;
      log.info(`embeddings: published ${result.vectors} vectors for ${modelId} (${result.computed} computed, ${result.reused} reused)`);
      this.set({ status: 'running', modelId, done: result.vectors, total: result.vectors, message: 'Restarting the bridge on the new vectors…', startedAt });
      await this.deps.restartBridges().catch((error: Error) => log.warn(`embeddings: restarting the bridge failed: ${error.message}`));
      this.set({
        status: 'done',
        modelId,
        published: true,
        vectors: result.vectors,
        computed: result.computed,
        reused: result.reused,
        ms: result.ms,
        finishedAt: new Date().toISOString(),
      });
    } catch (error) {
      if (isZavaError(error) && error.code === 'QUERY_CANCELLED') {
        const p = job.progress();
        log.info(`embeddings: build for ${modelId} cancelled after ${p.done} of ${p.total}`);
        this.set({ status: 'cancelled', modelId, done: p.done, total: p.total, message: error.message, finishedAt: new Date().toISOString() });
      } else {
        this.fail(modelId, error);
      }
    }
  }

  private fail(modelId: string | null, error: unknown): void {
    const code = isZavaError(error) ? error.code : 'INTERNAL_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    const hint = isZavaError(error) ? error.hint : undefined;
    this.deps.log.warn(`embeddings: build${modelId ? ` for ${modelId}` : ''} failed: ${code} ${message}`);
    this.set({ status: 'failed', modelId, code, message, ...(hint ? { hint } : {}), finishedAt: new Date().toISOString() });
  }

  private set(state: EmbeddingsBuildState): void {
    this.current = state;
    this.deps.onState(this.state());
  }
}
