import { z } from 'zod';

/** Codes every layer (CLI, bridge, IPC) uses to tell callers what went wrong. */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'AUTHORIZATION_ERROR'
  | 'DATABASE_ERROR'
  | 'QUERY_TIMEOUT'
  | 'QUERY_CANCELLED'
  | 'RESULT_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'CONFIG_ERROR'
  | 'INTERNAL_ERROR';

/** PostgreSQL SQLSTATEs we react to, by name. */
export const SqlState = {
  QUERY_CANCELED: '57014',
  INSUFFICIENT_PRIVILEGE: '42501',
  READ_ONLY_SQL_TRANSACTION: '25006',
  SYNTAX_ERROR: '42601',
  UNDEFINED_TABLE: '42P01',
  UNDEFINED_COLUMN: '42703',
  UNDEFINED_FUNCTION: '42883',
  ADMIN_SHUTDOWN: '57P01',
  CANNOT_CONNECT_NOW: '57P03',
  CONNECTION_FAILURE: '08006',
  CONNECTION_EXCEPTION: '08000',
  TOO_MANY_CONNECTIONS: '53300',
  INVALID_PASSWORD: '28P01',
} as const;

export interface ZavaErrorOptions {
  hint?: string;
  cause?: unknown;
  sqlState?: string;
  position?: number;
  details?: Record<string, unknown>;
}

/** One error class for the whole app: a code, a full-sentence message and a hint saying what to do next. */
export class ZavaError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly sqlState: string | undefined;
  readonly position: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: ZavaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ZavaError';
    this.code = code;
    this.hint = options.hint;
    this.sqlState = options.sqlState;
    this.position = options.position;
    this.details = options.details;
  }

  toJSON(): Record<string, unknown> {
    return { ...toErrorInfo(this), ...(this.details ? { details: this.details } : {}) };
  }
}

export function isZavaError(error: unknown): error is ZavaError {
  return error instanceof ZavaError;
}

/**
 * An error as it leaves the process, the same everywhere: a tool's `isError` result, the IPC
 * envelope, `--json` output and logs. Never the cause or DETAIL (they can quote row values).
 */
export const errorInfoSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  sqlState: z.string().optional(),
  position: z.number().optional(),
});

export type ErrorInfo = z.infer<typeof errorInfoSchema>;

/** Turns anything thrown into the serialised shape; a plain error is INTERNAL_ERROR with its message. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (isZavaError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.sqlState ? { sqlState: error.sqlState } : {}),
      ...(error.position ? { position: error.position } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL_ERROR', message: message || 'Something went wrong.' };
}
