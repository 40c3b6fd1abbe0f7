import type { AppCore } from '../app/app-core.ts';
import { ZavaError } from '../kernel/errors.ts';
import type { HandlerGroup } from './router.ts';

type Deps = Pick<AppCore, 'state' | 'health' | 'startDatabase' | 'build' | 'bridge'>;

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
    'database:reset-data': async ({ scale, seed }) => {
      if (core.state().phase === 'building') {
        throw new ZavaError('UNAVAILABLE', 'A rebuild is already running.', { hint: 'Wait for it to finish; progress shows at the top of the window.' });
      }
      const result = await core.build(scale, seed);
      return { scale: result.scale, seed: result.seed, counts: result.counts, totalMs: result.timings.totalMs };
    },
    'bridge:get-state': () => core.bridge.getState(),
    'bridge:restart-process': () => core.bridge.restart(),
  };
}
