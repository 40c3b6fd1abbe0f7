import type { AppCore } from '../app/app-core.ts';
import type { Settings } from '../kernel/config/settings-schema.ts';
import type { HandlerGroup } from './router.ts';

type Deps = Pick<AppCore, 'paths' | 'settings' | 'secrets' | 'bridge' | 'log' | 'syncHttpBridge'>;

/** Sections whose change the running bridge only picks up when restarted (it reads them at start). */
const BRIDGE_SECTIONS = ['bridge', 'embeddings'] as const;

function view(core: Deps, restartNeeded: string[] = []) {
  return {
    settings: core.settings.read(),
    dataDir: core.paths.root,
    paths: { ...core.paths },
    secrets: { embeddingsApiKey: core.secrets.has('embeddingsApiKey') },
    restartNeeded,
  };
}

function changed(a: Settings, b: Settings, key: keyof Settings): boolean {
  return JSON.stringify(a[key]) !== JSON.stringify(b[key]);
}

/** Settings: read, update (validated; the bridge restarts to apply its part), and the provider API key. */
export function settingsHandlers(core: Deps): HandlerGroup<'settings:get-settings' | 'settings:update-settings' | 'settings:set-secret'> {
  return {
    'settings:get-settings': () => view(core),
    'settings:update-settings': async ({ patch }) => {
      const before = core.settings.read();
      const after = core.settings.update(patch);
      const restartNeeded: string[] = [];
      if (changed(before, after, 'database')) restartNeeded.push('database: applies the next time the app starts the server');
      if (changed(before, after, 'http')) await core.syncHttpBridge();
      if (BRIDGE_SECTIONS.some((k) => changed(before, after, k)) && core.bridge.getState().status !== 'stopped') {
        core.log.info('settings changed: restarting the bridge to apply them');
        await core.bridge.restart();
      }
      return view(core, restartNeeded);
    },
    'settings:set-secret': async ({ name, value }) => {
      core.secrets.set(name, value);
      core.log.info(`secret ${name} ${value === null ? 'removed' : 'updated'}`);
      if (core.bridge.getState().status !== 'stopped') await core.bridge.restart();
      return view(core);
    },
  };
}
