/** Anything with a code and a message: an IPC error or a tool error as the model sees it. */
export interface ErrorLike {
  code: string;
  message: string;
  hint?: string | undefined;
  sqlState?: string | undefined;
}

/** Shows an error's code, message, hint and SQLSTATE, announced to screen readers. */
export function ErrorBox({ error, title }: { error: ErrorLike | undefined; title?: string }) {
  if (!error) return null;
  return (
    <div className="error-box" role="alert" data-testid="error-box">
      <div className="error-head">
        {title && <strong>{title} </strong>}
        <code className="error-code" data-testid="error-code">
          {error.code}
        </code>
        {error.sqlState && <code className="error-sqlstate">SQLSTATE {error.sqlState}</code>}
      </div>
      <p className="error-message">{error.message}</p>
      {error.hint && <p className="error-hint">Hint: {error.hint}</p>}
    </div>
  );
}
