import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';

/**
 * What every supervised bridge child shares (stdio and HTTP alike): a generation number that
 * tags each child so callbacks of an old one (after a stop, restart or identity switch) are
 * ignored; restarts after a crash with exponential backoff; and a child that stayed up for
 * `resetAfterMs` counting as healthy again, so its next crash starts from the first delay.
 */
export class ChildSupervision {
  private generation = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  readonly backoff: BackoffOptions;

  constructor(backoff: Partial<BackoffOptions> = {}) {
    this.backoff = { ...DEFAULT_BACKOFF, ...backoff };
  }

  /** Whether `gen` is the child that counts now. */
  isCurrent(gen: number): boolean {
    return gen === this.generation;
  }

  /** Retires the current child (stop, restart): its callbacks no longer count, pending timers go. */
  retire(): void {
    this.generation++;
    this.clearTimers();
  }

  /** The generation for the first child after a stop (the crash count carries on). */
  begin(): number {
    this.clearTimers();
    return ++this.generation;
  }

  /** A new child on purpose (restart, identity switch): a fresh crash count and a new generation for it. */
  fresh(): number {
    this.retire();
    this.attempt = 0;
    return ++this.generation;
  }

  /** The child of `gen` is up: once it has stayed up for `resetAfterMs`, crashes count from zero again. */
  ready(gen: number): void {
    clearTimeout(this.stableTimer);
    this.stableTimer = setTimeout(() => {
      if (this.isCurrent(gen)) this.attempt = 0;
    }, this.backoff.resetAfterMs);
    this.stableTimer.unref();
  }

  /**
   * The child of `gen` failed. Returns undefined when it is an old one (already handled);
   * otherwise retires it, schedules `respawn` with the next generation after the backoff
   * delay, and returns that delay.
   */
  failed(gen: number, respawn: (next: number) => void): number | undefined {
    if (!this.isCurrent(gen)) return undefined;
    this.retire();
    const delay = backoffDelay(this.attempt++, this.backoff);
    const next = this.generation;
    this.retryTimer = setTimeout(() => {
      if (this.isCurrent(next)) respawn(next);
    }, delay);
    return delay;
  }

  clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.stableTimer);
  }
}
