import { useMemo } from 'react';
import type { ToolCallResult } from '../../../main/kernel/contract.ts';
import { csvName, toCsv } from '../../../apps/shared/csv.ts';
import { viewModelOf } from '../../../apps/shared/tool-result.ts';
import { ErrorBox } from './error-box.tsx';
import { ResultChart } from './result-chart.tsx';
import { ResultTable } from './result-table.tsx';

/** Saves text as a file through a blob link (the page's CSP allows no data: downloads of scripts, but a blob is fine). */
function download(text: string, name: string, type = 'text/csv') {
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** A tool result as the model receives it, drawn as the MCP App draws it: chart, notes, sortable table, CSV; or the error. */
export function ToolResultView({ result }: { result: ToolCallResult | undefined }) {
  const model = useMemo(() => (result && !result.isError ? viewModelOf(result.structured) : undefined), [result]);
  if (!result) return null;
  const table = model?.table;
  return (
    <div className="tool-result" data-testid="tool-result" data-is-error={result.isError}>
      <p className="muted">
        <code>{result.tool}</code> as <strong>{result.identity}</strong> · {result.durationMs} ms
        {result.isError ? ' · isError: true' : ''}
      </p>
      {result.error && <ErrorBox error={result.error} title="Tool error" />}
      {model && table && (
        <>
          <div className="result-head">
            <p data-testid="row-count">
              {model.caption}
              {model.truncated ? ' (truncated)' : ''}
            </p>
            <button type="button" className="button" data-testid="download-csv" onClick={() => download(toCsv(table.columns, table.rows), csvName(result.tool))}>
              Download CSV
            </button>
          </div>
          {model.notes.length > 0 && (
            <ul className="notes">
              {model.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <ResultChart table={table} />
          <ResultTable result={{ c: table.columns, r: table.rows, n: table.rows.length }} />
        </>
      )}
      {!result.isError && !model && <pre className="json">{JSON.stringify(result.structured ?? result.text, null, 2)}</pre>}
      <details>
        <summary>Text the model reads</summary>
        <pre className="json">{result.text}</pre>
      </details>
    </div>
  );
}
