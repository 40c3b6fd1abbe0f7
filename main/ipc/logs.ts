import type { AppCore } from '../app/app-core.ts';
import type { HandlerGroup } from './router.ts';

/** Logs: the app's, the database's and each bridge's; the tail of one; show it in the file manager. */
export function logsHandlers(core: Pick<AppCore, 'logs'>): HandlerGroup<'logs:list-files' | 'logs:read-tail' | 'logs:reveal-file'> {
  return {
    'logs:list-files': () => core.logs.list(),
    'logs:read-tail': ({ id, lines }) => core.logs.tail(id, lines),
    'logs:reveal-file': ({ id }) => core.logs.reveal(id),
  };
}
