import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { PerformanceSummary } from '../../../main/kernel/contract.ts';
import { chartColours, cssColour, niceRange, plot } from '../../../apps/shared/draw-chart.ts';
import { useColourSchemeVersion } from './use-colour-scheme.ts';

const msFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const ms = (v: number) => (v >= 1000 ? `${msFormat.format(v / 1000)} s` : `${msFormat.format(v)} ms`);

function options(host: HTMLElement, maxMs: number, maxCount: number): Omit<uPlot.Options, 'width'> {
  const c = chartColours(host);
  const bar = cssColour(host, '--chart-bar', '#b6c5d8');
  const axis = (extra: uPlot.Axis): uPlot.Axis => ({ stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid, width: 1 }, font: '11px system-ui, sans-serif', ...extra });
  return {
    height: 240,
    legend: { live: false },
    scales: {
      x: { time: true },
      // The top is the next round value above the highest p95, never below it (the old axis floored it).
      ms: { range: () => niceRange(0, maxMs) },
      count: { range: () => [0, Math.max(1, maxCount) * 2.5] },
    },
    axes: [axis({}), axis({ scale: 'ms', size: 64, values: (_u, ticks) => ticks.map(ms) }), axis({ scale: 'count', side: 1, grid: { show: false }, size: 40, values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) })],
    series: [
      {},
      { label: 'calls per interval', scale: 'count', fill: bar, stroke: bar, width: 0, paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false } },
      { label: 'p50', scale: 'ms', stroke: cssColour(host, '--chart-p50', '#1f6feb'), width: 2, points: { size: 6 } },
      { label: 'p95', scale: 'ms', stroke: cssColour(host, '--chart-p95', '#d1242f'), width: 2, dash: [6, 4], points: { size: 6 } },
    ],
  };
}

/** Latency over time: p50 and p95 lines over call-count bars (uPlot, shared with the MCP App). */
export function LatencyChart({ series }: { series: PerformanceSummary['series'] }) {
  const host = useRef<HTMLDivElement>(null);
  const scheme = useColourSchemeVersion();
  const maxMs = Math.max(1, ...series.map((s) => s.p95));
  const total = series.reduce((n, s) => n + s.count, 0);
  useEffect(() => {
    if (!host.current) return undefined;
    const maxCount = Math.max(1, ...series.map((s) => s.count));
    const gap = (s: PerformanceSummary['series'][number], v: number) => (s.count > 0 ? v : null);
    const data: uPlot.AlignedData = [
      series.map((s) => Date.parse(s.t) / 1000),
      series.map((s) => (s.count > 0 ? s.count : null)),
      series.map((s) => gap(s, s.p50)),
      series.map((s) => gap(s, s.p95)),
    ];
    return plot(host.current, options(host.current, maxMs, maxCount), data);
  }, [series, maxMs, scheme]);
  return (
    <figure className="chart latency-chart">
      <div ref={host} role="img" aria-label={`Latency over time: ${total} calls; highest p95 ${ms(maxMs)}`} data-testid="latency-chart" />
    </figure>
  );
}
