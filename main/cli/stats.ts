import { dataPaths } from '../kernel/config/paths.ts';
import { summarizeMetrics } from '../bridge/metrics-summary.ts';
import { loadBridgeSettings } from '../kernel/config/bridge-settings.ts';
import { parseFlags } from './args.ts';
import { printJson } from './output.ts';

/** `zava-mcp stats [--json] [--since ISO]`: per-tool performance over every bridge process of this data dir. */
export async function statsCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { json: { type: 'boolean', default: false }, since: { type: 'string' } });
  const paths = dataPaths();
  const since = values.since ? new Date(values.since) : undefined;
  const summary = summarizeMetrics(paths, { ...(since && !Number.isNaN(since.getTime()) ? { since } : {}), slowQueryMs: loadBridgeSettings(paths).slowQueryMs });
  if (values.json) {
    printJson(summary);
    return 0;
  }
  process.stdout.write(`${summary.total} calls from ${summary.processes.length} bridge process(es)\n`);
  process.stdout.write('tool                          count errors   p50ms   p95ms   p99ms   maxms  slow  cache\n');
  for (const t of summary.tools) {
    process.stdout.write(
      `${t.tool.padEnd(28)} ${String(t.count).padStart(6)} ${String(t.errors).padStart(6)} ${t.p50.toFixed(1).padStart(7)} ${t.p95.toFixed(1).padStart(7)} ${t.p99.toFixed(1).padStart(7)} ${t.max.toFixed(1).padStart(7)} ${String(t.slow).padStart(5)} ${(t.cacheHitRatio * 100).toFixed(0).padStart(5)}%\n`,
    );
  }
  return 0;
}
