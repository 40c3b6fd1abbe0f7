import { useState } from 'react';
import { useQuery } from '../api/use-api.ts';
import { useAppStatus } from '../app-status.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorBox } from '../components/error-box.tsx';

/** Connect a client: ready configs for Claude Desktop, VS Code and Cursor per identity, with copy buttons. */
export function ClientsPage() {
  const { bridge } = useAppStatus();
  const identities = useQuery('identity:list-identities', {});
  const [picked, setPicked] = useState<string>();
  const identity = picked ?? bridge?.identity ?? identities.data?.selected ?? 'seattle';
  // Re-read every few seconds: the HTTP endpoint's status changes after Settings turn it on.
  const configs = useQuery('clients:get-configs', { identity }, { intervalMs: 3000 });
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Connect a client</h1>
        <label className="inline">
          Identity{' '}
          <select value={identity} onChange={(e) => setPicked(e.target.value)} data-testid="clients-identity">
            {identities.data?.identities.map((i) => (
              <option key={i.slug} value={i.slug}>
                {i.displayName}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">
        Each client launches its own bridge as this identity, with the same database and data directory as this app. Paths are absolute, so the client needs nothing on its PATH.
      </p>
      <ErrorBox error={configs.error ?? identities.error} />
      <div className="grid-3">
        {configs.data?.configs.map((c) => (
          <article key={c.client} className="card" data-testid={`config-${c.client}`}>
            <header className="card-head">
              <h2>{c.title}</h2>
              <CopyButton text={c.json} label="Copy config" testId={`copy-${c.client}`} />
            </header>
            <p className="muted">
              Put this in <code>{c.fileHint}</code>
            </p>
            <pre className="json" tabIndex={0} data-testid={`config-json-${c.client}`}>
              {c.json}
            </pre>
          </article>
        ))}
      </div>
      {configs.data && (
        <div className="card" data-testid="http-config" data-status={configs.data.http.status}>
          <header className="card-head">
            <h2>HTTP (Streamable HTTP on 127.0.0.1)</h2>
            {configs.data.http.enabled && <span className="muted">{configs.data.http.status}</span>}
          </header>
          <p className="muted">{configs.data.http.note}</p>
          {configs.data.http.lastError && <ErrorBox error={{ code: 'UNAVAILABLE', message: configs.data.http.lastError }} />}
          {configs.data.http.url && configs.data.http.token && (
            <>
              <dl className="kv">
                <div>
                  <dt>URL</dt>
                  <dd>
                    <code data-testid="http-url">{configs.data.http.url}</code> <CopyButton text={configs.data.http.url} />
                  </dd>
                </div>
                <div>
                  <dt>Token</dt>
                  <dd>
                    <code className="secret">{configs.data.http.token.slice(0, 6)}…</code> <CopyButton text={configs.data.http.token} label="Copy token" testId="copy-http-token" />
                  </dd>
                </div>
              </dl>
              {configs.data.http.vscodeJson && (
                <>
                  <p className="muted">VS Code over HTTP:</p>
                  <pre className="json">{configs.data.http.vscodeJson}</pre>
                  <CopyButton text={configs.data.http.vscodeJson} label="Copy VS Code HTTP config" />
                </>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
