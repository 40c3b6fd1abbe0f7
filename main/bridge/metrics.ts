import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

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

/** Replaces literals so the same query shape with other values shares one fingerprint. */
export function fingerprint(sql: string): string {
  const shape = sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return crypto.createHash('sha1').update(shape).digest('hex').slice(0, 12);
}

/**
 * Appends call records as JSON lines to `metrics/calls-<pid>.jsonl`, one file per bridge
 * process, so the app can summarise every bridge (its own and those AI clients launched).
 */
export class MetricsRecorder {
  private readonly file: string;
  private readonly slowFile: string;

  constructor(
    metricsDir: string,
    logsDir: string,
    private readonly slowQueryMs: number,
  ) {
    fs.mkdirSync(metricsDir, { recursive: true });
    fs.mkdirSync(logsDir, { recursive: true });
    this.file = path.join(metricsDir, `calls-${process.pid}.jsonl`);
    this.slowFile = path.join(logsDir, 'slow-queries.jsonl');
  }

  record(call: Omit<CallRecord, 'ts' | 'pid'>, sql?: string): void {
    const record: CallRecord = { ts: new Date().toISOString(), pid: process.pid, ...call };
    try {
      rotateIfLarge(this.file);
      fs.appendFileSync(this.file, JSON.stringify(record) + '\n');
      if (call.durationMs >= this.slowQueryMs && !call.cacheHit) {
        rotateIfLarge(this.slowFile);
        fs.appendFileSync(this.slowFile, JSON.stringify({ ...record, sql: sql?.slice(0, 4_000) }) + '\n');
      }
    } catch {
      // Metrics must never break a tool call (disk full, dir removed by a reset).
    }
  }
}

function rotateIfLarge(file: string): void {
  try {
    if (fs.statSync(file).size > MAX_FILE_BYTES) fs.renameSync(file, `${file}.1`);
  } catch {
    // Not there yet.
  }
}
