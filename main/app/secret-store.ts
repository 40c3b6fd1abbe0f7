import fs from 'node:fs';
import path from 'node:path';
import { readSecret, writeSecret } from '../db/secrets.ts';

/** Names of the secrets the app keeps (API keys); values never go to logs or settings.json. */
export type SecretName = 'embeddingsApiKey';

/** Where API keys live: a 0600 file under plain Node, safeStorage-encrypted in the Electron shell. */
export interface SecretStore {
  get(name: SecretName): string | undefined;
  set(name: SecretName, value: string | null): void;
  has(name: SecretName): boolean;
}

const FILES: Record<SecretName, string> = { embeddingsApiKey: 'embeddings-api-key' };

/** Secrets as 0600 files in the data dir's `secrets/` (the same place as the database passwords). */
export class FileSecretStore implements SecretStore {
  constructor(private readonly dir: string) {}

  get(name: SecretName): string | undefined {
    return readSecret(path.join(this.dir, FILES[name]))?.trim() || undefined;
  }

  set(name: SecretName, value: string | null): void {
    const file = path.join(this.dir, FILES[name]);
    if (value === null) fs.rmSync(file, { force: true });
    else writeSecret(file, value);
  }

  has(name: SecretName): boolean {
    return this.get(name) !== undefined;
  }
}
