import type { DataPaths } from '../config/paths.ts';
import { SettingsFile } from '../config/settings-file.ts';
import { firstRunScaleSchema } from '../config/settings-schema.ts';
import { bridgeLaunchSpec, inheritedZavaEnv } from '../bridge-client/launch-spec.ts';
import { HttpBridgeProcess } from '../bridge-client/http-bridge.ts';
import { BridgeSupervisor } from '../bridge-client/supervisor.ts';
import type { BackoffOptions } from '../bridge-client/backoff.ts';
import type { Scale } from '../db/generate.ts';
import type { AppState, LaunchSpec } from '../ipc/contract.ts';
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
      starting: () => ['starting', 'database', 'building'].includes(this.appState.phase),
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

  /** Stops the bridge, then lets go of the database (which stops if nobody else uses it). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.monitor);
    this.follower.stop();
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
