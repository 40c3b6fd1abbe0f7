import { lazy, Suspense, useEffect, useState } from 'react';
import type { SQLNamespace } from '@codemirror/lang-sql';
import type { ToolCallResult } from '../../../main/kernel/contract.ts';
import { call, useAction, useQuery } from '../api/use-api.ts';
import { useAppStatus } from '../app-status.tsx';
import { ErrorBox } from '../components/error-box.tsx';
import { ToolResultView } from '../components/tool-result-view.tsx';
import { useQueryHistory } from '../api/query-history.ts';

// CodeMirror is the largest part of the dashboard: loaded when the SQL tab first opens.
const SqlEditor = lazy(() => import('../components/sql-editor.tsx').then((m) => ({ default: m.SqlEditor })));

const TABLES = ['stores', 'customers', 'categories', 'product_types', 'products', 'inventory', 'orders', 'order_items'];
const TABS = ['SQL', 'Semantic search', 'Schemas', 'Tools'] as const;
type Tab = (typeof TABS)[number];

/** Runs one tool through the app's bridge; tool errors come back as results, transport errors as thrown ApiErrors. */
function useTool() {
  const [result, setResult] = useState<ToolCallResult>();
  const action = useAction(async (tool: string, args: Record<string, unknown>) => {
    setResult(await call('playground:call-tool', { tool, args }));
  });
  return { result, ...action };
}

/** Schemas fetched once per identity for this page's life (each fetch is a tool call the Performance page counts). */
const schemaCache = new Map<string, Promise<SQLNamespace | undefined>>();

function fetchNamespace(identity: string): Promise<SQLNamespace | undefined> {
  const cached = schemaCache.get(identity);
  if (cached) return cached;
  const fetched = call('playground:call-tool', { tool: 'get_multiple_table_schemas', args: { table_names: TABLES.map((t) => `retail.${t}`) } }).then(
    (result) => {
      const tables = (result.structured as { tables?: { table: string; columns: { name: string }[] }[] } | null)?.tables ?? [];
      if (tables.length === 0) schemaCache.delete(identity);
      return tables.length ? { retail: Object.fromEntries(tables.map((t) => [t.table.replace(/^retail\./, ''), t.columns.map((c) => c.name)])) } : undefined;
    },
    () => {
      schemaCache.delete(identity); // completion is a help: without it the editor still works
      return undefined;
    },
  );
  schemaCache.set(identity, fetched);
  return fetched;
}

/** The identity's tables and columns, for completion: the schema tool, as that identity. */
function useSchemaNamespace(identity: string | undefined): SQLNamespace | undefined {
  const [namespace, setNamespace] = useState<SQLNamespace>();
  useEffect(() => {
    if (!identity) return;
    let live = true;
    void fetchNamespace(identity).then((ns) => {
      if (live) setNamespace(ns);
    });
    return () => {
      live = false;
    };
  }, [identity]);
  return namespace;
}

function SqlTab() {
  const { bridge } = useAppStatus();
  const identity = bridge?.identity;
  const [sql, setSql] = useState('SELECT count(*) FROM retail.orders');
  const schema = useSchemaNamespace(identity);
  const history = useQueryHistory(identity);
  const tool = useTool();
  const run = () => {
    history.remember(sql);
    void tool.run('execute_sales_query', { postgresql_query: sql });
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), run())}>
      <p className="label">SQL (one read-only statement; Ctrl+Enter runs it, Ctrl+Space completes tables and columns)</p>
      <Suspense fallback={<div className="sql-editor-loading muted">Loading the editor…</div>}>
        <SqlEditor value={sql} onChange={setSql} onRun={run} schema={schema} label="SQL query" />
      </Suspense>
      <div className="row">
        <button type="submit" className="button primary" disabled={tool.busy} data-testid="run-sql">
          {tool.busy ? 'Running…' : 'Run query'}
        </button>
        {history.entries.length > 0 && (
          <label className="inline grow history">
            History{' '}
            <select className="grow" value="" onChange={(e) => e.target.value && setSql(e.target.value)} data-testid="sql-history" aria-label={`Queries run as ${identity}`}>
              <option value="">{history.entries.length} earlier quer{history.entries.length === 1 ? 'y' : 'ies'} as {identity}…</option>
              {history.entries.map((q) => (
                <option key={q} value={q}>
                  {q.replace(/\s+/g, ' ').slice(0, 120)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <ErrorBox error={tool.error} />
      <ToolResultView result={tool.result} />
    </form>
  );
}

function SearchTab() {
  const [text, setText] = useState('cordless drill');
  const [maxRows, setMaxRows] = useState(10);
  const [threshold, setThreshold] = useState(30);
  const tool = useTool();
  return (
    <form onSubmit={(e) => (e.preventDefault(), void tool.run('semantic_search_products', { query_description: text, max_rows: maxRows, similarity_threshold: threshold }))}>
      <div className="row">
        <label className="grow">
          Describe the product
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} data-testid="search-input" />
        </label>
        <label>
          Max rows
          <input type="number" min={1} max={100} value={maxRows} onChange={(e) => setMaxRows(Number(e.target.value))} />
        </label>
        <label>
          Similarity ≥ %
          <input type="number" min={20} max={80} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} />
        </label>
      </div>
      <button type="submit" className="button primary" disabled={tool.busy} data-testid="run-search">
        {tool.busy ? 'Searching…' : 'Search'}
      </button>
      <ErrorBox error={tool.error} />
      <ToolResultView result={tool.result} />
    </form>
  );
}

function SchemasTab() {
  const [picked, setPicked] = useState<string[]>(['orders', 'stores']);
  const tool = useTool();
  return (
    <form onSubmit={(e) => (e.preventDefault(), void tool.run('get_multiple_table_schemas', { table_names: picked.map((t) => `retail.${t}`) }))}>
      <fieldset className="checks">
        <legend>Tables</legend>
        {TABLES.map((t) => (
          <label key={t} className="check">
            <input type="checkbox" checked={picked.includes(t)} onChange={(e) => setPicked(e.target.checked ? [...picked, t] : picked.filter((x) => x !== t))} />
            {t}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button primary" disabled={tool.busy || picked.length === 0}>
        {tool.busy ? 'Loading…' : 'Get schemas'}
      </button>
      <ErrorBox error={tool.error} />
      <ToolResultView result={tool.result} />
    </form>
  );
}

function ToolsTab() {
  const tools = useQuery('playground:list-tools', {});
  const [name, setName] = useState('get_current_utc_date');
  const [args, setArgs] = useState('{}');
  const [parseError, setParseError] = useState<string>();
  const tool = useTool();
  const selected = tools.data?.tools.find((t) => t.name === name);
  const submit = () => {
    try {
      const parsed = JSON.parse(args) as Record<string, unknown>;
      setParseError(undefined);
      void tool.run(name, parsed);
    } catch (e) {
      setParseError(`The arguments are not valid JSON: ${(e as Error).message}`);
    }
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())}>
      <ErrorBox error={tools.error} />
      <label>
        Tool
        <select value={name} onChange={(e) => setName(e.target.value)}>
          {tools.data?.tools.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {selected && <p className="muted">{selected.description}</p>}
      {selected && (
        <details>
          <summary>Input schema</summary>
          <pre className="json">{JSON.stringify(selected.inputSchema, null, 2)}</pre>
        </details>
      )}
      <label htmlFor="tool-args">Arguments (JSON)</label>
      <textarea id="tool-args" className="sql-editor" rows={4} value={args} onChange={(e) => setArgs(e.target.value)} spellCheck={false} />
      <button type="submit" className="button primary" disabled={tool.busy}>
        {tool.busy ? 'Calling…' : 'Call tool'}
      </button>
      {parseError && <ErrorBox error={{ code: 'VALIDATION_ERROR', message: parseError }} />}
      <ErrorBox error={tool.error} />
      <ToolResultView result={tool.result} />
    </form>
  );
}

/** The playground: the bridge's tools as the selected identity, results and errors exactly as the model gets them. */
export function PlaygroundPage() {
  const [tab, setTab] = useState<Tab>('SQL');
  const { bridge } = useAppStatus();
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Playground</h1>
        <span className="muted" data-testid="playground-identity">
          as <strong>{bridge?.identity ?? '…'}</strong> ({bridge?.status ?? 'unknown'})
        </span>
      </div>
      <div role="tablist" aria-label="Playground tools" className="tabs">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={tab === t}
            aria-controls="playground-panel"
            tabIndex={tab === t ? 0 : -1}
            className="tab"
            onClick={() => setTab(t)}
            onKeyDown={(e) => {
              const i = TABS.indexOf(tab);
              const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : undefined;
              if (next) {
                setTab(next);
                requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
              }
            }}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="playground-panel" aria-labelledby={`tab-${tab}`} className="card">
        {tab === 'SQL' && <SqlTab />}
        {tab === 'Semantic search' && <SearchTab />}
        {tab === 'Schemas' && <SchemasTab />}
        {tab === 'Tools' && <ToolsTab />}
      </div>
    </section>
  );
}
