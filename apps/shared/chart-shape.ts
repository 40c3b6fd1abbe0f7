/**
 * Chooses how to draw a tabular result from its shape alone, so the MCP App and the dashboard
 * chart the same answer the same way. Pure: no DOM, no chart library.
 *
 * - a date or month column and measures      → lines over time
 * - one label column (unique values) and measures → bars per label
 * - one row of figures                       → KPI cards
 * - products (a name and a price)            → product cards with price and stock
 * - anything else                            → the table alone
 */

/** A result as columns and rows (the bridge's compact `c`/`r` form, unpacked). */
export interface Table {
  columns: string[];
  rows: unknown[][];
}

export type ChartSpec =
  | { kind: 'line'; x: number; series: number[] }
  | { kind: 'bar'; category: number; measures: number[] }
  | { kind: 'kpi'; label: number | null; figures: number[] }
  | { kind: 'products'; name: number; price: number; stock: number | null; similarity: number | null; detail: number | null }
  | { kind: 'table'; reason: string };

/** How many bars or lines a chart may carry before the table reads better. */
export const MAX_BARS = 40;
export const MAX_SERIES = 4;
/** A measure joins the first one on a shared axis only within this factor of its largest value. */
const SCALE_FACTOR = 12;

const DATE_TEXT = /^\d{4}-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d\d(:?\d\d)?)?)?)?$/;
const CALENDAR_NAME = /^(year|month|week|quarter)$/i;
const ID_NAME = /(^|_)id$|^uuid$/i;
const PRICE_NAME = /(^|_)(price|base_price|unit_price|list_price)$/i;
const STOCK_NAME = /stock|quantity_on_hand|inventory/i;
const NAME_NAME = /(^|_)name$/i;

const present = (values: unknown[]) => values.filter((v) => v !== null && v !== undefined);

function column(table: Table, index: number): unknown[] {
  return table.rows.map((row) => row[index]);
}

/** Every present value is a finite number (ids and calendar years do not count as measures). */
export function isMeasure(table: Table, index: number): boolean {
  const name = table.columns[index] ?? '';
  if (ID_NAME.test(name) || CALENDAR_NAME.test(name)) return false;
  const values = present(column(table, index));
  return values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** Dates as the bridge sends them (YYYY-MM, YYYY-MM-DD, ISO timestamps), or a time-named column of such. */
export function isTimeColumn(table: Table, index: number): boolean {
  const values = present(column(table, index));
  if (values.length === 0) return false;
  if (values.every((v) => typeof v === 'string' && DATE_TEXT.test(v))) return true;
  // A `month` or `year` column of small integers (EXTRACT(...)) is an ordered axis too.
  const name = table.columns[index] ?? '';
  return CALENDAR_NAME.test(name) && values.every((v) => Number.isInteger(v));
}

function isLabel(table: Table, index: number): boolean {
  const values = present(column(table, index));
  return values.length === table.rows.length && values.every((v) => typeof v === 'string') && new Set(values).size === values.length;
}

/** Measures on one scale with the first: revenue and last year's revenue share an axis, order counts do not. */
export function sameScale(table: Table, measures: number[]): number[] {
  const peak = (i: number) => Math.max(...present(column(table, i)).map((v) => Math.abs(v as number)), 0);
  const first = measures[0];
  if (first === undefined) return [];
  const top = peak(first);
  return measures.filter((m) => {
    const p = peak(m);
    return top === 0 ? p === 0 : p <= top * SCALE_FACTOR && p >= top / SCALE_FACTOR;
  }).slice(0, MAX_SERIES);
}

function productSpec(table: Table): ChartSpec | undefined {
  const find = (re: RegExp) => table.columns.findIndex((c) => re.test(c));
  const name = table.columns.findIndex((c) => c === 'product_name') >= 0 ? table.columns.indexOf('product_name') : -1;
  const price = find(PRICE_NAME);
  if (name < 0 || price < 0) return undefined;
  const stock = table.columns.findIndex((c, i) => STOCK_NAME.test(c) && isMeasure(table, i));
  const similarity = table.columns.indexOf('similarity_percent');
  const detail = ['category', 'product_type', 'sku'].map((c) => table.columns.indexOf(c)).find((i) => i >= 0) ?? -1;
  return { kind: 'products', name, price, stock: stock >= 0 ? stock : null, similarity: similarity >= 0 ? similarity : null, detail: detail >= 0 ? detail : null };
}

/** The chart for a result, or `table` with the reason none fits. */
export function chooseChart(table: Table): ChartSpec {
  if (table.rows.length === 0) return { kind: 'table', reason: 'no rows' };
  const products = productSpec(table);
  if (products) return products;
  const indexes = table.columns.map((_, i) => i);
  const time = indexes.find((i) => isTimeColumn(table, i));
  const measures = indexes.filter((i) => i !== time && isMeasure(table, i));
  if (measures.length === 0) return { kind: 'table', reason: 'no numeric column to chart' };
  const label = indexes.find((i) => i !== time && !measures.includes(i) && isLabel(table, i));

  if (table.rows.length === 1) return { kind: 'kpi', label: label ?? null, figures: measures };
  if (time !== undefined) {
    const others = indexes.filter((i) => i !== time && !measures.includes(i) && !ID_NAME.test(table.columns[i] ?? ''));
    // A second label column (date × store) would tangle several series into one line.
    const mixed = others.some((i) => present(column(table, i)).some((v) => typeof v === 'string'));
    if (!mixed && new Set(column(table, time)).size === table.rows.length) return { kind: 'line', x: time, series: sameScale(table, measures) };
  }
  if (label !== undefined) {
    if (table.rows.length > MAX_BARS) return { kind: 'table', reason: `more than ${MAX_BARS} labels to compare` };
    return { kind: 'bar', category: label, measures: sameScale(table, measures) };
  }
  return { kind: 'table', reason: 'no date or label column to chart against' };
}

/** Sorts line data by its time axis (SQL may return it in any order). */
export function timeOrder(table: Table, x: number): unknown[][] {
  return [...table.rows].sort((a, b) => String(a[x]).localeCompare(String(b[x]), 'en', { numeric: true }));
}

/** Labels without the words they all begin with ("Zava Retail Seattle", "Zava Retail Tacoma" → "Seattle", "Tacoma"). */
export function withoutCommonPrefix(labels: string[]): { labels: string[]; prefix: string } {
  if (labels.length < 2) return { labels, prefix: '' };
  const words = labels.map((l) => l.split(' '));
  let shared = 0;
  while (words.every((w) => w.length > shared + 1 && w[shared] === words[0]![shared])) shared++;
  if (shared === 0) return { labels, prefix: '' };
  return { labels: words.map((w) => w.slice(shared).join(' ')), prefix: words[0]!.slice(0, shared).join(' ') };
}
