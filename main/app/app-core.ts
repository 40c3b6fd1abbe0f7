import type { DataPaths } from '../kernel/config/paths.ts';
import { SettingsFile } from '../kernel/config/settings-file.ts';
import { firstRunScaleSchema } from '../kernel/config/settings-schema.ts';
import { bridgeLaunchSpec, inheritedZavaEnv } from './supervision/launch-spec.ts';
import { HttpBridgeProcess } from './supervision/http-bridge.ts';
import { BridgeSupervisor } from './supervision/supervisor.ts';
import type { BackoffOptions } from './supervision/backoff.ts';
import type { Scale } from '../dataset/generate.ts';
import type { AppState, EmbeddingsBuildState, LaunchSpec } from '../kernel/contract.ts';
import { isZavaError, ZavaError } from '../kernel/errors.ts';
import { startEmbeddingJob, type EmbeddingJob } from '../search/embedding-job.ts';
import { createEmbeddingProvider } from '../search/provider-config.ts';
import { providerConfigFromSettings } from '../search/provider-from-settings.ts';
import { DatabaseService } from './database-service.ts';
import { probeEmbeddings } from './embeddings-probe.ts';
import { AppEvents } from './events.ts';
import type { Logger } from './file-logger.ts';
import { HealthService } from './health-service.ts';
import { LogFollower } from './log-files.ts';
import { FileSecretStore, type SecretStore } from './secret-store.ts';

/** What a shell (Electron or web) lends the core. */
export interface ShellHost {
  kind: 'electron' | 'web';
  /** Shows a file in the OS file manager; false where that is impossible (a browser). */
  revealFile(file: string): Promise<boolean>;
}

export interface AppCoreOptions {
  paths: DataPaths;
  host: ShellHost;
  log: Logger;
  secrets?: SecretStore;
  /** Overrides the bridge spawn spec (tests use a fake bridge). */
  launch?: (identity: string) => LaunchSpec;
  backoff?: Partial<BackoffOptions>;
  /** How often the database watchdog looks at the server. */
  monitorIntervalMs?: number;
  version?: string;
  /** Texts per provider request while building vectors (tests use small batches to cancel mid-way). */
  embeddingsBatchSize?: number;
}

/**
 * The desktop app without a window: database lifecycle (start or attach, migrate, first-run
 * build with progress), the supervised bridge, health, logs and settings. Both shells wrap
 * exactly this object, so what the web shell's tests prove holds for the Electron app.
 */
export class AppCore {
  readonly events = new AppEvents();
  readonly settings: SettingsFile;
  readonly secrets: SecretStore;
  readonly database: DatabaseService;
  readonly bridge: BridgeSupervisor;
  /** The optional Streamable HTTP bridge (Settings → HTTP), as the same identity. */
  readonly httpBridge: HttpBridgeProcess;
  readonly health: HealthService;
  private readonly follower: LogFollower;
  private monitor: NodeJS.Timeout | undefined;
  private appState: AppState;
  /** The start-up in flight, so stop() can wait for it instead of racing it. */
  private bringingUp: Promise<void> | undefined;
  private stopping = false;
  /** The dashboard's vector build: at most one job; its state survives until the next start. */
  private embeddingsJob: EmbeddingJob | undefined;
  private embeddingsRun: Promise<void> | undefined;
  private embeddingsState: EmbeddingsBuildState = { status: 'idle' };

  constructor(private readonly options: AppCoreOptions) {
    const { paths, log } = options;
    this.settings = new SettingsFile(paths.settings);
    this.secrets = options.secrets ?? new FileSecretStore(paths.secrets);
    this.database = new DatabaseService(paths, this.settings, log);
    this.bridge = new BridgeSupervisor({
      identity: this.settings.read().identity,
      launch: options.launch ?? ((identity) => this.launchSpec(identity)),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      log,
      onStderr: (line, pid) => {
        // Bridges log JSON to their own file; anything else on stderr (a crash trace) is kept here.
        if (!line.startsWith('{')) log.warn(`bridge[${pid ?? '?'}] ${line}`);
      },
    });
    this.httpBridge = new HttpBridgeProcess((identity) => this.launchSpec(identity, this.settings.read().http.port), log, options.backoff);
    this.health = new HealthService({
      database: this.database,
      bridge: this.bridge,
      settings: this.settings,
      embeddings: () => probeEmbeddings(() => this.database.admin(), this.settings.read()),
      starting: () => ['starting', 'database', 'building', 'bridge'].includes(this.appState.phase),
    });
    this.follower = new LogFollower(paths, (id, lines) => this.events.emit('logs:lines-appended', { id, lines }));
    this.appState = {
      phase: 'starting',
      message: 'Starting…',
      progress: null,
      error: null,
      shell: options.host.kind,
      dataDir: paths.root,
      version: options.version ?? '0.1.0',
      startedAt: new Date().toISOString(),
      readyAt: null,
    };
    this.bridge.onState((state) => {
      this.events.emit('bridge:state-changed', state);
      if (state.status === 'ready' && this.appState.phase === 'bridge') this.setState({ phase: 'ready', message: 'Ready.', readyAt: this.appState.readyAt ?? new Date().toISOString() });
    });
  }

  get paths(): DataPaths {
    return this.options.paths;
  }

  get host(): ShellHost {
    return this.options.host;
  }

  get log(): Logger {
    return this.options.log;
  }

  state(): AppState {
    return { ...this.appState };
  }

  /** The bridge spawn spec with the app's environment (data dir, ZAVA_* overrides, the provider key). */
  launchSpec(identity: string, httpPort?: number): LaunchSpec {
    const spec = bridgeLaunchSpec({ identity, dataDir: this.paths.root, ...(httpPort !== undefined ? { httpPort } : {}) });
    const key = this.secrets.get('embeddingsApiKey');
    return { ...spec, env: { ...inheritedZavaEnv(), ...spec.env, ...(key ? { ZAVA_EMBEDDINGS_API_KEY: key } : {}) } };
  }

  /**
   * Brings everything up; never throws (a failure becomes phase `error` with its reason;
   * `startDatabase` from Health tries again).
   */
  async start(): Promise<void> {
    this.follower.start();
    this.startMonitor();
    await this.runBringUp();
  }

  /** Health's "Start database": starts (or attaches to) the server, and finishes a failed start-up. */
  async startDatabase(): Promise<void> {
    if (this.appState.phase === 'error') return this.runBringUp();
    await this.database.open();
  }

  private runBringUp(): Promise<void> {
    this.bringingUp = this.bringUp().finally(() => (this.bringingUp = undefined));
    return this.bringingUp;
  }

  private async bringUp(): Promise<void> {
    try {
      this.setState({ phase: 'database', message: 'Starting the database…', error: null });
      await this.database.open();
      if (this.stopping) return;
      if (!(await this.database.isBuilt())) {
        await this.build(this.firstRunScale(), undefined);
      } else {
        await this.database.migrate();
      }
      if (this.stopping) return;
      this.setState({ phase: 'bridge', message: 'Starting the MCP bridge…', progress: null });
      if (this.bridge.getState().status === 'ready') this.setState({ phase: 'ready', message: 'Ready.', readyAt: new Date().toISOString() });
      else this.bridge.start();
      await this.syncHttpBridge();
    } catch (error) {
      this.log.error(`start-up failed: ${(error as Error).message}`);
      this.setState({ phase: 'error', message: 'Start-up failed.', error: (error as Error).message, progress: null });
    }
  }

  /** Rebuilds the data (first run, or "reset database" in Settings) with progress events. */
  async build(scale: Scale, seed: number | undefined) {
    const previous = this.appState.phase;
    this.setState({ phase: 'building', message: `Building the ${scale} data set…`, progress: { phase: 'schema', fraction: 0, message: 'Preparing…' } });
    try {
      const result = await this.database.build(scale, seed, (p) => {
        this.events.emit('database:reset-progress', p);
        this.setState({ progress: p, message: p.message });
      });
      if (previous === 'ready') {
        await this.bridge.restart();
        this.setState({ phase: 'bridge', message: 'Restarting the MCP bridge…', progress: null });
      }
      return result;
    } catch (error) {
      this.setState({ phase: 'error', message: 'Building the database failed.', error: (error as Error).message, progress: null });
      throw error;
    }
  }

  /** Switches the app's bridge to another identity (persisted), restarting it as that role. */
  async selectIdentity(slug: string): Promise<void> {
    this.settings.update({ identity: slug });
    await this.bridge.restart(slug);
    await this.syncHttpBridge();
  }

  /** Runs the HTTP bridge as the current identity and port when Settings turn it on; stops it otherwise. */
  async syncHttpBridge(): Promise<void> {
    const { identity, http } = this.settings.read();
    if (!http.enabled || this.stopping) return this.httpBridge.stop();
    const now = this.httpBridge.state();
    const wantedUrl = `http://127.0.0.1:${http.port}/mcp`;
    if (now.status !== 'stopped' && now.identity === identity && (now.url === null || now.url === wantedUrl)) return;
    await this.httpBridge.start(identity);
  }

  /** The vector build's state (Settings → Embeddings). */
  embeddingsBuild(): EmbeddingsBuildState {
    return { ...this.embeddingsState };
  }

  /** Resolves when the vector build in flight (if any) has settled, its bridge restart included. */
  async embeddingsBuildSettled(): Promise<void> {
    await this.embeddingsRun;
  }

  /**
   * Builds the vectors of the provider chosen in settings, with the key from the secret store
   * (never logged or returned). Progress goes out as `embeddings:build-progress`; on success the
   * bridges restart so they serve the new set. A provider that cannot be configured ends as a
   * `failed` state with its CONFIG_ERROR. Starting again after a cancel or failure resumes.
   */
  startEmbeddingsBuild(): EmbeddingsBuildState {
    if (this.embeddingsJob) {
      throw new ZavaError('UNAVAILABLE', `Vectors for ${this.embeddingsJob.modelId} are already being built.`, { hint: 'Wait for that build to finish, or cancel it first.' });
    }
    if (this.appState.phase !== 'ready' && this.appState.phase !== 'bridge') {
      throw new ZavaError('UNAVAILABLE', 'The database is not ready yet.', { hint: 'Wait until the app is ready (see Health), then build the vectors.' });
    }
    let provider;
    try {
      provider = createEmbeddingProvider(providerConfigFromSettings(this.settings.read().embeddings, this.secrets.get('embeddingsApiKey')));
    } catch (error) {
      this.finishEmbeddings(null, error);
      return this.embeddingsBuild();
    }
    const modelId = provider.modelId;
    const startedAt = new Date().toISOString();
    const job = startEmbeddingJob({
      connect: () => this.database.admin(),
      provider,
      ...(this.options.embeddingsBatchSize ? { batchSize: this.options.embeddingsBatchSize } : {}),
      onProgress: (p) => {
        if (this.embeddingsJob === job) this.setEmbeddings({ status: 'running', modelId, done: p.done, total: p.total, message: p.message, startedAt });
      },
    });
    this.embeddingsJob = job;
    this.log.info(`embeddings: building vectors for ${modelId}`);
    this.setEmbeddings({ status: 'running', modelId, done: 0, total: 0, message: 'Starting…', startedAt });
    this.embeddingsRun = (async () => {
      try {
        const result = await job.done;
        this.log.info(`embeddings: published ${result.vectors} vectors for ${modelId} (${result.computed} computed, ${result.reused} reused)`);
        this.setEmbeddings({ status: 'running', modelId, done: result.vectors, total: result.vectors, message: 'Restarting the bridge on the new vectors…', startedAt });
        await this.restartBridgesForEmbeddings();
        this.setEmbeddings({
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
          this.log.info(`embeddings: build for ${modelId} cancelled after ${p.done} of ${p.total}`);
          this.setEmbeddings({ status: 'cancelled', modelId, done: p.done, total: p.total, message: error.message, finishedAt: new Date().toISOString() });
        } else {
          this.finishEmbeddings(modelId, error);
        }
      } finally {
        this.embeddingsJob = undefined;
        this.embeddingsRun = undefined;
      }
    })();
    return this.embeddingsBuild();
  }

  /** Cancels the vector build in flight (finished batches stay staged for the next start); a no-op otherwise. */
  async cancelEmbeddingsBuild(): Promise<EmbeddingsBuildState> {
    if (this.embeddingsJob) {
      this.embeddingsJob.cancel();
      await this.embeddingsRun;
    }
    return this.embeddingsBuild();
  }

  private finishEmbeddings(modelId: string | null, error: unknown): void {
    const code = isZavaError(error) ? error.code : 'INTERNAL_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    const hint = isZavaError(error) ? error.hint : undefined;
    this.log.warn(`embeddings: build${modelId ? ` for ${modelId}` : ''} failed: ${code} ${message}`);
    this.setEmbeddings({ status: 'failed', modelId, code, message, ...(hint ? { hint } : {}), finishedAt: new Date().toISOString() });
  }

  /** After a published set: the bridges read the provider at start, so they restart onto it. */
  private async restartBridgesForEmbeddings(): Promise<void> {
    if (this.stopping) return;
    try {
      if (this.bridge.getState().status !== 'stopped') {
        await this.bridge.restart();
        await this.bridge.whenReady(60_000);
      }
      if (this.httpBridge.state().status !== 'stopped') {
        await this.httpBridge.stop();
        await this.syncHttpBridge();
      }
    } catch (error) {
      this.log.warn(`embeddings: restarting the bridge failed: ${(error as Error).message}`);
    }
  }

  private setEmbeddings(state: EmbeddingsBuildState): void {
    this.embeddingsState = state;
    this.events.emit('embeddings:build-progress', this.embeddingsBuild());
  }

  /** Stops the bridge, then lets go of the database (which stops if nobody else uses it). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.monitor);
    this.follower.stop();
    // A vector build stops after its batch in flight (what it finished stays staged).
    this.embeddingsJob?.cancel();
    await this.embeddingsRun?.catch(() => undefined);
    // A start-up in flight (opening, building) finishes its step first; then nothing new starts.
    await this.bringingUp?.catch(() => undefined);
    await Promise.all([this.bridge.stop(), this.httpBridge.stop()]);
    await this.database.release();
    this.log.info('app stopped');
  }

  private firstRunScale(): Scale {
    const fromEnv = firstRunScaleSchema.safeParse(process.env.ZAVA_FIRST_RUN_SCALE);
    return fromEnv.success ? fromEnv.data : this.settings.read().database.firstRunScale;
  }

  /** Follows a database that was restarted elsewhere (new port) and reports start-up errors that resolved. */
  private startMonitor(): void {
    if (this.monitor) return;
    this.monitor = setInterval(() => {
      void this.database.reattachIfMoved().catch((error: Error) => this.log.warn(`database watchdog: ${error.message}`));
    }, this.options.monitorIntervalMs ?? 2_000);
    this.monitor.unref();
  }

  private setState(patch: Partial<AppState>): void {
    this.appState = { ...this.appState, ...patch };
    this.events.emit('app:state-changed', this.state());
  }
}
