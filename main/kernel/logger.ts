/** Levels in increasing severity; ZAVA_LOG_LEVEL and the bridge's --log-level name one. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** True when a message at `level` passes a logger set to `threshold`. */
export function levelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold);
}

/**
 * The one logging surface every layer writes to: the bridge's JSON logger
 * (bridge/json-logger.ts), the app's file logger (app/file-logger.ts) and the Electron shell's
 * electron-log adapter implement it. `fields` are structured context; a text logger appends them.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The level filter and the four level methods every logger shares; a subclass only says how
 * one line is written (`emit`), so the JSON and text loggers differ in format, not in plumbing.
 */
export abstract class LevelFilteredLogger implements Logger {
  constructor(protected readonly threshold: LogLevel) {}

  debug(message: string, fields?: Record<string, unknown>): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.log('error', message, fields);
  }

  private log(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (levelEnabled(level, this.threshold)) this.emit(level, message, fields);
  }

  /** Writes one message that passed the level filter. */
  protected abstract emit(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** `log` with `fields` added to every message (a tool call's correlation id, say). */
export function withFields(log: Logger, fields: Record<string, unknown>): Logger {
  const merge = (extra?: Record<string, unknown>) => ({ ...fields, ...extra });
  return {
    debug: (message, extra) => log.debug(message, merge(extra)),
    info: (message, extra) => log.info(message, merge(extra)),
    warn: (message, extra) => log.warn(message, merge(extra)),
    error: (message, extra) => log.error(message, merge(extra)),
  };
}
