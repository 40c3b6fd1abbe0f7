import type { PerformanceSummary } from '../../../main/kernel/contract.ts';

const W = 720;
const H = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

function ticks(max: number): number[] {
  if (max <= 0) return [0];
  const step = 10 ** Math.floor(Math.log10(max));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => max / s <= 5) ?? step * 10;
  return Array.from({ length: Math.floor(max / nice) + 1 }, (_, i) => i * nice);
}

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Latency over time: p50 and p95 lines over call-count bars, in plain SVG. */
export function LatencyChart({ series }: { series: PerformanceSummary['series'] }) {
  const maxMs = Math.max(1, ...series.map((s) => s.p95));
  const maxCount = Math.max(1, ...series.map((s) => s.count));
  const yTicks = ticks(maxMs);
  const top = yTicks.at(-1) || maxMs;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  // Band layout: bucket i is centred in its own slot, so the first and last bars stay inside the plot.
  const slot = plotW / Math.max(1, series.length);
  const x = (i: number) => PAD.left + (i + 0.5) * slot;
  const y = (ms: number) => PAD.top + plotH - (ms / top) * plotH;
  const line = (key: 'p50' | 'p95') =>
    series
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.count > 0)
      .map(({ s, i }, k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(s[key]).toFixed(1)}`)
      .join(' ');
  const barW = Math.max(2, slot - 2);
  const total = series.reduce((n, s) => n + s.count, 0);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Latency over time: ${total} calls; highest p95 ${Math.round(maxMs)} ms`} data-testid="latency-chart">
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="axis">
              {t} ms
            </text>
          </g>
        ))}
        {series.map((s, i) =>
          s.count > 0 ? (
            <rect key={s.t} x={x(i) - barW / 2} width={barW} y={PAD.top + plotH - (s.count / maxCount) * plotH * 0.35} height={(s.count / maxCount) * plotH * 0.35} className="bar">
              <title>{`${time(s.t)}: ${s.count} calls, p50 ${s.p50} ms, p95 ${s.p95} ms${s.errors ? `, ${s.errors} errors` : ''}`}</title>
            </rect>
          ) : null,
        )}
        <path d={line('p95')} className="line-p95" fill="none" />
        <path d={line('p50')} className="line-p50" fill="none" />
        {series.map((s, i) =>
          s.count > 0 ? (
            <g key={`pt-${s.t}`}>
              <circle cx={x(i)} cy={y(s.p95)} r={3.5} className="point-p95" />
              <circle cx={x(i)} cy={y(s.p50)} r={3.5} className="point-p50" />
            </g>
          ) : null,
        )}
        {series.length > 0 && (
          <>
            <text x={PAD.left} y={H - 8} className="axis">
              {time(series[0]!.t)}
            </text>
            <text x={W - PAD.right} y={H - 8} textAnchor="end" className="axis">
              {time(series.at(-1)!.t)}
            </text>
          </>
        )}
      </svg>
      <figcaption className="legend">
        <span className="key key-p50" /> p50 <span className="key key-p95" /> p95 <span className="key key-bar" /> calls per interval
      </figcaption>
    </figure>
  );
}
