import { spawn, type ChildProcess } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Logger } from '../../kernel/logger.ts';
import type { LaunchSpec } from '../../kernel/contract.ts';
import type { BackoffOptions } from './backoff.ts';
import { ChildSupervision } from './child-supervision.ts';
import { explainLine, StderrTail } from './exit-reason.ts';

/** The Streamable HTTP bridge the app runs for clients that prefer a URL. */
export interface HttpBridgeState {
  status: 'stopped' | 'starting' | 'ready' | 'restarting';
  identity: string | null;
  pid: number | null;
  url: string | null;
  restarts: number;
  lastError: string | null;
}

/**
 * Supervises `zava-mcp serve --user <id> --http --port N` (a plain child: its MCP traffic is
 * HTTP, not stdio). Ready once it prints its URL; restarted with backoff when it dies.
 */
export class HttpBridgeProcess {
  private child: ChildProcess | undefined;
  private current: HttpBridgeState = { status: 'stopped', identity: null, pid: null, url: null, restarts: 0, lastError: null };
  private readonly supervision: ChildSupervision;

  constructor(
    private readonly launch: (identity: string) => LaunchSpec,
    private readonly log?: Logger,
    backoff: Partial<BackoffOptions> = {},
  ) {
    this.supervision = new ChildSupervision(backoff);
  }

  state(): HttpBridgeState {
    return { ...this.current };
  }

  /** (Re)starts it as `identity`. */
  async start(identity: string): Promise<void> {
    await this.stop();
    const gen = this.supervision.fresh();
    this.current = { ...this.current, status: 'starting', identity, restarts: 0, lastError: null };
    this.spawn(gen);
  }

  async stop(): Promise<void> {
    this.supervision.retire();
    const child = this.child;
    this.child = undefined;
    this.current = { ...this.current, status: 'stopped', pid: null, url: null };
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(kill);
  }

  private spawn(gen: number): void {
    const identity = this.current.identity!;
    const spec = this.launch(identity);
    const tail = new StderrTail();
    const child = spawn(spec.command, spec.args, { env: { ...getDefaultEnvironment(), ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.current = { ...this.current, pid: child.pid ?? null };
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.includes('"url"'));
      if (line && this.supervision.isCurrent(gen) && this.current.status !== 'ready') {
        try {
          this.current = { ...this.current, status: 'ready', url: (JSON.parse(line) as { url: string }).url, lastError: null };
          this.log?.info(`http bridge: ready as ${identity} at ${this.current.url}`);
          this.supervision.ready(gen);
        } catch {
          // Not the announcement line yet.
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => tail.push(chunk));
    child.once('exit', (code, signal) => {
      const said = explainLine(tail.last());
      const reason = `The HTTP bridge ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${said ? `: ${said}` : '.'}`;
      const delay = this.supervision.failed(gen, (next) => this.spawn(next));
      if (delay === undefined) return;
      this.log?.warn(`http bridge: ${reason}; restarting in ${delay} ms`);
      this.current = { ...this.current, status: 'restarting', pid: null, url: null, restarts: this.current.restarts + 1, lastError: reason };
    });
  }
}
