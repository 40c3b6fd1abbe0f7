import { ColumnHeads } from './column-heads.tsx';
import type { Columnar } from '../../../main/kernel/contract.ts';

/** Whether a tool's structured content is columnar rows (the renderer imports only the contract's types). */
export function isColumnar(value: unknown): value is Columnar {
  const v = value as Partial<Columnar> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.c) && Array.isArray(v.r);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A scrollable, captioned table of a columnar result. */
export function ResultTable({ result, caption, maxRows = 500 }: { result: Columnar; caption?: string; maxRows?: number }) {
  const rows = result.r.slice(0, maxRows);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption ?? 'Results'}>
      <table className="data-table" data-testid="result-table">
        {caption && <caption>{caption}</caption>}
        <ColumnHeads columns={result.c} />
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((v, j) => (
                <td key={j} className={typeof v === 'number' ? 'num' : undefined} title={cell(v)}>
                  {cell(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {result.r.length > maxRows && <p className="muted">Showing {maxRows} of {result.r.length} rows.</p>}
    </div>
  );
}
