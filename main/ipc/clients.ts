import type { AppCore } from '../app/app-core.ts';
import type { HandlerGroup } from './router.ts';

/** "Connect a client": ready configs for Claude Desktop, VS Code and Cursor as one identity. */
export function clientsHandlers(core: Pick<AppCore, 'clients'>): HandlerGroup<'clients:get-configs'> {
  return {
    'clients:get-configs': ({ identity }) => core.clients.configs(identity),
  };
}
