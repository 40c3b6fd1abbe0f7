import type { AppState } from '../../../main/kernel/contract.ts';
import { call, useAction } from '../api/use-api.ts';
import { ErrorBox } from './error-box.tsx';
import { ProgressBar } from './progress-bar.tsx';

/** Start-up and rebuild progress across the top of every page; gone once the app is ready. */
export function StartupBanner({ state }: { state: AppState | undefined }) {
  const retry = useAction(() => call('database:start-server', {}));
  if (state?.phase === 'ready') return null;
  if (!state) {
    return (
      <section className="banner" aria-live="polite" data-testid="startup-banner" data-phase="connecting">
        <div className="banner-text">
          <strong>Connecting to the app…</strong>
        </div>
      </section>
    );
  }
  if (state.phase === 'error') {
    return (
      <section className="banner banner-bad" aria-live="assertive" data-testid="startup-banner" data-phase="error">
        <ErrorBox error={{ code: 'START_FAILED', message: state.error ?? state.message }} title="Start-up failed" />
        <button type="button" className="button" disabled={retry.busy} onClick={() => void retry.run()}>
          {retry.busy ? 'Trying…' : 'Try again'}
        </button>
      </section>
    );
  }
  const fraction = state.progress?.fraction ?? (state.phase === 'bridge' ? 0.99 : 0.02);
  return (
    <section className="banner" aria-live="polite" data-testid="startup-banner" data-phase={state.phase}>
      <div className="banner-text">
        <strong>{state.phase === 'building' ? 'Building the database' : 'Starting'}</strong>
        <span data-testid="startup-message">{state.message}</span>
        <span className="muted">{Math.round(fraction * 100)}%</span>
      </div>
      <ProgressBar fraction={fraction} label="Start-up progress" />
    </section>
  );
}
