import type pg from 'pg';
import type { DatabaseTarget } from '../db/database.ts';
import type { BridgeSettings } from '../kernel/config/bridge-settings.ts';
import { isZavaError, ZavaError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import { PooledExecutor, type QueryResult, type RunOptions } from './executor.ts';
import { isConnectionFailure } from '../db/pg-errors.ts';

const RESTART_DEADLINE_MS = 20_000;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * What the bridge does when its database connections fail, so a crash of the server is an
 * outage of seconds rather than of the bridge's lifetime:
 * - embedded: restart the server the same way `db start` does (attach if someone else already
 *   did, otherwise clear the dead postmaster's leftovers and start), once for all waiting calls;
 * - external (ZAVA_DATABASE_URL): nothing to restart, so retry with exponential backoff (1 s
 *   doubling to 30 s); calls inside a backoff window fail at once with UNAVAILABLE saying when
 *   the next attempt is, rather than each waiting out a connection timeout.
 * Costs nothing per call while the database is up (no probe, no round trip). When the pool
 * sees an idle connection die with the embedded server crashed, the restart begins at once,
 * before any call needs it; a server stopped cleanly is started again by the next call.
 */
export class DatabaseRecovery {
  private restarting: Promise<void> | undefined;
  private down: { since: number; nextAttemptAt: number; delayMs: number; reason: string } | undefined;

  constructor(
    private readonly target: DatabaseTarget,
    private readonly pool: pg.Pool,
    private readonly log: Logger,
  ) {
    pool.on('error', (error) => {
      // A server that died is restarted at once, before a call needs it. One stopped on purpose
      // (`db stop`, the app's Stop) stays stopped, as Health then says, until a call needs it.
      if (this.target.engine?.status().crashed) void this.connectionLost(error).catch(() => undefined);
    });
  }

  /** Waits out a restart in progress, or fails at once inside a backoff window; undefined (no wait) while the database is up. */
  beforeCall(): Promise<void> | undefined {
    if (!this.restarting && !this.down) return undefined;
    return (async () => {
      if (this.restarting) await this.restarting;
      if (this.down && Date.now() < this.down.nextAttemptAt) throw this.unavailable();
    })();
  }

  connected(): void {
    if (!this.down) return;
    this.log.info('database reachable again', { outageMs: Date.now() - this.down.since });
    this.down = undefined;
  }

  async connectionLost(error: unknown): Promise<void> {
    const reason = (error as Error)?.message ?? String(error);
    const engine = this.target.engine;
    if (!engine) {
      // The executor already retried this call for about a second: the server is down.
      if (!this.down) this.log.warn('database unreachable; retrying with backoff', { reason });
      const delayMs = Math.min(MAX_BACKOFF_MS, Math.max(FIRST_BACKOFF_MS, (this.down?.delayMs ?? 0) * 2));
      this.down = { since: this.down?.since ?? Date.now(), nextAttemptAt: Date.now() + delayMs, delayMs, reason };
      throw this.unavailable();
    }
    if (engine.status().running) {
      // The server lives (a dropped connection, or it is finishing crash recovery): retry shortly.
      await new Promise((resolve) => setTimeout(resolve, 200));
      return;
    }
    this.restarting ??= this.restart(reason).finally(() => (this.restarting = undefined));
    await this.restarting;
  }

  private async restart(reason: string): Promise<void> {
    const began = Date.now();
    this.down ??= { since: began, nextAttemptAt: 0, delayMs: 0, reason };
    this.log.warn('embedded PostgreSQL is gone; restarting it', { reason });
    let lastError: unknown;
    while (Date.now() - began < RESTART_DEADLINE_MS) {
      try {
        const handle = await this.target.engine!.ensureRunning();
        if (handle.port !== this.target.port) {
          // Our old port was taken meanwhile: new connections go where the server now listens.
          this.target.port = handle.port;
          (this.pool as unknown as { options: pg.PoolConfig }).options.port = handle.port;
        }
        this.log.info('embedded PostgreSQL restarted', { ms: Date.now() - began, port: handle.port, startedHere: handle.startedHere });
        return;
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    throw new ZavaError('UNAVAILABLE', `The embedded database stopped and could not be restarted within ${RESTART_DEADLINE_MS / 1000} s: ${(lastError as Error)?.message ?? reason}.`, {
      hint: 'See postgres.log in the data directory; `zava-mcp db start` shows the same error.',
      cause: lastError,
    });
  }

  private unavailable(): ZavaError {
    const down = this.down!;
    const wait = Math.max(0, down.nextAttemptAt - Date.now());
    return new ZavaError(
      'UNAVAILABLE',
      `The database at ${this.target.host}:${this.target.port} is not reachable (${down.reason}). The bridge retries with backoff: next attempt in ${(wait / 1000).toFixed(1)} s.`,
      { hint: 'Check that the PostgreSQL server in ZAVA_DATABASE_URL is running; calls succeed again as soon as it answers.', details: { retryInMs: wait, downSinceMs: Date.now() - down.since } },
    );
  }
}

/**
 * The identity's executor with recovery around it: a call that finds the database gone
 * waits for the restart (embedded) or gets the backoff answer (external), then runs again
 * once. Read-only and safe to repeat, so the retry never doubles an effect.
 */
export class RecoveringExecutor extends PooledExecutor {
  private readonly recovery: DatabaseRecovery;

  constructor(config: pg.ClientConfig, settings: BridgeSettings, applicationName: string, target: DatabaseTarget, log: Logger) {
    super(config, settings, applicationName);
    this.recovery = new DatabaseRecovery(target, this.pool, log);
  }

  override async run(sql: string, options: RunOptions = {}): Promise<QueryResult> {
    return this.recovering(() => super.run(sql, options), options.signal);
  }

  override async readOnly<T>(body: (client: pg.PoolClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.recovering(() => super.readOnly(body, signal), signal);
  }

  private async recovering<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const wait = this.recovery.beforeCall();
    if (wait) await wait;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await call();
        this.recovery.connected();
        return result;
      } catch (error) {
        const lost = isZavaError(error) && error.code === 'UNAVAILABLE' && isConnectionFailure(error.cause);
        if (!lost || attempt >= 2 || signal?.aborted) throw error;
        await this.recovery.connectionLost(error.cause);
      }
    }
  }
}
