import type { AppCore } from '../app/app-core.ts';
import type { HandlerGroup } from './router.ts';

/** The playground: the bridge's tools, called as the selected identity, results exactly as the model gets them. */
export function playgroundHandlers(core: Pick<AppCore, 'playground'>): HandlerGroup<'playground:list-tools' | 'playground:call-tool'> {
  return {
    'playground:list-tools': () => core.playground.tools(),
    'playground:call-tool': ({ tool, args }) => core.playground.call(tool, args),
  };
}
