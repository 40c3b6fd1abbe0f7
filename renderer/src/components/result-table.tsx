import { useMemo, useState } from 'react';
import type { Columnar } from '../../../main/kernel/contract.ts';
import { formatters, heading, kindOf } from '../../../apps/shared/format.ts';
import { sortRows } from '../../../apps/shared/sort.ts';

export { isColumnar } from '../../../apps/shared/tool-result.ts';

const fmt = formatters();

/** A scrollable, captioned table of a columnar result: Intl-formatted cells, headers that sort (again to reverse). */
export function ResultTable({ result, caption, maxRows = 500 }: { result: Columnar; caption?: string; maxRows?: number }) {
  const [sorted, setSorted] = useState<{ column: number; descending: boolean }>();
  const kinds = useMemo(() => result.c.map((c, i) => kindOf(c, result.r.map((r) => r[i]))), [result]);
  const rows = useMemo(() => (sorted ? sortRows(result.r, sorted.column, sorted.descending) : result.r).slice(0, maxRows), [result, sorted, maxRows]);
  const numeric = (i: number) => kinds[i] === 'money' || kinds[i] === 'percent' || kinds[i] === 'integer' || kinds[i] === 'number';
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption ?? 'Results'}>
      <table className="data-table" data-testid="result-table">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {result.c.map((name, i) => (
              <th key={i} scope="col" className={numeric(i) ? 'num' : undefined} aria-sort={sorted?.column === i ? (sorted.descending ? 'descending' : 'ascending') : 'none'}>
                <button
                  type="button"
                  className="sort"
                  title={`Sort by ${name}`}
                  onClick={() => setSorted({ column: i, descending: sorted?.column === i ? !sorted.descending : numeric(i) })}
                >
                  {heading(name)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((v, j) => {
                const text = fmt.value(kinds[j]!, v);
                return (
                  <td key={j} className={typeof v === 'number' ? 'num' : undefined} title={typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '')}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {result.r.length > maxRows && <p className="muted">Showing {maxRows} of {result.r.length} rows; the CSV has them all.</p>}
    </div>
  );
}
