import type { AppCore } from '../app/app-core.ts';
import type { HandlerGroup } from './router.ts';

type Deps = Pick<AppCore, 'state' | 'health' | 'startDatabase' | 'resetData' | 'bridges'>;

/** App state, health, the database's start and rebuild, the bridge's state and restart. */
export function appHandlers(core: Deps): HandlerGroup<
  'app:get-state' | 'health:get-report' | 'database:start-server' | 'database:reset-data' | 'bridge:get-state' | 'bridge:restart-process'
> {
  return {
    'app:get-state': () => core.state(),
    'health:get-report': () => core.health.report(),
    'database:start-server': async () => {
      await core.startDatabase();
      return core.health.report();
    },
    'database:reset-data': ({ scale, seed }) => core.resetData(scale, seed),
    'bridge:get-state': () => core.bridges.state(),
    'bridge:restart-process': () => core.bridges.restart(),
  };
}
