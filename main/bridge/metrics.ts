import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StringMemo } from '../kernel/memo.ts';

/** One tool call as recorded by a bridge process. */
export const callRecordSchema = z.object({
  ts: z.string(),
  tool: z.string(),
  identity: z.string(),
  durationMs: z.number(),
  rows: z.number().optional(),
  bytes: z.number().optional(),
  status: z.enum(['ok', 'error']),
  errorCode: z.string().optional(),
  cacheHit: z.boolean(),
  fingerprint: z.string().optional(),
  correlationId: z.string(),
  pid: z.number(),
});

export type CallRecord = z.infer<typeof callRecordSchema>;

const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Records of one burst of calls are written together, this long after the first of them. */
const FLUSH_DELAY_MS = 50;

const recentFingerprints = new StringMemo<string>();

/** Replaces literals so the same query shape with other values shares one fingerprint. */
export function fingerprint(sql: string): string {
  return recentFingerprints.get(sql, (text) => {
    const shape = text
      .replace(/'(?:[^']|'')*'/g, '?')
      .replace(/\b\d+(?:\.\d+)?\b/g, '?')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
    return crypto.createHash('sha1').update(shape).digest('hex').slice(0, 12);
  });
}

/** Every recorder of this process, flushed synchronously when it exits (process.exit included). */
const live = new Set<MetricsRecorder>();
process.once('exit', () => {
  for (const recorder of live) recorder.flush();
});

/**
 * Appends call records as JSON lines to `metrics/calls-<pid>.jsonl`, one file per bridge
 * process, so the app can summarise every bridge (its own and those AI clients launched).
 * Lines are buffered and written in one append per burst (at most FLUSH_DELAY_MS later, and
 * when the process exits), not one synchronous write and stat per call on the call's path.
 */
export class MetricsRecorder {
  private readonly file: string;
  private readonly slowFile: string;
  private calls: string[] = [];
  private slow: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Size of our own calls file as we have written it (no other process writes it). */
  private fileBytes: number | undefined;

  constructor(
    metricsDir: string,
    logsDir: string,
    private readonly slowQueryMs: number,
  ) {
    fs.mkdirSync(metricsDir, { recursive: true });
    fs.mkdirSync(logsDir, { recursive: true });
    this.file = path.join(metricsDir, `calls-${process.pid}.jsonl`);
    this.slowFile = path.join(logsDir, 'slow-queries.jsonl');
    live.add(this);
  }

  record(call: Omit<CallRecord, 'ts' | 'pid'>, sql?: string): void {
    const record: CallRecord = { ts: new Date().toISOString(), pid: process.pid, ...call };
    this.calls.push(JSON.stringify(record));
    if (call.durationMs >= this.slowQueryMs && !call.cacheHit) this.slow.push(JSON.stringify({ ...record, sql: sql?.slice(0, 4_000) }));
    this.timer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS).unref();
  }

  /** Writes the buffered records now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const calls = this.calls;
    const slow = this.slow;
    this.calls = [];
    this.slow = [];
    try {
      if (calls.length > 0) {
        const text = calls.join('\n') + '\n';
        this.fileBytes ??= sizeOf(this.file);
        if (this.fileBytes > MAX_FILE_BYTES) {
          fs.renameSync(this.file, `${this.file}.1`);
          this.fileBytes = 0;
        }
        fs.appendFileSync(this.file, text);
        this.fileBytes += Buffer.byteLength(text);
      }
      if (slow.length > 0) {
        // Shared by every bridge of the data dir: its size is looked up, not tracked.
        if (sizeOf(this.slowFile) > MAX_FILE_BYTES) fs.renameSync(this.slowFile, `${this.slowFile}.1`);
        fs.appendFileSync(this.slowFile, slow.join('\n') + '\n');
      }
    } catch {
      // Metrics must never break a tool call (disk full, dir removed by a reset).
      this.fileBytes = undefined;
    }
  }

  /** Flushes and stops: a closed recorder is no longer flushed at exit. */
  close(): void {
    this.flush();
    live.delete(this);
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // Not there yet.
  }
}
