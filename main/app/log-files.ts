import fs from 'node:fs';
import path from 'node:path';
import type { DataPaths } from '../kernel/config/paths.ts';
import { ZavaError } from '../kernel/errors.ts';

/** One log the Logs page can show. */
export interface LogFile {
  id: string;
  title: string;
  path: string;
  size: number;
  modifiedAt: string | null;
}

/**
 * The logs of one installation: the app's own (`main`), the database server's, each bridge
 * identity's (`bridge-<slug>.log`, written by bridge processes) and the slow-query log.
 * Ids are fixed names, never paths, so a request cannot read outside the data dir.
 */
export function listLogFiles(paths: DataPaths): LogFile[] {
  const files: { id: string; title: string; path: string }[] = [
    { id: 'main', title: 'App (main process)', path: path.join(paths.logs, 'main.log') },
    { id: 'database', title: 'Database (PostgreSQL)', path: paths.postgresLog },
  ];
  let names: string[] = [];
  try {
    names = fs.readdirSync(paths.logs).sort();
  } catch {
    // No logs yet.
  }
  for (const name of names) {
    const bridge = /^bridge-([a-z0-9-]+)\.log$/.exec(name);
    if (bridge) files.push({ id: `bridge-${bridge[1]}`, title: `Bridge as ${bridge[1]}`, path: path.join(paths.logs, name) });
    else if (name === 'bridge.log') files.push({ id: 'bridge', title: 'Bridge', path: path.join(paths.logs, name) });
  }
  if (names.includes('slow-queries.jsonl')) files.push({ id: 'slow-queries', title: 'Slow queries', path: path.join(paths.logs, 'slow-queries.jsonl') });
  return files.map((f) => {
    try {
      const st = fs.statSync(f.path);
      return { ...f, size: st.size, modifiedAt: st.mtime.toISOString() };
    } catch {
      return { ...f, size: 0, modifiedAt: null };
    }
  });
}

export function findLogFile(paths: DataPaths, id: string): LogFile {
  const file = listLogFiles(paths).find((f) => f.id === id);
  if (!file) throw new ZavaError('VALIDATION_ERROR', `There is no log called "${id}".`, { hint: 'Pick one of the logs listed on the Logs page.' });
  return file;
}

/** The last `lines` lines of a file, reading at most the final 1 MiB. */
export function readTail(file: string, lines: number): { lines: string[]; size: number } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], size: 0 };
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 1024 * 1024);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const all = buffer.toString('utf8').split('\n');
    if (all.at(-1) === '') all.pop();
    if (length < size) all.shift(); // probably cut mid-line
    return { lines: all.slice(-lines), size };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Follows log files by polling their size (portable, and cheap at a few files): calls
 * `onLines(id, lines)` with what was appended since the last look. A file that shrank was
 * rotated or truncated and is read from its start.
 */
export class LogFollower {
  private readonly offsets = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly paths: DataPaths,
    private readonly onLines: (id: string, lines: string[]) => void,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    if (this.timer) return;
    for (const f of listLogFiles(this.paths)) this.offsets.set(f.id, f.size);
    this.timer = setInterval(() => this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  poll(): void {
    for (const f of listLogFiles(this.paths)) {
      const offset = this.offsets.get(f.id) ?? 0;
      if (f.size === offset) continue;
      const from = f.size < offset ? 0 : offset;
      const length = Math.min(f.size - from, 256 * 1024);
      try {
        const fd = fs.openSync(f.path, 'r');
        const buffer = Buffer.alloc(length);
        fs.readSync(fd, buffer, 0, length, f.size - length);
        fs.closeSync(fd);
        const text = buffer.toString('utf8');
        const cut = text.lastIndexOf('\n');
        if (cut < 0) continue; // no complete line yet
        this.offsets.set(f.id, f.size - length + cut + 1);
        const lines = text.slice(0, cut).split('\n').filter((l) => l !== '');
        if (lines.length > 0) this.onLines(f.id, lines);
      } catch {
        // Unreadable for now (rotating): try again next time.
      }
    }
  }
}
