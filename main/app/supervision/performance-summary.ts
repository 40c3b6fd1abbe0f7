import type { DataPaths } from '../../kernel/config/paths.ts';
import { percentile, readCallRecords, summarizeMetrics } from '../../bridge/metrics-summary.ts';
import type { CallRecord } from '../../bridge/metrics.ts';
import type { MetricCall, PerformanceSummary } from '../../kernel/contract.ts';

export interface SummaryOptions {
  /** Only calls newer than this many minutes. */
  windowMinutes: number;
  slowThresholdMs: number;
  now?: number;
  /** Points on the latency chart. */
  buckets?: number;
}

/** A bridge call record in the contract's shape. */
export function toMetricCall(record: CallRecord & { sql?: string }): MetricCall {
  return {
    ts: record.ts,
    tool: record.tool,
    identity: record.identity,
    durationMs: record.durationMs,
    status: record.status,
    errorCode: record.errorCode ?? null,
    rows: record.rows ?? null,
    cacheHit: record.cacheHit,
    fingerprint: record.fingerprint ?? null,
    pid: record.pid,
    sql: record.sql ?? null,
  };
}

/** Calls per time bucket with their p50/p95: the latency chart. */
export function latencySeries(records: CallRecord[], windowMs: number, now: number, buckets = 30): { series: PerformanceSummary['series']; bucketMs: number } {
  const bucketMs = Math.max(1_000, Math.ceil(windowMs / buckets / 1_000) * 1_000);
  const start = now - buckets * bucketMs;
  const groups: CallRecord[][] = Array.from({ length: buckets }, () => []);
  for (const record of records) {
    const index = Math.floor((Date.parse(record.ts) - start) / bucketMs);
    if (index >= 0 && index < buckets) groups[index]!.push(record);
  }
  const series = groups.map((group, i) => {
    const durations = group.map((c) => c.durationMs).sort((a, b) => a - b);
    return {
      t: new Date(start + i * bucketMs).toISOString(),
      count: group.length,
      errors: group.filter((c) => c.status === 'error').length,
      p50: percentile(durations, 50),
      p95: percentile(durations, 95),
    };
  });
  return { series, bucketMs };
}

/**
 * What the Performance page shows, over every bridge process of this data dir (the app's
 * own and those AI clients launched): per-tool summaries from the bridge's own
 * summarizeMetrics, latency over time, and the slowest calls (with SQL when logged).
 */
export function performanceSummary(paths: DataPaths, options: SummaryOptions): PerformanceSummary {
  const now = options.now ?? Date.now();
  const windowMs = options.windowMinutes * 60_000;
  const since = new Date(now - windowMs);
  const summary = summarizeMetrics(paths, { since, slowQueryMs: options.slowThresholdMs });
  const records = readCallRecords(paths, since);
  const { series, bucketMs } = latencySeries(records, windowMs, now, options.buckets);
  const slowLogged = summary.slowest.filter((c) => Date.parse(c.ts) >= since.getTime());
  const slowest = (slowLogged.length > 0 ? slowLogged : [...records].sort((a, b) => b.durationMs - a.durationMs).slice(0, 10)).map(toMetricCall);
  return {
    tools: summary.tools.map((t) => ({
      tool: t.tool,
      count: t.count,
      errors: t.errors,
      p50: t.p50,
      p95: t.p95,
      p99: t.p99,
      maxMs: t.max,
      slowCalls: t.slow,
      cacheHitRatio: t.count > 0 ? t.cacheHitRatio : null,
      lastAt: records.filter((r) => r.tool === t.tool).at(-1)?.ts ?? null,
    })),
    series,
    bucketMs,
    slowest,
    slowThresholdMs: options.slowThresholdMs,
    totalCalls: summary.total,
    processes: summary.processes.length,
    windowMinutes: options.windowMinutes,
  };
}
