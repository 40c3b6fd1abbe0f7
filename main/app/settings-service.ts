import type { DataPaths } from '../kernel/config/paths.ts';
import type { SettingsFile } from '../kernel/config/settings-file.ts';
import type { Settings, SettingsPatch } from '../kernel/config/settings-schema.ts';
import type { Logger } from '../kernel/logger.ts';
import type { BridgeService } from './bridge-service.ts';
import type { SecretName, SecretStore } from './secret-store.ts';

/** Sections whose change the running bridge only picks up when restarted (it reads them at start). */
const BRIDGE_SECTIONS = ['bridge', 'embeddings'] as const;

export interface SettingsServiceDeps {
  paths: DataPaths;
  settings: SettingsFile;
  secrets: SecretStore;
  log: Logger;
  bridges: Pick<BridgeService, 'state' | 'restart' | 'syncHttp'>;
}

function changed(a: Settings, b: Settings, key: keyof Settings): boolean {
  return JSON.stringify(a[key]) !== JSON.stringify(b[key]);
}

/** Settings: read, update (validated; what the running bridges read at start makes them restart), the provider API key. */
export class SettingsService {
  constructor(private readonly deps: SettingsServiceDeps) {}

  read(): Settings {
    return this.deps.settings.read();
  }

  view(restartNeeded: string[] = []) {
    const { paths, settings, secrets } = this.deps;
    return { settings: settings.read(), dataDir: paths.root, paths: { ...paths }, secrets: { embeddingsApiKey: secrets.has('embeddingsApiKey') }, restartNeeded };
  }

  async update(patch: SettingsPatch) {
    const { settings, bridges, log } = this.deps;
    const before = settings.read();
    const after = settings.update(patch);
    const restartNeeded: string[] = [];
    if (changed(before, after, 'database')) restartNeeded.push('database: applies the next time the app starts the server');
    if (changed(before, after, 'http')) await bridges.syncHttp();
    if (BRIDGE_SECTIONS.some((k) => changed(before, after, k)) && bridges.state().status !== 'stopped') {
      log.info('settings changed: restarting the bridge to apply them');
      await bridges.restart();
    }
    return this.view(restartNeeded);
  }

  async setSecret(name: SecretName, value: string | null) {
    this.deps.secrets.set(name, value);
    this.deps.log.info(`secret ${name} ${value === null ? 'removed' : 'updated'}`);
    if (this.deps.bridges.state().status !== 'stopped') await this.deps.bridges.restart();
    return this.view();
  }
}
