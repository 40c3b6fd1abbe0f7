import type { AppCore } from '../app/app-core.ts';
import type { HandlerGroup } from './router.ts';

/** Settings: read, update (validated; the bridge restarts to apply its part), and the provider API key. */
export function settingsHandlers(core: Pick<AppCore, 'settings'>): HandlerGroup<'settings:get-settings' | 'settings:update-settings' | 'settings:set-secret'> {
  return {
    'settings:get-settings': () => core.settings.view(),
    'settings:update-settings': ({ patch }) => core.settings.update(patch),
    'settings:set-secret': ({ name, value }) => core.settings.setSecret(name, value),
  };
}
