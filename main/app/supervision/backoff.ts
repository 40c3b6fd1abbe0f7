/** Exponential backoff between restarts of a crashed child. */
export interface BackoffOptions {
  /** Delay before the first restart. */
  initialMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  /** Growth per consecutive failure. */
  factor: number;
  /** A child that stayed up this long counts as healthy again: the next crash starts from `initialMs`. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, resetAfterMs: 30_000 };

/** The delay before restart number `attempt` (0-based), capped at `maxMs`. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const delay = options.initialMs * options.factor ** Math.max(0, attempt);
  return Math.min(options.maxMs, Math.round(delay));
}
