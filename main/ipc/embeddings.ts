import type { AppCore } from '../app/app-core.ts';
import type { HandlerGroup } from './router.ts';

/** Settings → Embeddings: build the chosen provider's vectors (one job at a time), cancel, and its state. */
export function embeddingsHandlers(core: Pick<AppCore, 'embeddings'>): HandlerGroup<'embeddings:start-build' | 'embeddings:cancel-build' | 'embeddings:get-build'> {
  return {
    'embeddings:start-build': () => core.embeddings.start(),
    'embeddings:cancel-build': () => core.embeddings.cancel(),
    'embeddings:get-build': () => core.embeddings.state(),
  };
}
