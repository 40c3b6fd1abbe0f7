import type { AppCore } from '../app/app-core.ts';
import { toToolCallResult } from '../app/supervision/tool-result.ts';
import type { HandlerGroup } from './router.ts';

type Deps = Pick<AppCore, 'bridge' | 'settings'>;

/** The playground: the bridge's tools, called as the selected identity, results exactly as the model gets them. */
export function playgroundHandlers(core: Deps): HandlerGroup<'playground:list-tools' | 'playground:call-tool'> {
  return {
    'playground:list-tools': async () => {
      const tools = await core.bridge.listTools();
      return {
        identity: core.bridge.getState().identity,
        tools: tools.map((t) => ({ name: t.name, title: t.title ?? t.annotations?.title ?? null, description: t.description ?? '', inputSchema: t.inputSchema })),
      };
    },
    'playground:call-tool': async ({ tool, args }) => {
      const identity = core.bridge.getState().identity;
      const began = performance.now();
      const result = await core.bridge.callTool(tool, args, core.settings.read().app.toolTimeoutMs);
      return toToolCallResult(tool, identity, result, performance.now() - began);
    },
  };
}
