import { useState } from 'react';
import { call, useAction, useQuery } from '../api/use-api.ts';
import { useAppStatus } from '../app-status.tsx';
import { ErrorBox } from '../components/error-box.tsx';
import { ColumnHeads } from '../components/column-heads.tsx';
import { StatusBadge } from '../components/status-badge.tsx';

const GROUPS = [
  { kind: 'store_manager', title: 'Store managers' },
  { kind: 'regional_manager', title: 'Regional managers' },
  { kind: 'head_office', title: 'Head office' },
] as const;

/** The RLS switcher: choose who the bridge acts as, and see the proof of what that identity can see. */
export function IdentityPage() {
  const identities = useQuery('identity:list-identities', {});
  const { bridge } = useAppStatus();
  const [choice, setChoice] = useState<string>();
  const proof = useQuery('identity:prove-visibility', {}, { enabled: bridge?.status === 'ready' });
  const select = useAction(async (slug: string) => {
    await call('identity:select-identity', { slug });
    await identities.reload();
    await proof.reload();
  });
  const selected = identities.data?.selected;
  const current = choice ?? selected;
  const p = proof.data;
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Identity (row-level security)</h1>
        {bridge && <StatusBadge status={bridge.status} label={`Bridge ${bridge.status} as ${bridge.identity}`} />}
      </div>
      <p className="muted">
        The bridge logs in as the chosen identity's own database role; PostgreSQL row-level security decides what it sees. Switching restarts the bridge as that role.
      </p>
      <ErrorBox error={identities.error ?? select.error} />
      <div className="grid-2 identity-layout">
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            if (current) void select.run(current);
          }}
        >
          {GROUPS.map((g) => (
            <fieldset key={g.kind} className="identity-group">
              <legend>{g.title}</legend>
              {identities.data?.identities
                .filter((i) => i.kind === g.kind)
                .map((i) => (
                  <label key={i.slug} className="radio">
                    <input type="radio" name="identity" value={i.slug} checked={current === i.slug} onChange={() => setChoice(i.slug)} data-testid={`identity-${i.slug}`} />
                    <span>
                      {i.displayName}
                      {i.slug === selected && <em className="current"> (current)</em>}
                      <small className="muted"> · {i.stores.map((s) => s.name.replace('Zava Retail ', '')).join(', ')}</small>
                    </span>
                  </label>
                ))}
            </fieldset>
          ))}
          <button type="submit" className="button primary" disabled={select.busy || !current || current === selected} data-testid="switch-identity">
            {select.busy ? 'Switching…' : 'Switch bridge to this identity'}
          </button>
        </form>
        <div className="card" data-testid="visibility-proof">
          <h2>What {p?.identity ?? bridge?.identity ?? '…'} can see</h2>
          <ErrorBox error={proof.error ?? p?.error ?? undefined} />
          {p && !p.error && (
            <>
              <p>
                <strong data-testid="visible-total">{p.visibleTotal.toLocaleString()}</strong> of {p.grandTotal.toLocaleString()} orders are visible, counted through the bridge's{' '}
                <code>execute_sales_query</code>:
              </p>
              <pre className="sql">{p.sql}</pre>
              <table className="data-table">
                <ColumnHeads columns={['Store', 'Visible orders', 'All orders', <span className="sr-only">Share</span>]} />
                <tbody>
                  {p.stores.map((s) => (
                    <tr key={s.store} data-store={s.store} className={s.visibleOrders === 0 ? 'dim' : undefined}>
                      <th scope="row">{s.store}</th>
                      <td className="num" data-testid="store-visible">
                        {s.visibleOrders.toLocaleString()}
                      </td>
                      <td className="num">{s.totalOrders.toLocaleString()}</td>
                      <td className="bar-cell">
                        <meter min={0} max={Math.max(1, s.totalOrders)} value={s.visibleOrders} aria-label={`${s.store} visible share`} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
