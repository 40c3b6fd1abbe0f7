import { formatters, heading, kindOf, type ValueKind } from '../../shared/format.ts';
import { sortRows } from '../../shared/sort.ts';
import type { Table } from '../../shared/chart-shape.ts';

const MAX_ROWS = 500;

/** A table whose headers sort it (click or Enter; again to reverse), cells formatted with Intl. */
export function sortableTable(table: Table, fmt = formatters()): HTMLElement {
  const kinds: ValueKind[] = table.columns.map((c, i) => kindOf(c, table.rows.map((r) => r[i])));
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  wrap.tabIndex = 0;
  const el = document.createElement('table');
  el.className = 'data-table';
  const head = el.createTHead().insertRow();
  const body = el.createTBody();
  let sorted: { column: number; descending: boolean } | undefined;

  const fill = () => {
    const rows = sorted ? sortRows(table.rows, sorted.column, sorted.descending) : table.rows;
    body.replaceChildren(
      ...rows.slice(0, MAX_ROWS).map((row) => {
        const tr = document.createElement('tr');
        row.forEach((v, i) => {
          const td = tr.insertCell();
          td.textContent = fmt.value(kinds[i]!, v);
          if (typeof v === 'number') td.className = 'num';
        });
        return tr;
      }),
    );
    [...head.cells].forEach((th, i) => th.setAttribute('aria-sort', sorted?.column === i ? (sorted.descending ? 'descending' : 'ascending') : 'none'));
  };

  table.columns.forEach((name, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = heading(name);
    button.title = `Sort by ${name}`;
    button.addEventListener('click', () => {
      sorted = { column: i, descending: sorted?.column === i ? !sorted.descending : kinds[i] !== 'text' };
      fill();
    });
    th.append(button);
    if (kinds[i] !== 'text' && kinds[i] !== 'date' && kinds[i] !== 'month' && kinds[i] !== 'timestamp') th.className = 'num';
    head.append(th);
  });
  fill();
  wrap.append(el);
  if (table.rows.length > MAX_ROWS) {
    const more = document.createElement('p');
    more.className = 'muted';
    more.textContent = `Showing ${MAX_ROWS} of ${table.rows.length} rows; the CSV has them all.`;
    wrap.append(more);
  }
  return wrap;
}
