import pg from 'pg';
import { SqlState, ZavaError } from '../kernel/errors.ts';
import { toZavaError, isConnectionFailure } from '../db/pg-errors.ts';
import { analystTypes } from './pg-types.ts';
import { BEGIN_READ_ONLY, ReadOnlyStatement } from './read-only-statement.ts';
import type { BridgeSettings } from '../kernel/config/bridge-settings.ts';

/** A result in the compact columnar shape the model reads. */
export interface QueryResult {
  columns: string[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  truncatedBy?: 'row_cap' | 'byte_cap';
  bytes: number;
  elapsedMs: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  params?: unknown[];
  /** Overrides the settings' caps for fixed queries that know their size. */
  rowCap?: number;
}

const RETRY_DELAYS_MS = [100, 300, 900];

/** What tools need from an identity's connection: one statement, or several in one read-only transaction. */
export interface QueryExecutor {
  run(sql: string, options?: RunOptions): Promise<QueryResult>;
  readOnly<T>(body: (client: pg.PoolClient) => Promise<T>, signal?: AbortSignal): Promise<T>;
  close(): Promise<void>;
}

/**
 * The executor of a bridge whose database is still opening: calls wait for it (and fail with
 * its reason when it cannot be opened), so tools can be listed before the login is done.
 */
export class PendingExecutor implements QueryExecutor {
  private executor: QueryExecutor | undefined;

  /** `open` starts the opening, if it waits for something (called by the first call made meanwhile). */
  constructor(
    private readonly opened: Promise<QueryExecutor>,
    private readonly open: () => void = () => undefined,
  ) {
    opened.then(
      (executor) => {
        this.executor = executor;
      },
      () => undefined,
    );
  }

  // Not async: once open, a call goes straight through without an extra promise hop.
  run(sql: string, options?: RunOptions): Promise<QueryResult> {
    if (this.executor) return this.executor.run(sql, options);
    this.open();
    return this.opened.then((executor) => executor.run(sql, options));
  }

  readOnly<T>(body: (client: pg.PoolClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.executor) return this.executor.readOnly(body, signal);
    this.open();
    return this.opened.then((executor) => executor.readOnly(body, signal));
  }

  async close(): Promise<void> {
    await (await this.opened.catch(() => undefined))?.close();
  }
}

/**
 * Runs SQL as one identity's LOGIN role: one pool per identity, every statement alone
 * through the extended protocol (a second statement is a parse error), inside
 * BEGIN READ ONLY … ROLLBACK with a statement timeout, keeping at most rowCap rows and
 * byteCap bytes. Aborting the signal cancels the statement on the server.
 *
 * Round trips: a call is one pipelined batch (BEGIN READ ONLY, the statement, ROLLBACK, Sync:
 * see ReadOnlyStatement), so it costs one write and one round trip, and a connection is back
 * outside any transaction as soon as its answer is in. The statement timeout is a startup
 * option of each connection: whatever a statement sets is undone by its ROLLBACK.
 *
 * A call that finds no idle connection while another is on its way back (its ROLLBACK in
 * flight after a failed statement, a fraction of a millisecond) waits for that one rather than
 * opening a new login: sequential calls from one client then live on one connection.
 *
 * The connection the last call gave back is parked beside pg-pool rather than returned to it:
 * the next call takes it at once, without pg-pool's promise, queue and idle timer (a tenth of
 * a light call's latency here). It is closed after the pool's idle time unused, as pg-pool
 * would, and dropped the moment it fails.
 */
export class PooledExecutor implements QueryExecutor {
  readonly pool: pg.Pool;
  private readonly types = analystTypes();
  /** Connections whose ROLLBACK is in flight. */
  private returning = 0;
  /** Calls waiting for one of those (first come, first served). */
  private readonly waiting: { resolve: (client: pg.PoolClient) => void; reject: (error: unknown) => void }[] = [];
  private parked: { client: pg.PoolClient; since: number } | undefined;
  private parkedSweep: NodeJS.Timeout | undefined;
  /** Set by close(): a connection still on its way back then is closed, not parked. */
  private closing = false;

  constructor(
    config: pg.ClientConfig,
    private readonly settings: BridgeSettings,
    applicationName: string,
  ) {
    this.pool = new pg.Pool({
      ...config,
      application_name: applicationName,
      min: settings.pool.min,
      max: settings.pool.max,
      idleTimeoutMillis: settings.pool.idleMs,
      connectionTimeoutMillis: 10_000,
      // Added to the identity's own login options (read-only, timeouts), never replacing them;
      // a later -c wins, so the bridge's own statement timeout applies.
      options: [config.options, `-c TimeZone=UTC -c DateStyle=ISO -c statement_timeout=${Math.trunc(settings.statementTimeoutMs)}`].filter(Boolean).join(' '),
      types: this.types,
    });
    // An idle client dying (server restart, db reset) must not crash the process. pg also emits
    // 'error' on a checked-out client whose server goes away, even while its query is failing
    // with that same error: each client gets a listener of its own for that (the query's
    // promise carries the failure).
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) =>
      client.on('error', (error) => {
        // A parked connection is idle as far as anyone can tell: its death is reported as
        // pg-pool reports an idle one's (database-recovery.ts listens), and it is dropped.
        if (this.parked?.client !== client) return;
        this.parked = undefined;
        client.release(true);
        this.pool.emit('error', error, client);
      }),
    );
  }

  /** A connection outside any transaction: the parked one at once, else from the pool. */
  private lease(): pg.PoolClient | Promise<pg.PoolClient> {
    const parked = this.parked;
    if (parked) {
      this.parked = undefined;
      return parked.client;
    }
    if (this.pool.idleCount === 0 && this.returning > this.waiting.length) {
      return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
    }
    return this.pool.connect();
  }

  /**
   * Parks the connection (see `park`). One whose transaction may still be open (`rollback`)
   * gets its ROLLBACK first, sent once the caller's answer has been written (setImmediate) and
   * without the caller waiting. Any failure (or a cancel that may still be in flight,
   * `discard`) closes the connection instead.
   */
  private giveBack(client: pg.PoolClient, discard: boolean, rollback: boolean): void {
    if (discard) return this.closeConnection(client);
    if (!rollback) return this.park(client);
    this.returning++;
    setImmediate(() => this.rollBack(client));
  }

  /** Hands a clean connection to a waiting call, else parks it (one at most; more go back to the pool). */
  private park(client: pg.PoolClient): void {
    const next = this.waiting.shift();
    if (next) return next.resolve(client);
    if (this.closing) return client.release(true);
    if (this.parked) return client.release();
    this.parked = { client, since: Date.now() };
    const idleMs = this.settings.pool.idleMs;
    this.parkedSweep ??= setInterval(() => {
      if (this.parked && Date.now() - this.parked.since >= idleMs) {
        this.parked.client.release(true);
        this.parked = undefined;
      }
      if (!this.parked) {
        clearInterval(this.parkedSweep);
        this.parkedSweep = undefined;
      }
    }, idleMs).unref();
  }

  /**
   * Closes a connection that must not be used again. A call may be waiting for it (it was on its
   * way back): that call gets a connection the usual way instead (a new login if need be).
   */
  private closeConnection(client: pg.PoolClient): void {
    client.release(true);
    const next = this.waiting.shift();
    if (next) this.pool.connect().then(next.resolve, next.reject);
  }

  private rollBack(client: pg.PoolClient): void {
    client.query('ROLLBACK').then(
      () => {
        this.returning--;
        this.park(client);
      },
      () => {
        this.returning--;
        this.closeConnection(client);
      },
    );
  }

  async run(sql: string, options: RunOptions = {}): Promise<QueryResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.runOnce(sql, options);
      } catch (error) {
        // Only connection-level failures are retried: the statement is read-only, so a retry is safe.
        if (!isConnectionFailure(error) || attempt >= RETRY_DELAYS_MS.length || options.signal?.aborted) throw toZavaError(error, options.signal);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  private async runOnce(sql: string, options: RunOptions): Promise<QueryResult> {
    if (options.signal?.aborted) throw new ZavaError('QUERY_CANCELLED', 'The request was cancelled before the query started.');
    const started = performance.now();
    const leased = this.lease();
    const client = leased instanceof Promise ? await leased : leased;
    const statement = new ReadOnlyStatement(sql, options.params ?? [], this.types);
    // A connection that saw a CancelRequest is never reused: a late cancel must not hit the next caller.
    let discard = false;
    const onAbort = () => {
      discard = true;
      cancelBackend(client, statement);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await streamCapped(client, statement, options.rowCap ?? this.settings.rowCap, this.settings.byteCap, () => {
        discard = true;
      });
      return { ...result, elapsedMs: performance.now() - started };
    } catch (error) {
      discard ||= isConnectionFailure(error);
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      this.giveBackWhenSettled(client, statement, () => discard);
    }
  }

  /** The answer can be in before the batch's ROLLBACK is: the connection goes back once it is. */
  private giveBackWhenSettled(client: pg.PoolClient, statement: ReadOnlyStatement, discard: () => boolean): void {
    if (statement.settled) return this.giveBack(client, discard(), statement.failed);
    this.returning++;
    statement.once('settled', () => {
      this.returning--;
      this.giveBack(client, discard(), statement.failed);
    });
  }

  /**
   * Runs several fixed statements (e.g. a search) on one connection in one read-only
   * transaction with the same timeout as `run`; aborting cancels whichever statement is running.
   */
  async readOnly<T>(body: (client: pg.PoolClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new ZavaError('QUERY_CANCELLED', 'The request was cancelled before the query started.');
    const client = await Promise.resolve(this.lease()).catch((error) => {
      throw toZavaError(error, signal);
    });
    let discard = false;
    const onAbort = () => {
      discard = true;
      const active = (client as unknown as { activeQuery?: pg.Submittable }).activeQuery;
      if (active) cancelBackend(client, active);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await client.query(BEGIN_READ_ONLY);
      return await body(client);
    } catch (error) {
      discard ||= isConnectionFailure(error);
      throw toZavaError(error, signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Ended with a ROLLBACK whatever happened: BEGIN was sent.
      this.giveBack(client, discard, true);
    }
  }

  /** Closes every connection; pg-pool's end waits for those still on their way back. */
  async close(): Promise<void> {
    this.closing = true;
    this.parked?.client.release(true);
    this.parked = undefined;
    clearInterval(this.parkedSweep);
    await this.pool.end();
  }
}

/**
 * Runs the statement and streams its rows: past the row or byte cap it stops collecting and
 * cancels the statement on the server (the Execute is unlimited, see ReadOnlyStatement).
 */
function streamCapped(
  client: pg.PoolClient,
  statement: ReadOnlyStatement,
  rowCap: number,
  byteCap: number,
  onCancelSent: () => void,
): Promise<Omit<QueryResult, 'elapsedMs'>> {
  return new Promise((resolve, reject) => {
    const rows: unknown[][] = [];
    let bytes = 2;
    let truncatedBy: QueryResult['truncatedBy'];
    const stop = (reason: 'row_cap' | 'byte_cap') => {
      truncatedBy = reason;
      onCancelSent();
      cancelBackend(client, statement);
    };
    const finish = () => {
      const columns = statement.result.fields.map((f) => f.name);
      resolve({ columns, rows, rowCount: rows.length, truncated: truncatedBy !== undefined, ...(truncatedBy ? { truncatedBy } : {}), bytes });
    };
    statement.on('row', (row: unknown[]) => {
      if (truncatedBy) return;
      if (rows.length >= rowCap) return stop('row_cap');
      const size = JSON.stringify(row).length + 1;
      if (bytes + size > byteCap) return stop('byte_cap');
      bytes += size;
      rows.push(row);
    });
    statement.on('done', finish);
    statement.on('error', (error: Error & { code?: string }) => {
      if (truncatedBy && error.code === SqlState.QUERY_CANCELED) finish();
      else reject(error);
    });
    client.query(statement);
  });
}

/** Sends PostgreSQL's CancelRequest for the client's backend (needs no login, works mid-query). */
function cancelBackend(client: pg.PoolClient, query: pg.Submittable): void {
  const internal = client as unknown as { processID: number | null; connectionParameters: { host: string; port: number } };
  if (!internal.processID) return;
  const canceller = new pg.Client({ host: internal.connectionParameters.host, port: internal.connectionParameters.port });
  canceller.on('error', () => undefined);
  (canceller as unknown as { cancel(c: unknown, q: unknown): void }).cancel(client, query);
}
