import type { ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../../kernel/logger.ts';
import { ZavaError } from '../../kernel/errors.ts';
import type { BridgeState, LaunchSpec } from '../../kernel/contract.ts';
import type { BackoffOptions } from './backoff.ts';
import { ChildSupervision } from './child-supervision.ts';
import { exitReason, explainLine, StderrTail } from './exit-reason.ts';

export interface SupervisorOptions {
  identity: string;
  /** Builds the spawn spec for an identity (see bridgeLaunchSpec). */
  launch: (identity: string) => LaunchSpec;
  backoff?: Partial<BackoffOptions>;
  /** How long spawning plus the MCP handshake may take before it counts as a failed start. */
  connectTimeoutMs?: number;
  /** Every stderr line of the child (the app writes them to bridge.log). */
  onStderr?: (line: string, pid: number | null) => void;
  log?: Logger;
}

type Listener = (state: BridgeState) => void;

/**
 * Runs the bridge as a stdio child and is its MCP client: spawns it, connects, and when it
 * dies restarts it with exponential backoff, keeping the crash reason. A `generation` number
 * tags each child so callbacks of an old one (after a restart or identity switch) are ignored.
 */
export class BridgeSupervisor {
  private state: BridgeState;
  private client: Client | undefined;
  private transport: StdioClientTransport | undefined;
  private readonly supervision: ChildSupervision;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly options: SupervisorOptions) {
    this.supervision = new ChildSupervision(options.backoff);
    this.state = { status: 'stopped', identity: options.identity, pid: null, restarts: 0, lastError: null, lastErrorAt: null, readySince: null, nextRetryAt: null };
  }

  getState(): BridgeState {
    return { ...this.state };
  }

  onState(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the child if it is not running. Returns at once; use `whenReady` to wait. */
  start(): void {
    if (this.state.status !== 'stopped') return;
    this.set({ status: 'starting', nextRetryAt: null });
    void this.spawn(this.supervision.begin());
  }

  /** Stops the child for good (until `start`), closing stdin first and killing only if it lingers. */
  async stop(): Promise<void> {
    this.supervision.retire();
    await this.closeCurrent();
    this.set({ status: 'stopped', pid: null, readySince: null, nextRetryAt: null });
  }

  /** Replaces the child (optionally as another identity); an intentional restart resets the crash count. */
  async restart(identity = this.state.identity): Promise<BridgeState> {
    this.supervision.retire();
    await this.closeCurrent();
    const gen = this.supervision.fresh();
    this.set({ status: 'starting', identity, pid: null, restarts: identity === this.state.identity ? this.state.restarts : 0, readySince: null, nextRetryAt: null });
    void this.spawn(gen);
    return this.getState();
  }

  /** Resolves with the connected client once the bridge is ready; rejects after `timeoutMs`. */
  whenReady(timeoutMs = 30_000): Promise<Client> {
    if (this.state.status === 'ready' && this.client) return Promise.resolve(this.client);
    if (this.state.status === 'stopped') return Promise.reject(new ZavaError('UNAVAILABLE', 'The bridge is stopped.', { hint: 'Start it from Health or restart the app.' }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new ZavaError('UNAVAILABLE', `The bridge is not ready (${this.state.status}${this.state.lastError ? `: ${this.state.lastError}` : ''}).`, {
          hint: 'See Health and the bridge log; the app keeps restarting it.',
        }));
      }, timeoutMs);
      const off = this.onState((s) => {
        if (s.status === 'ready' && this.client) {
          clearTimeout(timer);
          off();
          resolve(this.client);
        } else if (s.status === 'stopped') {
          clearTimeout(timer);
          off();
          reject(new ZavaError('UNAVAILABLE', 'The bridge was stopped.'));
        }
      });
    });
  }

  /** Calls one tool on the running bridge. Tool-level errors come back as `isError` results, not throws. */
  async callTool(name: string, args: Record<string, unknown>, timeoutMs = 60_000): Promise<CallToolResult> {
    const client = await this.whenReady(Math.min(timeoutMs, 30_000));
    return (await client.callTool({ name, arguments: args }, undefined, { timeout: timeoutMs })) as CallToolResult;
  }

  async listTools(): Promise<Tool[]> {
    const client = await this.whenReady();
    return (await client.listTools()).tools;
  }

  /** An MCP ping round trip, in milliseconds. */
  async ping(timeoutMs = 5_000): Promise<number> {
    const client = await this.whenReady(timeoutMs);
    const began = performance.now();
    await client.ping({ timeout: timeoutMs });
    return performance.now() - began;
  }

  private async spawn(gen: number): Promise<void> {
    const spec = this.options.launch(this.state.identity);
    const tail = new StderrTail();
    const transport = new StdioClientTransport({ command: spec.command, args: spec.args, env: spec.env, stderr: 'pipe' });
    const client = new Client({ name: 'zava-mcp-desktop', version: '0.1.0' });
    let child: ChildProcess | undefined;
    transport.stderr?.on('data', (chunk: Buffer) => {
      for (const line of tail.push(chunk)) this.options.onStderr?.(line, transport.pid);
    });
    transport.onclose = () => {
      if (this.supervision.isCurrent(gen)) this.failed(exitReason(child, tail), gen);
    };
    this.options.log?.info(`bridge: starting ${spec.command} ${spec.args.join(' ')}`);
    // connect() spawns synchronously (transport.start runs before its first await), so the
    // child is there to watch for its exit code; the SDK keeps it private.
    const connecting = client.connect(transport);
    child = Reflect.get(transport, '_process') as ChildProcess | undefined;
    this.client = client;
    this.transport = transport;
    try {
      await withTimeout(connecting, this.options.connectTimeoutMs ?? 60_000, 'The bridge did not answer the MCP handshake');
    } catch (error) {
      if (!this.supervision.isCurrent(gen)) return;
      // failed() moves to the next generation first, so the close below is not reported twice.
      const said = explainLine(tail.last());
      this.failed(`${(error as Error).message}${said ? ` — ${said}` : ''}`, gen);
      await transport.close().catch(() => undefined);
      return;
    }
    if (!this.supervision.isCurrent(gen)) {
      await client.close().catch(() => undefined);
      return;
    }
    this.client = client;
    this.transport = transport;
    this.set({ status: 'ready', pid: transport.pid, readySince: new Date().toISOString(), nextRetryAt: null });
    this.options.log?.info(`bridge: ready as ${this.state.identity} (pid ${transport.pid})`);
    this.supervision.ready(gen);
  }

  private failed(reason: string, gen: number): void {
    const delay = this.supervision.failed(gen, (next) => void this.spawn(next));
    if (delay === undefined) return;
    this.client = undefined;
    this.transport = undefined;
    this.options.log?.warn(`bridge: ${reason}; restarting in ${delay} ms`);
    const now = new Date();
    this.set({
      status: 'restarting',
      pid: null,
      restarts: this.state.restarts + 1,
      lastError: reason,
      lastErrorAt: now.toISOString(),
      readySince: null,
      nextRetryAt: new Date(now.getTime() + delay).toISOString(),
    });
  }

  private async closeCurrent(): Promise<void> {
    const client = this.client;
    const transport = this.transport;
    this.client = undefined;
    this.transport = undefined;
    await client?.close().catch(() => undefined);
    await transport?.close().catch(() => undefined);
  }

  private set(patch: Partial<BridgeState>): void {
    this.state = { ...this.state, ...patch };
    const snapshot = this.getState();
    for (const listener of [...this.listeners]) listener(snapshot);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${Math.round(ms / 1000)} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
