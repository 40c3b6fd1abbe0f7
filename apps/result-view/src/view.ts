import { chooseChart } from '../../shared/chart-shape.ts';
import { csvName, toCsv } from '../../shared/csv.ts';
import { drawResult } from '../../shared/draw-chart.ts';
import { formatters } from '../../shared/format.ts';
import { viewModelOf } from '../../shared/tool-result.ts';
import { sortableTable } from './table.ts';

/** What the view needs of a tool result (the MCP CallToolResult, narrowed). */
export interface ResultInput {
  toolName?: string;
  structuredContent?: unknown;
  isError?: boolean;
  text?: string;
}

let undraw: () => void = () => undefined;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

/** Draws one tool result into `root`: caption, CSV button, chart, notes, sortable table; or the error. */
export function renderResult(root: HTMLElement, input: ResultInput, download: (csv: string, name: string) => void): void {
  undraw();
  undraw = () => undefined;
  const fmt = formatters(navigator.language);
  if (input.isError) {
    const error = (input.structuredContent as { error?: { code?: string; message?: string; hint?: string } } | undefined)?.error;
    root.replaceChildren(
      element('div', { className: 'error', role: 'alert' }, element('strong', {}, error?.code ?? 'Error'), ' ', error?.message ?? input.text ?? 'The tool failed.', ...(error?.hint ? [element('p', {}, error.hint)] : [])),
    );
    root.dataset.state = 'error';
    return;
  }
  const model = viewModelOf(input.structuredContent);
  if (!model) {
    root.replaceChildren(element('pre', { className: 'json' }, input.text ?? JSON.stringify(input.structuredContent, null, 2)));
    root.dataset.state = 'text';
    return;
  }
  const spec = chooseChart(model.table);
  const csvButton = element('button', { type: 'button', className: 'button', textContent: 'Download CSV' });
  csvButton.dataset.testid = 'download-csv';
  csvButton.addEventListener('click', () => download(toCsv(model.table.columns, model.table.rows), csvName(input.toolName ?? 'zava-result')));
  const chart = element('div', { className: 'chart' });
  chart.dataset.testid = 'chart';
  root.replaceChildren(
    element('header', { className: 'head' }, element('span', { className: 'muted' }, model.caption + (model.truncated ? ' · truncated' : '')), csvButton),
    ...(model.notes.length ? [element('ul', { className: 'notes' }, ...model.notes.map((n) => element('li', {}, n)))] : []),
    chart,
    sortableTable(model.table, fmt),
  );
  if (spec.kind === 'table') chart.remove();
  else undraw = drawResult(chart, model.table, spec, fmt);
  root.dataset.state = 'ready';
  root.dataset.chart = spec.kind;
}
