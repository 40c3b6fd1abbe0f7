import fs from 'node:fs';
import path from 'node:path';

import { levelEnabled, type Logger, type LogLevel } from '../kernel/logger.ts';

/** Structured JSON logs to stderr and a file: the bridge's stdout belongs to JSON-RPC alone. */
export class JsonLogger implements Logger {
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
    if (!levelEnabled(level, this.level)) return;
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
