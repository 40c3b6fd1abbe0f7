import { toZavaError } from '../db/pg-errors.ts';
import { ZavaError } from '../kernel/errors.ts';

/**
 * The one thing the search needs from a connection. The bridge passes a client logged in as
 * the caller's identity role, so every statement runs under that role's RLS; pg.Client and
 * pg.PoolClient fit as they are.
 */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

const SEARCH_ERROR = {
  subject: 'The search query',
  hint: 'Check `zava-mcp status` (search section); rebuilding with `zava-mcp db reset --yes` restores the vectors.',
};

/**
 * Runs one statement, turning driver errors into ZavaErrors with the SQLSTATE kept (the shared
 * mapper in db/pg-errors.ts: a cancel the caller asked for is QUERY_CANCELLED, a timeout QUERY_TIMEOUT).
 */
export async function run<T = any>(db: Queryable, text: string, values?: unknown[], signal?: AbortSignal): Promise<T[]> {
  try {
    return (await db.query(text, values)).rows as T[];
  } catch (error) {
    throw toZavaError(error, { ...SEARCH_ERROR, signal });
  }
}

/** Throws QUERY_CANCELLED when `signal` has fired (checked between the steps of a search). */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ZavaError('QUERY_CANCELLED', 'The search was cancelled.');
}
