import type { DataPaths } from '../kernel/config/paths.ts';
import { readEnv } from '../kernel/config/env.ts';
import { SettingsFile } from '../kernel/config/settings-file.ts';
import type { Scale } from '../dataset/generate.ts';
import type { AppState, LaunchSpec } from '../kernel/contract.ts';
import { ZavaError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import { BridgeService } from './bridge-service.ts';
import { ClientConfigService } from './client-config-service.ts';
import { DatabaseService } from './database-service.ts';
import { EmbeddingsBuildService } from './embeddings-build-service.ts';
import { probeEmbeddings } from './embeddings-probe.ts';
import { AppEvents } from './events.ts';
import { HealthService } from './health-service.ts';
import { IdentityService } from './identity-service.ts';
import { LogFollower } from './log-files.ts';
import { LogsService } from './logs-service.ts';
import { PerformanceService } from './performance-service.ts';
import { PlaygroundService } from './playground-service.ts';
import { FileSecretStore, type SecretStore } from './secret-store.ts';
import { SettingsService } from './settings-service.ts';
import type { BackoffOptions } from './supervision/backoff.ts';

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
 * The desktop app without a window, as one facade over its use-case services: the lifecycle
 * (start or attach to the database, migrate, first-run build with progress, the bridges) lives
 * here; everything an adapter asks for goes through a service field. Both shells wrap exactly
 * this object, so what the web shell's tests prove holds for the Electron app.
 */
export class AppCore {
  readonly events = new AppEvents();
  readonly bridges: BridgeService;
  readonly health: HealthService;
  readonly identities: IdentityService;
  readonly performance: PerformanceService;
  readonly settings: SettingsService;
  readonly clients: ClientConfigService;
  readonly playground: PlaygroundService;
  readonly logs: LogsService;
  readonly embeddings: EmbeddingsBuildService;
  private readonly database: DatabaseService;
  private readonly follower: LogFollower;
  private monitor: NodeJS.Timeout | undefined;
  private appState: AppState;
  /** The start-up in flight, so stop() can wait for it instead of racing it. */
  private bringingUp: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: AppCoreOptions) {
    const { paths, log, host } = options;
    const settings = new SettingsFile(paths.settings);
    const secrets = options.secrets ?? new FileSecretStore(paths.secrets);
    const admin = () => this.database.admin();
    this.database = new DatabaseService(paths, settings, log);
    this.bridges = new BridgeService({ paths, settings, secrets, log, ...(options.launch ? { launch: options.launch } : {}), ...(options.backoff ? { backoff: options.backoff } : {}) });
    this.health = new HealthService({
      database: this.database,
      bridge: this.bridges,
      settings,
      embeddings: () => probeEmbeddings(admin, settings.read()),
      starting: () => ['starting', 'database', 'building', 'bridge'].includes(this.appState.phase),
    });
    this.identities = new IdentityService({ bridges: this.bridges, settings, admin });
    this.performance = new PerformanceService({ paths, settings, admin });
    this.settings = new SettingsService({ paths, settings, secrets, log, bridges: this.bridges });
    this.clients = new ClientConfigService({ paths, settings, bridges: this.bridges });
    this.playground = new PlaygroundService({ bridges: this.bridges, settings });
    this.logs = new LogsService({ paths, revealFile: (file) => host.revealFile(file) });
    this.embeddings = new EmbeddingsBuildService({
      connect: admin,
      settings,
      secrets,
      log,
      ready: () => this.appState.phase === 'ready' || this.appState.phase === 'bridge',
      restartBridges: () => this.bridges.restartRunning(60_000),
      onState: (state) => this.events.emit('embeddings:build-progress', state),
      ...(options.embeddingsBatchSize ? { batchSize: options.embeddingsBatchSize } : {}),
    });
    this.follower = new LogFollower(paths, (id, lines) => this.events.emit('logs:lines-appended', { id, lines }));
    this.appState = {
      phase: 'starting',
      message: 'Starting…',
      progress: null,
      error: null,
      shell: host.kind,
      dataDir: paths.root,
      version: options.version ?? '0.1.0',
      startedAt: new Date().toISOString(),
      readyAt: null,
    };
    this.bridges.onState((state) => {
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
      if (this.bridges.state().status === 'ready') this.setState({ phase: 'ready', message: 'Ready.', readyAt: new Date().toISOString() });
      else this.bridges.start();
      await this.bridges.syncHttp();
    } catch (error) {
      this.log.error(`start-up failed: ${(error as Error).message}`);
      this.setState({ phase: 'error', message: 'Start-up failed.', error: (error as Error).message, progress: null });
    }
  }

  /** Settings → "reset database": one rebuild at a time, summarised for the UI. */
  async resetData(scale: Scale, seed: number | undefined) {
    if (this.appState.phase === 'building') {
      throw new ZavaError('UNAVAILABLE', 'A rebuild is already running.', { hint: 'Wait for it to finish; progress shows at the top of the window.' });
    }
    const result = await this.build(scale, seed);
    return { scale: result.scale, seed: result.seed, counts: result.counts, totalMs: result.timings.totalMs };
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
        await this.bridges.restart();
        this.setState({ phase: 'bridge', message: 'Restarting the MCP bridge…', progress: null });
      }
      return result;
    } catch (error) {
      this.setState({ phase: 'error', message: 'Building the database failed.', error: (error as Error).message, progress: null });
      throw error;
    }
  }

  /** Stops the bridges, then lets go of the database (which stops if nobody else uses it). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.monitor);
    this.follower.stop();
    await this.embeddings.stop();
    // A start-up in flight (opening, building) finishes its step first; then nothing new starts.
    await this.bringingUp?.catch(() => undefined);
    await this.bridges.stop();
    await this.database.release();
    this.log.info('app stopped');
  }

  private firstRunScale(): Scale {
    return readEnv().ZAVA_FIRST_RUN_SCALE ?? this.settings.read().database.firstRunScale;
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
