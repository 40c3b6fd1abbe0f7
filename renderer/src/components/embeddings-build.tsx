import { useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../main/kernel/contract.ts';
import { call, useAction, useEvent, useQuery } from '../api/use-api.ts';
import { ErrorBox } from './error-box.tsx';
import { ProgressBar } from './progress-bar.tsx';

type BuildState = ResponseOf<'embeddings:get-build'>;

/**
 * Settings → Embeddings: builds the saved provider's product vectors in the background, with
 * progress, cancel and the last result. Starting again after a cancel resumes; search keeps the
 * previous complete set until the new one is published.
 */
export function EmbeddingsBuild({ unsaved }: { unsaved: boolean }) {
  const loaded = useQuery('embeddings:get-build', {});
  const [live, setLive] = useState<BuildState>();
  useEvent('embeddings:build-progress', (state) => setLive(state));
  const state = live ?? loaded.data ?? { status: 'idle' as const };
  const start = useAction(async () => setLive(await call('embeddings:start-build', {})));
  const cancel = useAction(async () => setLive(await call('embeddings:cancel-build', {})));
  const running = state.status === 'running';
  const buildButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // The build button disables while running: keep a keyboard user's focus on the panel (Cancel, then Build again).
  useEffect(() => {
    const active = document.activeElement;
    if (running && (active === buildButton.current || active === document.body)) cancelButton.current?.focus();
    if (!running && active === document.body) buildButton.current?.focus();
  }, [running]);
  return (
    <div className="embeddings-build" data-testid="embeddings-build" data-status={state.status}>
      <div className="row">
        <button ref={buildButton} type="button" className="button primary" disabled={running || start.busy || unsaved} onClick={() => void start.run()} data-testid="build-embeddings">
          {running ? 'Building vectors…' : 'Build vectors for this provider'}
        </button>
        {running && (
          <button ref={cancelButton} type="button" className="button" disabled={cancel.busy} onClick={() => void cancel.run()} data-testid="cancel-embeddings">
            {cancel.busy ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        {unsaved && <span className="muted">Save settings first: the build uses the saved provider.</span>}
      </div>
      {running && (
        <div className="embeddings-progress">
          <ProgressBar fraction={state.total > 0 ? state.done / state.total : 0} label={`Vectors for ${state.modelId}`} />
          <p className="muted" aria-live="polite" data-testid="embeddings-count">
            {state.done} of {state.total || '…'} products · <code>{state.modelId}</code> · {state.message}
          </p>
        </div>
      )}
      {state.status === 'done' && (
        <p className="note" role="status" data-testid="embeddings-result">
          Built {state.vectors} vectors for <code>{state.modelId}</code> ({state.computed} computed, {state.reused} reused) in {(state.ms / 1000).toFixed(1)} s.
          {state.published ? ' Search now uses them; the bridge restarted.' : ''}
        </p>
      )}
      {state.status === 'cancelled' && (
        <p className="note" role="status" data-testid="embeddings-result">
          Cancelled after {state.done} of {state.total} products. Build again to resume; finished batches are kept.
        </p>
      )}
      {state.status === 'failed' && <ErrorBox error={state} title="Building vectors failed:" />}
      <ErrorBox error={start.error ?? cancel.error ?? loaded.error} />
    </div>
  );
}
