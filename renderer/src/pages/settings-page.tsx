import { useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../main/kernel/contract.ts';
import { call, useAction, useQuery } from '../api/use-api.ts';
import { EmbeddingsBuild } from '../components/embeddings-build.tsx';
import { ErrorBox } from '../components/error-box.tsx';

type Settings = ResponseOf<'settings:get-settings'>['settings'];
type Scale = 'tiny' | 'small' | 'default' | 'large';

function NumberField({ label, value, onChange, min, max, unit, testId }: { label: string; value: number | undefined; onChange: (v: number | null) => void; min?: number; max?: number; unit?: string; testId?: string }) {
  return (
    <label>
      <span>
        {label}
        {unit && <span className="muted"> ({unit})</span>}
      </span>
      <input type="number" min={min} max={max} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} data-testid={testId} />
    </label>
  );
}

function ResetDialog({ onDone }: { onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [scale, setScale] = useState<Scale>('default');
  const [typed, setTyped] = useState('');
  const reset = useAction(async () => {
    await call('database:reset-data', { scale, confirm: 'RESET' });
    dialog.current?.close();
    onDone();
  });
  return (
    <>
      <button type="button" className="button danger" onClick={() => (setTyped(''), dialog.current?.showModal())} data-testid="open-reset">
        Reset database…
      </button>
      <dialog ref={dialog} aria-labelledby="reset-title" className="dialog">
        <form method="dialog" onSubmit={(e) => (e.preventDefault(), void reset.run())}>
          <h2 id="reset-title">Rebuild the database?</h2>
          <p>All data is generated again from the seed; the current database is replaced when the new one is complete.</p>
          <label>
            Scale
            <select value={scale} onChange={(e) => setScale(e.target.value as Scale)}>
              <option value="tiny">tiny (tests, seconds)</option>
              <option value="small">small</option>
              <option value="default">default (the lab's size)</option>
              <option value="large">large (10×, minutes)</option>
            </select>
          </label>
          <label>
            Type <code>RESET</code> to confirm
            <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-testid="reset-confirm" />
          </label>
          <ErrorBox error={reset.error} />
          <div className="row end">
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button danger" disabled={typed !== 'RESET' || reset.busy}>
              {reset.busy ? 'Rebuilding…' : 'Rebuild now'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** Settings: data dir, port, pool, caps, timeouts, slow threshold, cache TTL, embeddings, HTTP; reset database. */
export function SettingsPage() {
  const loaded = useQuery('settings:get-settings', {});
  const [draft, setDraft] = useState<Settings>();
  const [apiKey, setApiKey] = useState('');
  const [saved, setSaved] = useState<string[]>();
  useEffect(() => {
    if (loaded.data) setDraft(loaded.data.settings);
  }, [loaded.data]);
  const save = useAction(async () => {
    if (!draft) return;
    // null clears an optional value (JSON has no undefined).
    const patch = {
      ...draft,
      database: { ...draft.database, port: draft.database.port ?? null },
      embeddings: { ...draft.embeddings, model: draft.embeddings.model ?? null, baseURL: draft.embeddings.baseURL ?? null, dimensions: draft.embeddings.dimensions ?? null },
    };
    const view = await call('settings:update-settings', { patch });
    setDraft(view.settings);
    setSaved(view.restartNeeded);
  });
  const key = useAction(async (value: string | null) => {
    await call('settings:set-secret', { name: 'embeddingsApiKey', value });
    setApiKey('');
    await loaded.reload();
  });
  if (!draft || !loaded.data) return <ErrorBox error={loaded.error} />;
  const set = <K extends keyof Settings>(section: K, patch: Partial<Settings[K]>) => setDraft({ ...draft, [section]: { ...(draft[section] as object), ...patch } });
  const b = draft.bridge;
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Settings</h1>
      </div>
      <form className="settings" onSubmit={(e) => (e.preventDefault(), void save.run())}>
        <fieldset className="card">
          <legend>Data</legend>
          <p>
            Data directory: <code data-testid="data-dir">{loaded.data.dataDir}</code>
          </p>
          <p className="muted">Set ZAVA_DATA_DIR before starting the app to use another directory.</p>
          <div className="row">
            <NumberField label="Database port" value={draft.database.port} min={1024} max={65535} onChange={(v) => set('database', { port: v ?? undefined })} />
            <label>
              First-run scale
              <select value={draft.database.firstRunScale} onChange={(e) => set('database', { firstRunScale: e.target.value as Scale })}>
                {['tiny', 'small', 'default', 'large'].map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
        <fieldset className="card">
          <legend>Bridge</legend>
          <div className="row wrap">
            <NumberField label="Pool size" value={b.pool.max} min={1} max={50} onChange={(v) => set('bridge', { pool: { ...b.pool, max: v ?? 4 } })} />
            <NumberField label="Row cap" value={b.rowCap} min={1} max={100000} onChange={(v) => set('bridge', { rowCap: v ?? 1000 })} />
            <NumberField label="Byte cap" unit="bytes" value={b.byteCap} min={1024} onChange={(v) => set('bridge', { byteCap: v ?? 524288 })} />
            <NumberField label="Statement timeout" unit="ms" value={b.statementTimeoutMs} min={100} onChange={(v) => set('bridge', { statementTimeoutMs: v ?? 15000 })} />
            <NumberField label="Slow query threshold" unit="ms" value={b.slowQueryMs} min={1} onChange={(v) => set('bridge', { slowQueryMs: v ?? 1000 })} />
            <NumberField label="Cache TTL" unit="ms" value={b.cache.ttlMs} min={0} onChange={(v) => set('bridge', { cache: { ...b.cache, ttlMs: v ?? 60000 } })} />
            <NumberField label="Tool call timeout (app)" unit="ms" value={draft.app.toolTimeoutMs} min={1000} onChange={(v) => set('app', { toolTimeoutMs: v ?? 60000 })} />
          </div>
        </fieldset>
        <fieldset className="card">
          <legend>Embeddings</legend>
          <div className="row wrap">
            <label>
              Provider
              <select data-testid="embeddings-provider" value={draft.embeddings.provider} onChange={(e) => set('embeddings', { provider: e.target.value as Settings['embeddings']['provider'] })}>
                <option value="local">Offline encoder (no network)</option>
                <option value="openai">OpenAI</option>
                <option value="azure-openai">Azure OpenAI</option>
                <option value="openai-compatible">OpenAI-compatible server</option>
              </select>
            </label>
            <label>
              Model
              <input value={draft.embeddings.model ?? ''} onChange={(e) => set('embeddings', { model: e.target.value || undefined })} data-testid="embeddings-model" />
            </label>
            <label className="grow">
              Base URL
              <input type="url" value={draft.embeddings.baseURL ?? ''} onChange={(e) => set('embeddings', { baseURL: e.target.value || undefined })} data-testid="embeddings-base-url" />
            </label>
            <NumberField label="Dimensions" value={draft.embeddings.dimensions} min={16} max={16000} onChange={(v) => set('embeddings', { dimensions: v ?? undefined })} testId="embeddings-dimensions" />
          </div>
          <div className="row">
            <label className="grow">
              <span>
                API key <span className="muted">{loaded.data.secrets.embeddingsApiKey ? '(set; stored encrypted or 0600, never shown)' : '(not set)'}</span>
              </span>
              <input type="password" value={apiKey} autoComplete="off" onChange={(e) => setApiKey(e.target.value)} data-testid="embeddings-api-key" />
            </label>
            <button type="button" className="button" disabled={!apiKey || key.busy} onClick={() => void key.run(apiKey)} data-testid="save-api-key">
              Save key
            </button>
            {loaded.data.secrets.embeddingsApiKey && (
              <button type="button" className="button" onClick={() => void key.run(null)}>
                Remove key
              </button>
            )}
          </div>
          <ErrorBox error={key.error} />
          <EmbeddingsBuild unsaved={JSON.stringify(draft.embeddings) !== JSON.stringify(loaded.data.settings.embeddings)} />
        </fieldset>
        <fieldset className="card">
          <legend>HTTP for clients</legend>
          <div className="row">
            <label className="check">
              <input type="checkbox" checked={draft.http.enabled} onChange={(e) => set('http', { enabled: e.target.checked })} data-testid="http-enabled" /> Offer a Streamable HTTP endpoint
            </label>
            <NumberField label="Port" value={draft.http.port} min={1024} max={65535} onChange={(v) => set('http', { port: v ?? 8765 })} testId="http-port" />
          </div>
        </fieldset>
        <ErrorBox error={save.error} />
        {saved && (
          <p className="note" role="status">
            Saved.{saved.length > 0 ? ` ${saved.join('; ')}.` : ' The bridge restarted with the new values where needed.'}
          </p>
        )}
        <div className="row end">
          <button type="button" className="button" onClick={() => setDraft(loaded.data?.settings)}>
            Revert
          </button>
          <button type="submit" className="button primary" disabled={save.busy} data-testid="save-settings">
            {save.busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
      <div className="card danger-zone">
        <h2>Danger zone</h2>
        <ResetDialog onDone={() => void loaded.reload()} />
      </div>
    </section>
  );
}
