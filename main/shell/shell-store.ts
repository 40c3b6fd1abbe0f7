import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { SecretName, SecretStore } from '../app/secret-store.ts';
import type { DataPaths } from '../kernel/config/paths.ts';

/** What only the desktop shell keeps: window placement and encrypted API keys. */
export interface ShellPrefs {
  window: { width: number; height: number; x?: number; y?: number; maximized: boolean };
  /** safeStorage ciphertexts, base64. */
  secrets: Partial<Record<SecretName, string>>;
}

/** electron-store with a JSON schema, in the data dir beside settings.json. */
export function createShellStore(paths: DataPaths): Store<ShellPrefs> {
  return new Store<ShellPrefs>({
    name: 'shell',
    cwd: paths.root,
    clearInvalidConfig: true,
    schema: {
      window: {
        type: 'object',
        properties: {
          width: { type: 'number', minimum: 800, maximum: 10000 },
          height: { type: 'number', minimum: 600, maximum: 10000 },
          x: { type: 'number' },
          y: { type: 'number' },
          maximized: { type: 'boolean' },
        },
        required: ['width', 'height', 'maximized'],
        default: { width: 1280, height: 800, maximized: false },
      },
      secrets: {
        type: 'object',
        additionalProperties: { type: 'string' },
        default: {},
      },
    },
  });
}

/**
 * API keys encrypted with the OS keychain (safeStorage). Where encryption is unavailable
 * (a Linux session without a keyring) it refuses to store rather than keep plain text.
 */
export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly store: Store<ShellPrefs>) {}

  get(name: SecretName): string | undefined {
    const cipher = this.store.get('secrets')[name];
    if (!cipher || !safeStorage.isEncryptionAvailable()) return undefined;
    try {
      return safeStorage.decryptString(Buffer.from(cipher, 'base64'));
    } catch {
      return undefined;
    }
  }

  set(name: SecretName, value: string | null): void {
    const secrets = { ...this.store.get('secrets') };
    if (value === null) delete secrets[name];
    else {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('This system offers no encrypted storage (no keyring), so the key was not saved.');
      }
      secrets[name] = safeStorage.encryptString(value).toString('base64');
    }
    this.store.set('secrets', secrets);
  }

  has(name: SecretName): boolean {
    return Boolean(this.store.get('secrets')[name]);
  }
}
