import { isZavaError, SqlState, ZavaError } from '../kernel/errors.ts';

interface PgErrorLike {
  code?: string;
  message: string;
  position?: string;
  hint?: string;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', SqlState.ADMIN_SHUTDOWN, SqlState.CANNOT_CONNECT_NOW, SqlState.CONNECTION_FAILURE, SqlState.CONNECTION_EXCEPTION, '08001', '08003', '08004', '57P02', '3D000']);

/** Failures of the connection rather than of the statement: the only ones worth a retry. */
export function isConnectionFailure(error: unknown): boolean {
  const e = error as PgErrorLike & { code?: string };
  if (!e || typeof e !== 'object') return false;
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message ?? '');
}

/** Where a statement ran, so its error reads right and says what to do next. */
export interface PgErrorContext {
  /** The caller's cancellation: a cancel it asked for is QUERY_CANCELLED, any other one QUERY_TIMEOUT. */
  signal?: AbortSignal | undefined;
  /** What ran, for messages other than the model's own SQL: "The search query". */
  subject?: string;
  /** The hint for DATABASE_ERROR and QUERY_TIMEOUT instead of the SQL-author advice. */
  hint?: string;
}

const SQL_TIMEOUT_HINT = 'Aggregate in SQL (GROUP BY, date_trunc), filter by date or store, and add LIMIT; avoid scanning order_items without a filter.';

/**
 * The one mapping from a driver or server error to our typed error (the bridge's SQL, the
 * search, the app's own statements). Only the server's message, SQLSTATE, position and hint are
 * kept: never DETAIL or CONTEXT, which could quote row values.
 */
export function toZavaError(error: unknown, context: AbortSignal | PgErrorContext = {}): ZavaError {
  if (isZavaError(error)) return error;
  const { signal, subject, hint } = isSignal(context) ? { signal: context, subject: undefined, hint: undefined } : context;
  const e = error as PgErrorLike;
  const sqlState = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
  const position = e?.position ? Number(e.position) : undefined;
  const base = { sqlState, position, cause: error, ...(e?.hint ? { hint: e.hint } : {}) };
  if (sqlState === SqlState.QUERY_CANCELED) {
    if (signal?.aborted) return new ZavaError('QUERY_CANCELLED', `${subject ?? 'The query'} was cancelled at the client’s request.`, { ...base, hint: 'Nothing was changed.' });
    return new ZavaError('QUERY_TIMEOUT', `${subject ?? 'The query'} ran longer than the statement timeout and was stopped on the server${subject ? `: ${e.message}` : ''}.`, {
      ...base,
      hint: hint ?? SQL_TIMEOUT_HINT,
    });
  }
  if (sqlState === SqlState.INSUFFICIENT_PRIVILEGE || sqlState === SqlState.READ_ONLY_SQL_TRANSACTION || sqlState?.startsWith('28')) {
    return new ZavaError('AUTHORIZATION_ERROR', `Not allowed for this identity: ${e.message}.`, {
      ...base,
      hint: 'This identity can only read (SELECT) the retail tables; writes, role changes and server functions are refused by the database.',
    });
  }
  if (sqlState === SqlState.SYNTAX_ERROR && /multiple commands/i.test(e.message)) {
    return new ZavaError('VALIDATION_ERROR', 'Only one SQL statement can be run per call.', {
      ...base,
      hint: 'Send a single SELECT (a WITH … SELECT is fine); run separate questions as separate calls.',
    });
  }
  if (isConnectionFailure(error)) {
    return new ZavaError('UNAVAILABLE', `The database is not reachable right now: ${e.message}.`, {
      ...base,
      hint: 'Retry in a few seconds; the app restarts the database if it stopped.',
    });
  }
  if (sqlState) {
    return new ZavaError('DATABASE_ERROR', subject ? `${subject} failed: ${e.message}` : e.message, { ...base, hint: hint ?? e.hint ?? hintFor(sqlState) });
  }
  return new ZavaError('INTERNAL_ERROR', `Unexpected error: ${e?.message ?? String(error)}`, { cause: error });
}

function isSignal(value: unknown): value is AbortSignal {
  return typeof AbortSignal !== 'undefined' && value instanceof AbortSignal;
}

function hintFor(sqlState: string): string {
  if (sqlState === SqlState.UNDEFINED_TABLE) return 'Use schema-qualified names such as retail.orders; call get_multiple_table_schemas to see the tables.';
  if (sqlState === SqlState.UNDEFINED_COLUMN) return 'Check the exact column names with get_multiple_table_schemas.';
  if (sqlState === SqlState.UNDEFINED_FUNCTION) return 'Check argument types; cast explicitly (e.g. ::numeric, ::date).';
  if (sqlState.startsWith('42')) return 'Fix the SQL and try again.';
  if (sqlState.startsWith('22')) return 'A value has the wrong format or type; cast explicitly and check literals.';
  if (sqlState === '54000' || sqlState === '53200') return 'The query needs too many resources: aggregate or filter more.';
  return 'Fix the SQL and try again.';
}
