import type { ToolCallResult } from '../../../main/kernel/contract.ts';
import { ErrorBox } from './error-box.tsx';
import { isColumnar, ResultTable } from './result-table.tsx';

/** A tool result as the model receives it: the error with code and hint, or the rows; plus the raw text. */
export function ToolResultView({ result }: { result: ToolCallResult | undefined }) {
  if (!result) return null;
  const structured = result.structured as Record<string, unknown> | null;
  return (
    <div className="tool-result" data-testid="tool-result" data-is-error={result.isError}>
      <p className="muted">
        <code>{result.tool}</code> as <strong>{result.identity}</strong> · {result.durationMs} ms
        {result.isError ? ' · isError: true' : ''}
      </p>
      {result.error && <ErrorBox error={result.error} title="Tool error" />}
      {!result.isError && isColumnar(structured) && (
        <>
          <p data-testid="row-count">
            {structured.n} row{structured.n === 1 ? '' : 's'}
            {structured.truncated ? ` (truncated${typeof structured.truncated_by === 'string' ? ` by ${structured.truncated_by.replace('_', ' ')}` : ''})` : ''}
            {typeof structured.search_path === 'string' && ` · search path ${structured.search_path}`}
          </p>
          <ResultTable result={structured} />
        </>
      )}
      {!result.isError && !isColumnar(structured) && <pre className="json">{JSON.stringify(structured ?? result.text, null, 2)}</pre>}
      <details>
        <summary>Text the model reads</summary>
        <pre className="json">{result.text}</pre>
      </details>
    </div>
  );
}
