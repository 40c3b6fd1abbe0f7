import type { ReactNode } from 'react';
import type { HealthReport, Probe } from '../../../main/kernel/contract.ts';
import { call, useAction, useEvent, useQuery } from '../api/use-api.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { StatusBadge } from '../components/status-badge.tsx';

const TITLES: Record<keyof Omit<HealthReport, 'checkedAt'>, string> = {
  database: 'Database',
  pgvector: 'pgvector',
  bridge: 'MCP bridge',
  embeddings: 'Embeddings provider',
};

/** `storedVectors` → `stored vectors`. */
function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const count = new Intl.NumberFormat();

/** A detail as a person reads it: yes/no, grouped digits (but not ports, pids or versions). */
function detail(key: string, value: string | number | boolean | null): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' && !/port|pid/i.test(key)) return count.format(value);
  return String(value);
}

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString() : '';
}

function ProbeCard({ name, probe, actions }: { name: keyof typeof TITLES; probe: Probe; actions?: ReactNode }) {
  // Port 0 means "not listening yet" (during start-up): not worth a line.
  const details = Object.entries(probe.details).filter(([k, v]) => v !== null && v !== '' && !(k === 'port' && v === 0));
  return (
    <article className="card probe" data-testid={`probe-${name}`} data-status={probe.status} aria-labelledby={`probe-${name}-title`}>
      <header className="card-head">
        <h2 id={`probe-${name}-title`}>{TITLES[name]}</h2>
        <StatusBadge status={probe.status} />
      </header>
      <p className="probe-summary" data-testid={`probe-${name}-summary`}>
        {probe.summary}
      </p>
      {details.length > 0 && (
        <dl className="kv">
          {details.map(([k, v]) => (
            <div key={k}>
              <dt>{words(k)}</dt>
              <dd>{detail(k, v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {probe.lastError && (
        <div className={probe.status === 'ok' ? 'last-error resolved' : 'last-error'} data-testid={`probe-${name}-error`}>
          <strong>{probe.status === 'ok' ? 'Last error (resolved)' : 'Error'}</strong> <span className="muted">{when(probe.lastErrorAt)}</span>
          <p>{probe.lastError}</p>
        </div>
      )}
      <footer className="card-foot muted">
        Checked {when(probe.checkedAt)}
        {probe.latencyMs !== null && ` · ${probe.latencyMs} ms`}
        {actions}
      </footer>
    </article>
  );
}

/** Health: database, pgvector, bridge and embeddings, each from a real probe, refreshed every 3 s. */
export function HealthPage() {
  const health = useQuery('health:get-report', {}, { intervalMs: 3000 });
  useEvent('bridge:state-changed', () => void health.reload());
  const startDb = useAction(async () => {
    await call('database:start-server', {});
    await health.reload();
  });
  const restart = useAction(async () => {
    await call('bridge:restart-process', {});
    await health.reload();
  });
  const report = health.data;
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Health</h1>
        <button type="button" className="button" onClick={() => void health.reload()} disabled={health.loading}>
          {health.loading ? 'Checking…' : 'Check now'}
        </button>
      </div>
      <ErrorBox error={health.error ?? startDb.error ?? restart.error} />
      {!report && !health.error && <p className="muted">Probing…</p>}
      {report && (
        <div className="grid-2">
          <ProbeCard
            name="database"
            probe={report.database}
            actions={
              report.database.status !== 'ok' && report.database.status !== 'pending' && (
                <button type="button" className="button small" onClick={() => void startDb.run()} disabled={startDb.busy} data-testid="start-database">
                  {startDb.busy ? 'Starting…' : 'Start database'}
                </button>
              )
            }
          />
          <ProbeCard name="pgvector" probe={report.pgvector} />
          <ProbeCard
            name="bridge"
            probe={report.bridge}
            actions={
              report.bridge.status !== 'pending' && (
                <button type="button" className="button small" onClick={() => void restart.run()} disabled={restart.busy}>
                  {restart.busy ? 'Restarting…' : 'Restart bridge'}
                </button>
              )
            }
          />
          <ProbeCard name="embeddings" probe={report.embeddings} />
        </div>
      )}
    </section>
  );
}
