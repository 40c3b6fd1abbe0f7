import type { AppCore } from '../app/app-core.ts';
import type { HandlerGroup } from './router.ts';

type Deps = Pick<AppCore, 'startEmbeddingsBuild' | 'cancelEmbeddingsBuild' | 'embeddingsBuild'>;

/** Settings → Embeddings: build the chosen provider's vectors (one job at a time), cancel, and its state. */
export function embeddingsHandlers(core: Deps): HandlerGroup<'embeddings:start-build' | 'embeddings:cancel-build' | 'embeddings:get-build'> {
  return {
    'embeddings:start-build': () => core.startEmbeddingsBuild(),
    'embeddings:cancel-build': () => core.cancelEmbeddingsBuild(),
    'embeddings:get-build': () => core.embeddingsBuild(),
  };
}
