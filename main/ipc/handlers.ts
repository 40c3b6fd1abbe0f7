import type { AppCore } from '../app/app-core.ts';
import { appHandlers } from './app-handlers.ts';
import { clientsHandlers } from './clients.ts';
import { embeddingsHandlers } from './embeddings.ts';
import { identityHandlers } from './identity.ts';
import { logsHandlers } from './logs.ts';
import { performanceHandlers } from './performance.ts';
import { playgroundHandlers } from './playground.ts';
import { createRouter, type Handlers, type Invoke } from './router.ts';
import { settingsHandlers } from './settings.ts';

/** Every handler group over one core: the complete contract (the type fails if a channel is missing). */
export function allHandlers(core: AppCore): Handlers {
  return {
    ...appHandlers(core),
    ...identityHandlers(core),
    ...playgroundHandlers(core),
    ...performanceHandlers(core),
    ...clientsHandlers(core),
    ...logsHandlers(core),
    ...settingsHandlers(core),
    ...embeddingsHandlers(core),
  };
}

/** The invoke function both shells expose. */
export function createAppRouter(core: AppCore): Invoke {
  return createRouter(allHandlers(core), core.log);
}
