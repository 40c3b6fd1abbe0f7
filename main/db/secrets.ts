import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A random password safe to put in a connection string without escaping. */
export function randomPassword(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Writes `value` to `file` with mode 0600, creating the 0700 directory first. */
export function writeSecret(file: string, value: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, value, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/** Reads a secret, or creates it with `make()` the first time. */
export function readOrCreateSecret(file: string, make: () => string = randomPassword): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const value = make();
    writeSecret(file, value);
    return value;
  }
}

export function readSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
