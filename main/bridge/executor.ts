import pg from 'pg';
import Cursor from 'pg-cursor';
import { ZavaError } from '../errors.ts';
import { toZavaError, isConnectionFailure } from './pg-errors.ts';
import { analystTypes } from './pg-types.ts';
import type { BridgeSettings } from './settings.ts';

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

const BATCH = 200;
const RETRY_DELAYS_MS = [100, 300, 900];

/**
 * Runs SQL as one identity's LOGIN role: one pool per identity, every statement alone
 * through the extended protocol (a second statement is a parse error), inside
 * BEGIN READ ONLY … ROLLBACK with a statement timeout, reading at most rowCap rows and
 * byteCap bytes. Aborting the signal cancels the statement on the server.
 */
export class QueryExecutor {
  readonly pool: pg.Pool;
  private readonly types = analystTypes();

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
      options: '-c TimeZone=UTC -c DateStyle=ISO',
      types: this.types,
    });
    // An idle client dying (server restart, db reset) must not crash the process.
    this.pool.on('error', () => undefined);
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
    const client = await this.pool.connect();
    let broken = false;
    const onAbort = () => cancelBackend(client);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await client.query(`BEGIN TRANSACTION READ ONLY; SET LOCAL statement_timeout = ${Math.trunc(this.settings.statementTimeoutMs)}`);
      const cursor = client.query(new Cursor(sql, options.params ?? [], { rowMode: 'array', types: this.types }));
      const result = await readCapped(cursor, options.rowCap ?? this.settings.rowCap, this.settings.byteCap);
      await cursor.close();
      await client.query('ROLLBACK');
      return { ...result, elapsedMs: performance.now() - started };
    } catch (error) {
      broken = isConnectionFailure(error);
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function readCapped(cursor: Cursor, rowCap: number, byteCap: number): Promise<Omit<QueryResult, 'elapsedMs'>> {
  const rows: unknown[][] = [];
  let bytes = 2;
  let truncatedBy: QueryResult['truncatedBy'];
  for (;;) {
    const batch = (await cursor.read(Math.min(BATCH, rowCap + 1 - rows.length))) as unknown[][];
    for (const row of batch) {
      if (rows.length >= rowCap) {
        truncatedBy = 'row_cap';
        break;
      }
      const size = JSON.stringify(row).length + 1;
      if (bytes + size > byteCap) {
        truncatedBy = 'byte_cap';
        break;
      }
      bytes += size;
      rows.push(row);
    }
    if (truncatedBy || batch.length === 0 || rows.length > rowCap) break;
    if (rows.length === rowCap) {
      // One more row tells "exactly rowCap" apart from "truncated".
      if (((await cursor.read(1)) as unknown[][]).length > 0) truncatedBy = 'row_cap';
      break;
    }
  }
  const fields = (cursor as unknown as { _result: { fields: { name: string }[] } })._result.fields;
  return {
    columns: fields.map((f) => f.name),
    rows,
    rowCount: rows.length,
    truncated: truncatedBy !== undefined,
    ...(truncatedBy ? { truncatedBy } : {}),
    bytes,
  };
}

/** Sends PostgreSQL's CancelRequest for the client's backend (needs no login, works mid-query). */
function cancelBackend(client: pg.PoolClient): void {
  const internal = client as unknown as { processID: number | null; connectionParameters: { host: string; port: number } };
  if (!internal.processID) return;
  const canceller = new pg.Client({ host: internal.connectionParameters.host, port: internal.connectionParameters.port });
  (canceller as unknown as { cancel(c: unknown, q: unknown): void }).cancel(client, (client as unknown as { activeQuery: unknown }).activeQuery);
}
