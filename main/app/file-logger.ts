import fs from 'node:fs';
import path from 'node:path';
import { LevelFilteredLogger, type LogLevel } from '../kernel/logger.ts';

export interface FileLoggerOptions {
  level?: LogLevel;
  /** Rotate to `<name>.1.log` past this size. */
  maxBytes?: number;
  /** Also echo to stderr (the web command does, the desktop app does not). */
  echo?: boolean;
}

/**
 * Appends `[ISO time] LEVEL message` lines to `<dir>/<name>.log`, synchronously so a crash
 * never loses the last line, rotating once past `maxBytes`.
 */
export class FileLogger extends LevelFilteredLogger {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly echo: boolean;
  private written = 0;

  constructor(dir: string, name: string, options: FileLoggerOptions = {}) {
    super(options.level ?? 'info');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, `${name}.log`);
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.echo = options.echo ?? false;
    try {
      this.written = fs.statSync(this.file).size;
    } catch {
      this.written = 0;
    }
  }

  /** Appends raw text lines (e.g. a child's stderr) without a level. */
  raw(text: string): void {
    this.append(text.endsWith('\n') ? text : `${text}\n`);
  }

  protected emit(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    const line = `[${new Date().toISOString()}] ${level.toUpperCase().padEnd(5)} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`;
    if (this.echo) process.stderr.write(line);
    this.append(line);
  }

  private append(text: string): void {
    try {
      if (this.written + text.length > this.maxBytes) {
        fs.renameSync(this.file, this.file.replace(/\.log$/, '.1.log'));
        this.written = 0;
      }
      fs.appendFileSync(this.file, text, { mode: 0o600 });
      this.written += Buffer.byteLength(text);
    } catch {
      // Logging must never take the app down (full disk, removed data dir).
    }
  }
}
