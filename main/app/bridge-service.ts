import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { DataPaths } from '../kernel/config/paths.ts';
import type { SettingsFile } from '../kernel/config/settings-file.ts';
import type { BridgeState, LaunchSpec } from '../kernel/contract.ts';
import type { Logger } from '../kernel/logger.ts';
import type { SecretStore } from './secret-store.ts';
import type { BackoffOptions } from './supervision/backoff.ts';
import { HttpBridgeProcess, type HttpBridgeState } from './supervision/http-bridge.ts';
import { bridgeLaunchSpec, inheritedZavaEnv } from './supervision/launch-spec.ts';
import { BridgeSupervisor } from './supervision/supervisor.ts';

export interface BridgeServiceOptions {
  paths: DataPaths;
  settings: SettingsFile;
  secrets: SecretStore;
  log: Logger;
  /** Overrides the bridge spawn spec (tests use a fake bridge). */
  launch?: (identity: string) => LaunchSpec;
  backoff?: Partial<BackoffOptions>;
}

/**
 * The app's two bridges as one use case: the supervised stdio bridge the app talks to, and the
 * optional Streamable HTTP bridge (Settings → HTTP), both as the identity chosen in settings.
 */
export class BridgeService {
  private readonly stdio: BridgeSupervisor;
  private readonly http: HttpBridgeProcess;
  private stopping = false;

  constructor(private readonly options: BridgeServiceOptions) {
    const { log, settings } = options;
    this.stdio = new BridgeSupervisor({
      identity: settings.read().identity,
      launch: options.launch ?? ((identity) => this.launchSpec(identity)),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      log,
      onStderr: (line, pid) => {
        // Bridges log JSON to their own file; anything else on stderr (a crash trace) is kept here.
        if (!line.startsWith('{')) log.warn(`bridge[${pid ?? '?'}] ${line}`);
      },
    });
    this.http = new HttpBridgeProcess((identity) => this.launchSpec(identity, settings.read().http.port), log, options.backoff);
  }

  /** The bridge spawn spec with the app's environment (data dir, ZAVA_* overrides, the provider key). */
  launchSpec(identity: string, httpPort?: number): LaunchSpec {
    const spec = bridgeLaunchSpec({ identity, dataDir: this.options.paths.root, ...(httpPort !== undefined ? { httpPort } : {}) });
    const key = this.options.secrets.get('embeddingsApiKey');
    return { ...spec, env: { ...inheritedZavaEnv(), ...spec.env, ...(key ? { ZAVA_EMBEDDINGS_API_KEY: key } : {}) } };
  }

  state(): BridgeState {
    return this.stdio.getState();
  }

  httpState(): HttpBridgeState {
    return this.http.state();
  }

  onState(listener: (state: BridgeState) => void): () => void {
    return this.stdio.onState(listener);
  }

  start(): void {
    this.stdio.start();
  }

  restart(identity?: string): Promise<BridgeState> {
    return this.stdio.restart(identity);
  }

  async whenReady(timeoutMs?: number): Promise<void> {
    await this.stdio.whenReady(timeoutMs);
  }

  callTool(name: string, args: Record<string, unknown>, timeoutMs?: number): Promise<CallToolResult> {
    return this.stdio.callTool(name, args, timeoutMs);
  }

  listTools(): Promise<Tool[]> {
    return this.stdio.listTools();
  }

  ping(timeoutMs?: number): Promise<number> {
    return this.stdio.ping(timeoutMs);
  }

  /** Switches both bridges to another identity (persisted), restarting them as that role. */
  async selectIdentity(slug: string): Promise<void> {
    this.options.settings.update({ identity: slug });
    await this.stdio.restart(slug);
    await this.syncHttp();
  }

  /** Restarts whichever bridges run, so they read settings, secrets and vectors afresh; a no-op for stopped ones. */
  async restartRunning(readyTimeoutMs?: number): Promise<void> {
    if (this.stopping) return;
    if (this.stdio.getState().status !== 'stopped') {
      await this.stdio.restart();
      if (readyTimeoutMs !== undefined) await this.stdio.whenReady(readyTimeoutMs);
    }
    if (this.http.state().status !== 'stopped') {
      await this.http.stop();
      await this.syncHttp();
    }
  }

  /** Runs the HTTP bridge as the current identity and port when Settings turn it on; stops it otherwise. */
  async syncHttp(): Promise<void> {
    const { identity, http } = this.options.settings.read();
    if (!http.enabled || this.stopping) return this.http.stop();
    const now = this.http.state();
    const wantedUrl = `http://127.0.0.1:${http.port}/mcp`;
    if (now.status !== 'stopped' && now.identity === identity && (now.url === null || now.url === wantedUrl)) return;
    await this.http.start(identity);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.stdio.stop(), this.http.stop()]);
  }
}
