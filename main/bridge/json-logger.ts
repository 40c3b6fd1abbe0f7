import fs from 'node:fs';
import path from 'node:path';

import { LevelFilteredLogger, type LogLevel } from '../kernel/logger.ts';

/** Structured JSON logs to stderr and a file: the bridge's stdout belongs to JSON-RPC alone. */
export class JsonLogger extends LevelFilteredLogger {
  private readonly file: string | undefined;

  constructor(
    private readonly base: Record<string, unknown>,
    logsDir: string | undefined,
    level: LogLevel = 'info',
    fileName = 'bridge.log',
  ) {
    super(level);
    if (logsDir) {
      fs.mkdirSync(logsDir, { recursive: true });
      this.file = path.join(logsDir, fileName);
    }
  }

  protected emit(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
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
