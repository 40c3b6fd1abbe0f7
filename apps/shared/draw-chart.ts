import uPlot from 'uplot';
import { timeOrder, withoutCommonPrefix, type ChartSpec, type Table } from './chart-shape.ts';
import { formatters, heading, kindOf, timeOf, type Formatters } from './format.ts';

/**
 * Draws a result (chosen by chart-shape) into an element with uPlot for lines and bars and
 * plain DOM for KPI and product cards; shared by the MCP App and the dashboard. Colours come
 * from CSS custom properties on the element, so the host's light or dark theme applies.
 * Returns a function that removes what it drew.
 */
export function drawResult(host: HTMLElement, table: Table, spec: ChartSpec, fmt: Formatters = formatters()): () => void {
  host.replaceChildren();
  host.dataset.chart = spec.kind;
  switch (spec.kind) {
    case 'line':
      return plot(host, lineOptions(host, table, spec, fmt), lineData(table, spec));
    case 'bar':
      return plot(host, barOptions(host, table, spec, fmt), barData(table, spec));
    case 'kpi':
      host.append(kpiCards(table, spec, fmt));
      return () => host.replaceChildren();
    case 'products':
      host.append(productCards(table, spec, fmt));
      return () => host.replaceChildren();
    default:
      return () => undefined;
  }
}

/** A CSS colour (custom property, `light-dark()`…) as the browser resolves it here: a canvas paints only plain colours. */
export function cssColour(el: HTMLElement, name: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  probe.style.color = `var(${name}, ${fallback})`;
  el.append(probe);
  const colour = getComputedStyle(probe).color || fallback;
  probe.remove();
  return colour;
}

/** The theme colours the chart uses, from `--chart-1`… on the element or the page. */
export function chartColours(el: HTMLElement) {
  return {
    series: [cssColour(el, '--chart-1', '#2563eb'), cssColour(el, '--chart-2', '#d97706'), cssColour(el, '--chart-3', '#059669'), cssColour(el, '--chart-4', '#9333ea')],
    grid: cssColour(el, '--chart-grid', 'rgba(128,128,128,0.25)'),
    text: cssColour(el, '--chart-text', '#666'),
    fill: cssColour(el, '--chart-fill', 'rgba(37,99,235,0.12)'),
  };
}

/** Mounts uPlot sized to its host, following the host's width. */
export function plot(host: HTMLElement, options: Omit<uPlot.Options, 'width'>, data: uPlot.AlignedData): () => void {
  const width = () => Math.max(240, host.clientWidth || 600);
  // A static legend: names and colours (a live one shows "–" until hovered, which reads as missing data).
  const chart = new uPlot({ legend: { live: false }, ...options, width: width() }, data, host);
  const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: options.height }));
  resize.observe(host);
  return () => {
    resize.disconnect();
    chart.destroy();
  };
}

function axis(colours: ReturnType<typeof chartColours>, extra: uPlot.Axis = {}): uPlot.Axis {
  return { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 }, font: '12px system-ui, sans-serif', ...extra };
}

function lineData(table: Table, spec: Extract<ChartSpec, { kind: 'line' }>): uPlot.AlignedData {
  const rows = timeOrder(table, spec.x);
  const numericX = rows.every((r) => typeof r[spec.x] === 'number');
  const xs = rows.map((r) => (numericX ? (r[spec.x] as number) : timeOf(r[spec.x]) / 1000));
  return [xs, ...spec.series.map((s) => rows.map((r) => (typeof r[s] === 'number' ? (r[s] as number) : null)))];
}

function lineOptions(host: HTMLElement, table: Table, spec: Extract<ChartSpec, { kind: 'line' }>, fmt: Formatters): Omit<uPlot.Options, 'width'> {
  const colours = chartColours(host);
  const xValues = table.rows.map((r) => r[spec.x]);
  const xKind = kindOf(table.columns[spec.x]!, xValues);
  const yKind = kindOf(table.columns[spec.series[0]!]!, table.rows.map((r) => r[spec.series[0]!]));
  const isTime = xKind === 'month' || xKind === 'date' || xKind === 'timestamp';
  const xLabel = (v: number) => (isTime ? fmt.value(xKind, xKind === 'month' ? new Date(v * 1000).toISOString().slice(0, 7) : new Date(v * 1000).toISOString().slice(0, xKind === 'date' ? 10 : 24)) : String(v));
  return {
    height: 280,
    scales: { x: { time: isTime }, y: { range: (_u, min, max) => niceRange(min, max) } },
    axes: [
      axis(colours, isTime ? {} : { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) }),
      axis(colours, { size: 64, values: (_u, ticks) => ticks.map((t) => fmt.tick(yKind, t)) }),
    ],
    series: [
      { label: heading(table.columns[spec.x]!), value: (_u, v) => (v == null ? '–' : xLabel(v)) },
      ...spec.series.map((s, i) => {
        const kind = kindOf(table.columns[s]!, table.rows.map((r) => r[s]));
        return {
          label: heading(table.columns[s]!),
          stroke: colours.series[i % colours.series.length],
          width: 2,
          fill: i === 0 && spec.series.length === 1 ? colours.fill : undefined,
          points: { show: table.rows.length <= 60, size: 5 },
          value: (_u: uPlot, v: number | null) => (v == null ? '–' : fmt.value(kind, v)),
        } satisfies uPlot.Series;
      }),
    ],
  };
}

function barData(table: Table, spec: Extract<ChartSpec, { kind: 'bar' }>): uPlot.AlignedData {
  return [table.rows.map((_, i) => i), ...spec.measures.slice(0, 2).map((m) => table.rows.map((r) => (typeof r[m] === 'number' ? (r[m] as number) : null)))];
}

function barOptions(host: HTMLElement, table: Table, spec: Extract<ChartSpec, { kind: 'bar' }>, fmt: Formatters): Omit<uPlot.Options, 'width'> {
  const colours = chartColours(host);
  const full = table.rows.map((r) => String(r[spec.category] ?? '∅'));
  const labels = withoutCommonPrefix(full).labels;
  const measures = spec.measures.slice(0, 2);
  const yKind = kindOf(table.columns[measures[0]!]!, table.rows.map((r) => r[measures[0]!]));
  const short = (s: string) => (s.length > 16 ? `${s.slice(0, 15)}…` : s);
  // Slanted only when the labels would not fit side by side (about 7 px a character).
  const rotate = labels.reduce((n, l) => n + Math.min(l.length, 16) * 7 + 16, 0) > Math.max(240, host.clientWidth || 600) - 80;
  return {
    height: rotate ? 320 : 280,
    scales: { x: { time: false, range: () => [-0.5, labels.length - 0.5] }, y: { range: (_u, _min, max) => niceRange(Math.min(0, _min), max) } },
    axes: [
      axis(colours, {
        grid: { show: false },
        splits: () => labels.map((_, i) => i),
        values: (_u, ticks) => ticks.map((t) => short(labels[t] ?? '')),
        ...(rotate ? { rotate: -35, size: 90 } : {}),
      }),
      axis(colours, { size: 64, values: (_u, ticks) => ticks.map((t) => fmt.tick(yKind, t)) }),
    ],
    series: [
      { label: heading(table.columns[spec.category]!), value: (_u, v) => (v == null ? '–' : (full[v] ?? '')) },
      ...measures.map((m, i) => {
        const kind = kindOf(table.columns[m]!, table.rows.map((r) => r[m]));
        const align = measures.length === 1 ? 0 : i === 0 ? -1 : 1;
        return {
          label: heading(table.columns[m]!),
          stroke: colours.series[i],
          fill: colours.series[i],
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars!({ size: [measures.length === 1 ? 0.6 : 0.36, 64], align }),
          value: (_u: uPlot, v: number | null) => (v == null ? '–' : fmt.value(kind, v)),
        } satisfies uPlot.Series;
      }),
    ],
  };
}

/** A y range that starts at zero for positive data and ends on a round number above the top value. */
export function niceRange(min: number | null, max: number | null): [number, number] {
  const hi = Math.max(max ?? 0, 0);
  const lo = Math.min(min ?? 0, 0);
  if (hi === lo) return [lo, lo + 1];
  const step = 10 ** Math.floor(Math.log10(hi - lo));
  const round = (v: number, f: (x: number) => number) => f(v / (step / 2)) * (step / 2);
  return [lo === 0 ? 0 : round(lo, Math.floor), round(hi * 1.05, Math.ceil)];
}

function kpiCards(table: Table, spec: Extract<ChartSpec, { kind: 'kpi' }>, fmt: Formatters): HTMLElement {
  const row = table.rows[0]!;
  const list = document.createElement('div');
  list.className = 'kpi-cards';
  if (spec.label !== null) {
    const title = document.createElement('p');
    title.className = 'kpi-title';
    title.textContent = String(row[spec.label]);
    list.append(title);
  }
  for (const i of spec.figures) {
    const card = document.createElement('div');
    card.className = 'kpi';
    const value = document.createElement('strong');
    value.textContent = fmt.value(kindOf(table.columns[i]!, [row[i]]), row[i]);
    const label = document.createElement('span');
    label.textContent = heading(table.columns[i]!);
    card.append(value, label);
    list.append(card);
  }
  return list;
}

function productCards(table: Table, spec: Extract<ChartSpec, { kind: 'products' }>, fmt: Formatters): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'product-cards';
  for (const row of table.rows.slice(0, 24)) {
    const card = document.createElement('li');
    card.className = 'product';
    const name = document.createElement('strong');
    name.textContent = String(row[spec.name] ?? '');
    const price = document.createElement('span');
    price.className = 'price';
    price.textContent = fmt.value('money', row[spec.price]);
    card.append(name, price);
    if (spec.detail !== null) {
      const detail = document.createElement('span');
      detail.className = 'detail';
      detail.textContent = String(row[spec.detail] ?? '');
      card.append(detail);
    }
    const facts = document.createElement('span');
    facts.className = 'facts';
    const stock = spec.stock !== null ? row[spec.stock] : undefined;
    facts.textContent = [
      typeof stock === 'number' ? (stock > 0 ? `${fmt.value('integer', stock)} in stock` : 'out of stock') : undefined,
      spec.similarity !== null && typeof row[spec.similarity] === 'number' ? `${fmt.value('number', row[spec.similarity])} % match` : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    if (typeof stock === 'number' && stock <= 0) card.classList.add('out');
    card.append(facts);
    list.append(card);
  }
  return list;
}
