import type { Distribution } from './stats.ts';
import { peersMarkdown } from './peers.ts';

const fmt = (n: number | undefined, digits = 1) => (n === undefined ? '–' : n.toFixed(digits));
/** "median (min–max)" — every figure with its spread. */
export const spread = (d: Distribution | undefined, digits = 1) => (d ? `${fmt(d.median, digits)} (${fmt(d.min, digits)}–${fmt(d.max, digits)})` : '–');

export function table(headers: string[], rows: (string | number)[][]): string {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Turns the JSON report into readable Markdown, group by group. */
export function markdownReport(report: Record<string, any>): string {
  const out: string[] = [`# Zava MCP Desktop benchmark — ${report.date}`, '', `Command: \`${report.command}\``, ''];
  const m = report.machine;
  out.push(table(['cpu', 'cores', 'memory', 'node', 'postgres', 'pgvector'], [[m.cpu, m.cores, `${m.memoryGiB} GiB`, m.node, m.postgres ?? '–', m.pgvector ?? '–']]), '');
  out.push('Figures are medians over repeated runs with (min–max); baselines are measured in the same run.', '');
  for (const [scale, s] of Object.entries<any>(report.startup ?? {})) {
    out.push(`## Start-up (${scale} scale)`, '');
    out.push(table(['phase', 'ms'], Object.entries<Distribution>(s.cold).map(([k, d]) => [k, spread(d, 0)])), '');
    out.push(`Warm start to ready: ${spread(s.warmStart, 0)} ms. Database idle PSS: ${fmt(s.databaseIdlePssMiB)} MiB.`, '');
    out.push(table(['table', 'rows'], Object.entries<number>(s.rows).map(([k, v]) => [k, v.toLocaleString('en-US')])), '');
  }
  if (report.tools) {
    const t = report.tools;
    out.push('## Tools: bridge vs direct pg (same role, same SQL)', '');
    const cp = t.cachedPlan;
    out.push(
      table(['cached-plan query', 'ms'], [
        ['direct pg, prepared', spread(cp.directPrepared, 2)],
        ['direct pg, unnamed', spread(cp.directUnnamed, 2)],
        ['bridge execute_sales_query', spread(cp.bridge, 2)],
        ['bridge, cache hit', spread(cp.bridgeCacheHit, 2)],
        ['bridge overhead (median)', fmt(cp.overheadMedianMs, 2)],
      ]),
      '',
    );
    out.push(
      table(
        ['question', 'direct ms', 'bridge ms', 'bridge p95', 'cached ms', 'bridge/direct'],
        t.questions.map((q: any) => [q.title, spread(q.direct), spread(q.bridge), fmt(q.bridge.p95), fmt(q.bridgeCached.median, 2), fmt(q.bridge.median / q.direct.median, 2)]),
      ),
      '',
      `Bridge start to first tools/list: ${spread(t.bridgeStartToToolsListMs, 0)} ms.`,
      '',
    );
    if (t.concurrency?.length) {
      out.push('## Concurrency', '');
      out.push(table(['clients', 'calls', 'calls/s', 'median ms', 'p95 ms', 'errors'], t.concurrency.map((c: any) => [c.clients, c.calls, c.callsPerSecond, fmt(c.latency.median), fmt(c.latency.p95), c.errors])), '');
    }
  }
  if (report.peers) {
    out.push('## Peers: other PostgreSQL MCP servers, side by side', '', peersMarkdown(report.peers, table), '');
  }
  if (report.search) {
    out.push('## Search', '', '```', report.search.text, '```', '');
  }
  if (report.scaling) {
    out.push('## Scale (head office, direct pg)', '');
    const points = report.scaling.points;
    out.push(
      table(
        ['question', ...points.map((p: any) => `${p.scale} (${p.orders.toLocaleString('en-US')} orders) ms`), 'growth per 10x'],
        Object.keys(report.scaling.growthPer10x).map((id) => [id, ...points.map((p: any) => spread(p.questions[id])), fmt(report.scaling.growthPer10x[id], 2)]),
      ),
      '',
      `Geometric mean growth per 10x data: ${fmt(report.scaling.geometricMeanGrowthPer10x, 2)}x.`,
      '',
    );
  }
  if (report.memory) {
    out.push('## Memory (PSS, MiB)', '', table(['process', 'MiB'], Object.entries<number>(report.memory).map(([k, v]) => [k, fmt(v)])), '');
  }
  return out.join('\n');
}
