import { SqlState, ZavaError } from '../kernel/errors.ts';

/**
 * The one thing the search needs from a connection. The bridge passes a client logged in as
 * the caller's identity role, so every statement runs under that role's RLS; pg.Client and
 * pg.PoolClient fit as they are.
 */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** Runs one statement, turning driver errors into ZavaErrors with the SQLSTATE kept. */
export async function run<T = any>(db: Queryable, text: string, values?: unknown[]): Promise<T[]> {
  try {
    return (await db.query(text, values)).rows as T[];
  } catch (error) {
    const sqlState = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (sqlState === SqlState.QUERY_CANCELED) {
      throw new ZavaError('QUERY_TIMEOUT', `The search query was stopped by the statement timeout or cancelled: ${message}`, { sqlState, cause: error });
    }
    throw new ZavaError('DATABASE_ERROR', `The search query failed: ${message}`, {
      ...(typeof sqlState === 'string' ? { sqlState } : {}),
      hint: 'Check `zava-mcp status` (search section); rebuilding with `zava-mcp db reset --yes` restores the vectors.',
      cause: error,
    });
  }
}

/** Throws QUERY_CANCELLED when `signal` has fired (checked between the steps of a search). */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ZavaError('QUERY_CANCELLED', 'The search was cancelled.');
}
