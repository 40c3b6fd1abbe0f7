import pg from 'pg';
import { SqlState, ZavaError } from '../kernel/errors.ts';
import { toZavaError, isConnectionFailure } from '../db/pg-errors.ts';
import { analystTypes } from './pg-types.ts';
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

/**
 * Runs SQL as one identity's LOGIN role: one pool per identity, every statement alone
 * through the extended protocol (a second statement is a parse error), inside
 * BEGIN READ ONLY … ROLLBACK with a statement timeout, keeping at most rowCap rows and
 * byteCap bytes. Aborting the signal cancels the statement on the server.
 *
 * Round trips: a pooled connection waits already inside its next read-only transaction
 * (`ROLLBACK; BEGIN READ ONLY; SET LOCAL statement_timeout` go as one message after each
 * call, before the connection is back in the pool), so a call costs one round trip on its
 * path: the statement itself. A connection that is not known to be in such a transaction
 * (new, or after any doubt) is never used before that message has succeeded on it.
 */
export class QueryExecutor {
  readonly pool: pg.Pool;
  private readonly types = analystTypes();
  /** Connections idle inside a fresh read-only transaction with the timeout set (see `lease`). */
  private readonly prepared = new WeakSet<pg.PoolClient>();
  private readonly openTransaction: string;

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
      // Added to the identity's own login options (read-only, timeouts), never replacing them.
      options: [config.options, '-c TimeZone=UTC -c DateStyle=ISO'].filter(Boolean).join(' '),
      types: this.types,
    });
    // An idle client dying (server restart, db reset) must not crash the process. pg also emits
    // 'error' on a checked-out client whose server goes away, even while its query is failing
    // with that same error: each client gets a listener of its own for that (the query's
    // promise carries the failure).
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.openTransaction = `BEGIN TRANSACTION READ ONLY; SET LOCAL statement_timeout = ${Math.trunc(settings.statementTimeoutMs)}`;
  }

  /** A connection inside a fresh read-only transaction with the statement timeout set. */
  private async lease(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    if (this.prepared.has(client)) {
      this.prepared.delete(client);
      return client;
    }
    try {
      await client.query(this.openTransaction);
    } catch (error) {
      client.release(true);
      throw error;
    }
    return client;
  }

  /**
   * Ends the call's transaction and opens the next one in one message, then returns the
   * connection to the pool; the caller does not wait for it. Any failure (or a cancel that
   * may still be in flight, `discard`) closes the connection instead.
   */
  private giveBack(client: pg.PoolClient, discard: boolean): void {
    if (discard) {
      client.release(true);
      return;
    }
    client.query(`ROLLBACK; ${this.openTransaction}`).then(
      () => {
        this.prepared.add(client);
        client.release();
      },
      () => client.release(true),
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
    const client = await this.lease();
    // A connection that saw a CancelRequest is never reused: a late cancel must not hit the next caller.
    let discard = false;
    let active: pg.Query | undefined;
    const onAbort = () => {
      discard = true;
      if (active) cancelBackend(client, active);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await streamCapped(client, sql, options.params ?? [], this.types, options.rowCap ?? this.settings.rowCap, this.settings.byteCap, (query) => {
        active = query;
      }, () => {
        discard = true;
      });
      active = undefined;
      return { ...result, elapsedMs: performance.now() - started };
    } catch (error) {
      discard ||= isConnectionFailure(error);
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      this.giveBack(client, discard);
    }
  }

  /**
   * Runs several fixed statements (e.g. a search) on one connection in the same read-only
   * transaction and timeout as `run`; aborting cancels whichever statement is running.
   */
  async readOnly<T>(body: (client: pg.PoolClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new ZavaError('QUERY_CANCELLED', 'The request was cancelled before the query started.');
    const client = await this.lease().catch((error) => {
      throw toZavaError(error, signal);
    });
    let discard = false;
    const onAbort = () => {
      discard = true;
      const active = (client as unknown as { activeQuery?: pg.Query }).activeQuery;
      if (active) cancelBackend(client, active);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await body(client);
    } catch (error) {
      discard ||= isConnectionFailure(error);
      throw toZavaError(error, signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.giveBack(client, discard);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Runs one statement through the extended protocol with an unlimited Execute (so the
 * planner may use parallel workers, which a row-limited portal forbids) and streams rows:
 * past the row or byte cap it stops collecting and cancels the statement on the server.
 */
function streamCapped(
  client: pg.PoolClient,
  sql: string,
  params: unknown[],
  types: pg.CustomTypesConfig,
  rowCap: number,
  byteCap: number,
  onStart: (query: pg.Query) => void,
  onCancelSent: () => void,
): Promise<Omit<QueryResult, 'elapsedMs'>> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query({ text: sql, values: params, rowMode: 'array', queryMode: 'extended', types } as pg.QueryConfig);
    const rows: unknown[][] = [];
    let bytes = 2;
    let columns: string[] | undefined;
    let truncatedBy: QueryResult['truncatedBy'];
    const stop = (reason: 'row_cap' | 'byte_cap') => {
      truncatedBy = reason;
      onCancelSent();
      cancelBackend(client, query);
    };
    const finish = () =>
      resolve({ columns: columns ?? [], rows, rowCount: rows.length, truncated: truncatedBy !== undefined, ...(truncatedBy ? { truncatedBy } : {}), bytes });
    query.on('row', (row: unknown[], result?: { fields: { name: string }[] }) => {
      if (truncatedBy) return;
      columns ??= (result?.fields ?? []).map((f) => f.name);
      if (rows.length >= rowCap) return stop('row_cap');
      const size = JSON.stringify(row).length + 1;
      if (bytes + size > byteCap) return stop('byte_cap');
      bytes += size;
      rows.push(row);
    });
    query.on('end', (result: pg.QueryResult) => {
      columns ??= (result?.fields ?? []).map((f) => f.name);
      finish();
    });
    query.on('error', (error: Error & { code?: string }) => {
      if (truncatedBy && error.code === SqlState.QUERY_CANCELED) finish();
      else reject(error);
    });
    client.query(query);
    onStart(query);
  });
}

/** Sends PostgreSQL's CancelRequest for the client's backend (needs no login, works mid-query). */
function cancelBackend(client: pg.PoolClient, query: pg.Query): void {
  const internal = client as unknown as { processID: number | null; connectionParameters: { host: string; port: number } };
  if (!internal.processID) return;
  const canceller = new pg.Client({ host: internal.connectionParameters.host, port: internal.connectionParameters.port });
  canceller.on('error', () => undefined);
  (canceller as unknown as { cancel(c: unknown, q: unknown): void }).cancel(client, query);
}
