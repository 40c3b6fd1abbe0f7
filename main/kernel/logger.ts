import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Structured JSON logs to stderr and a file: the bridge's stdout belongs to JSON-RPC alone. */
export class Logger {
  private readonly file: string | undefined;

  constructor(
    private readonly base: Record<string, unknown>,
    logsDir: string | undefined,
    private readonly level: LogLevel = 'info',
    fileName = 'bridge.log',
  ) {
    if (logsDir) {
      fs.mkdirSync(logsDir, { recursive: true });
      this.file = path.join(logsDir, fileName);
    }
  }

  child(fields: Record<string, unknown>): Logger {
    const child = Object.create(this) as Logger;
    (child as unknown as { base: Record<string, unknown> }).base = { ...this.base, ...fields };
    return child;
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const line = JSON.stringify({ ts: new Date().toISOString(), level, msg, ...this.base, ...fields }) + '\n';
    process.stderr.write(line);
    if (this.file) {
      try {
        fs.appendFileSync(this.file, line);
      } catch {
        // Logging must not take the bridge down.
      }
    }
  }
}
