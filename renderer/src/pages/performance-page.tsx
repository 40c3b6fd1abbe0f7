import { useState } from 'react';
import { useQuery } from '../api/use-api.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { ColumnHeads } from '../components/column-heads.tsx';
import { LatencyChart } from '../components/latency-chart.tsx';

const WINDOWS = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 24 * 60, label: '24 hours' },
];

function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

/** Performance: per-tool summaries from every bridge process, latency over time, slow calls, top statements. */
export function PerformancePage() {
  const [windowMinutes, setWindow] = useState(60);
  const summary = useQuery('performance:get-summary', { windowMinutes }, { intervalMs: 4000 });
  const [includeAdmin, setIncludeAdmin] = useState(false);
  const statements = useQuery('performance:get-statements', { limit: 10, includeAdmin }, { intervalMs: 15000 });
  const s = summary.data;
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Performance</h1>
        <label className="inline">
          Window{' '}
          <select value={windowMinutes} onChange={(e) => setWindow(Number(e.target.value))}>
            {WINDOWS.map((w) => (
              <option key={w.minutes} value={w.minutes}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => void summary.reload()}>
          Refresh
        </button>
      </div>
      <ErrorBox error={summary.error} />
      {s && (
        <>
          <p className="muted" data-testid="perf-total">
            {s.totalCalls} calls from {s.processes} bridge process{s.processes === 1 ? '' : 'es'} in the last {WINDOWS.find((w) => w.minutes === s.windowMinutes)?.label ?? `${s.windowMinutes} minutes`}; slow means ≥ {s.slowThresholdMs} ms.
          </p>
          <div className="card">
            <h2>Tools</h2>
            <div className="table-wrap">
              <table className="data-table" data-testid="perf-tools">
                <ColumnHeads columns={['Tool', 'Calls', 'Errors', 'p50', 'p95', 'p99', 'Max', 'Slow', 'Cache hits']} />
                <tbody>
                  {s.tools.length === 0 && (
                    <tr>
                      <td colSpan={9} className="muted">
                        No calls yet: run a tool in the Playground or from a client.
                      </td>
                    </tr>
                  )}
                  {s.tools.map((t) => (
                    <tr key={t.tool} data-tool={t.tool}>
                      <th scope="row">
                        <code>{t.tool}</code>
                      </th>
                      <td className="num" data-testid={`calls-${t.tool}`}>
                        {t.count}
                      </td>
                      <td className="num">{t.errors}</td>
                      <td className="num">{ms(t.p50)}</td>
                      <td className="num">{ms(t.p95)}</td>
                      <td className="num">{ms(t.p99)}</td>
                      <td className="num">{ms(t.maxMs)}</td>
                      <td className="num">{t.slowCalls}</td>
                      <td className="num">{t.cacheHitRatio === null ? '–' : `${Math.round(t.cacheHitRatio * 100)}%`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <div className="card">
            <h2>Latency over time</h2>
            <LatencyChart series={s.series} />
          </div>
          <div className="card">
            <h2>Slowest calls</h2>
            {s.slowest.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <ol className="slow-list">
                {s.slowest.map((c, i) => (
                  <li key={`${c.ts}-${i}`}>
                    <strong>{ms(c.durationMs)}</strong> <code>{c.tool}</code> as {c.identity} · {new Date(c.ts).toLocaleTimeString()}
                    {c.errorCode && <code className="error-code"> {c.errorCode}</code>}
                    {c.sql && <pre className="sql">{c.sql}</pre>}
                  </li>
                ))}
              </ol>
            )}
          </div>
        </>
      )}
      <div className="card">
        <div className="page-head">
          <h2>Top statements (pg_stat_statements)</h2>
          <label className="check">
            <input type="checkbox" checked={includeAdmin} onChange={(e) => setIncludeAdmin(e.target.checked)} data-testid="include-admin" />
            Include the admin and the data loader
          </label>
        </div>
        <ErrorBox error={statements.error} />
        {statements.data && !statements.data.available && <p className="muted">{statements.data.reason}</p>}
        {statements.data?.available && (
          <div className="table-wrap">
            <table className="data-table" data-testid="perf-statements">
              <ColumnHeads columns={['Statement', 'Role', 'Calls', 'Total', 'Mean', 'Rows']} />
              <tbody>
                {statements.data.statements.map((st, i) => (
                  <tr key={i}>
                    <td>
                      <code className="clip" title={st.query}>
                        {st.query}
                      </code>
                    </td>
                    <td>{st.role}</td>
                    <td className="num">{st.calls}</td>
                    <td className="num">{ms(st.totalMs)}</td>
                    <td className="num">{ms(st.meanMs)}</td>
                    <td className="num">{st.rows}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
