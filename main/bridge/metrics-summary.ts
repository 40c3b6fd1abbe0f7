import fs from 'node:fs';
import path from 'node:path';
import type { DataPaths } from '../kernel/config/paths.ts';
import { callRecordSchema, type CallRecord } from './metrics.ts';

/** Per-tool performance, over the calls of every bridge process of this data dir. */
export interface ToolSummary {
  tool: string;
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  slow: number;
  cacheHitRatio: number;
}

export interface PerformanceSummary {
  tools: ToolSummary[];
  processes: number[];
  total: number;
  slowQueryMs: number;
  slowest: (CallRecord & { sql?: string })[];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function readCallRecords(paths: DataPaths, since?: Date): CallRecord[] {
  let files: string[];
  try {
    files = fs.readdirSync(paths.metrics).filter((f) => /^calls-\d+\.jsonl(\.1)?$/.test(f));
  } catch {
    return [];
  }
  const records: CallRecord[] = [];
  for (const file of files) {
    for (const line of fs.readFileSync(path.join(paths.metrics, file), 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const parsed = callRecordSchema.safeParse(JSON.parse(line));
        if (parsed.success && (!since || new Date(parsed.data.ts) >= since)) records.push(parsed.data);
      } catch {
        // A torn last line from a killed process: skip it.
      }
    }
  }
  return records.sort((a, b) => a.ts.localeCompare(b.ts));
}

export function summarizeRecords(records: CallRecord[], slowQueryMs = 1_000): Omit<PerformanceSummary, 'slowest'> {
  const byTool = new Map<string, CallRecord[]>();
  for (const r of records) byTool.set(r.tool, [...(byTool.get(r.tool) ?? []), r]);
  const tools = [...byTool.entries()]
    .map(([tool, calls]) => {
      const durations = calls.map((c) => c.durationMs).sort((a, b) => a - b);
      const round = (n: number) => Math.round(n * 100) / 100;
      return {
        tool,
        count: calls.length,
        errors: calls.filter((c) => c.status === 'error').length,
        p50: round(percentile(durations, 50)),
        p95: round(percentile(durations, 95)),
        p99: round(percentile(durations, 99)),
        max: round(durations.at(-1) ?? 0),
        slow: calls.filter((c) => c.durationMs >= slowQueryMs && !c.cacheHit).length,
        cacheHitRatio: round(calls.filter((c) => c.cacheHit).length / calls.length),
      };
    })
    .sort((a, b) => a.tool.localeCompare(b.tool));
  return { tools, processes: [...new Set(records.map((r) => r.pid))].sort((a, b) => a - b), total: records.length, slowQueryMs };
}

/** What `zava-mcp stats --json` prints and the Performance page shows. */
export function summarizeMetrics(paths: DataPaths, options: { since?: Date; slowQueryMs?: number } = {}): PerformanceSummary {
  const records = readCallRecords(paths, options.since);
  const slowQueryMs = options.slowQueryMs ?? 1_000;
  return { ...summarizeRecords(records, slowQueryMs), slowest: readSlowest(paths, 10) };
}

function readSlowest(paths: DataPaths, limit: number): (CallRecord & { sql?: string })[] {
  try {
    return fs
      .readFileSync(path.join(paths.logs, 'slow-queries.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as CallRecord & { sql?: string }];
        } catch {
          return [];
        }
      })
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, limit);
  } catch {
    return [];
  }
}
