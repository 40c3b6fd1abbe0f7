import type { AppCore } from '../app/app-core.ts';
import { findLogFile, listLogFiles, readTail } from '../app/log-files.ts';
import type { HandlerGroup } from './router.ts';

type Deps = Pick<AppCore, 'paths' | 'host'>;

/** Logs: the app's, the database's and each bridge's; the tail of one; show it in the file manager. */
export function logsHandlers(core: Deps): HandlerGroup<'logs:list-files' | 'logs:read-tail' | 'logs:reveal-file'> {
  return {
    'logs:list-files': () => ({ files: listLogFiles(core.paths) }),
    'logs:read-tail': ({ id, lines }) => {
      const file = findLogFile(core.paths, id);
      return { id, path: file.path, ...readTail(file.path, lines) };
    },
    'logs:reveal-file': async ({ id }) => {
      const file = findLogFile(core.paths, id);
      return { path: file.path, revealed: await core.host.revealFile(file.path) };
    },
  };
}
