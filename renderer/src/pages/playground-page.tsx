import { useState } from 'react';
import type { ToolCallResult } from '../../../main/kernel/contract.ts';
import { call, useAction, useQuery } from '../api/use-api.ts';
import { useAppStatus } from '../app-status.tsx';
import { ErrorBox } from '../components/error-box.tsx';
import { ToolResultView } from '../components/tool-result-view.tsx';

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

function SqlTab() {
  const [sql, setSql] = useState('SELECT count(*) FROM retail.orders');
  const tool = useTool();
  const run = () => void tool.run('execute_sales_query', { postgresql_query: sql });
  return (
    <form onSubmit={(e) => (e.preventDefault(), run())}>
      <label htmlFor="sql-editor">SQL (one read-only statement; Ctrl+Enter runs it)</label>
      <textarea
        id="sql-editor"
        className="sql-editor"
        value={sql}
        spellCheck={false}
        rows={6}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            run();
          }
        }}
        data-testid="sql-editor"
      />
      <button type="submit" className="button primary" disabled={tool.busy} data-testid="run-sql">
        {tool.busy ? 'Running…' : 'Run query'}
      </button>
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
