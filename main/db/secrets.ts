import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ZavaError } from '../kernel/errors.ts';

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
    const text = fs.readFileSync(file, 'utf8');
    assertPrivate(file);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const value = make();
    writeSecret(file, value);
    return value;
  }
}

/** Reads a secret; undefined when absent. Refuses a file that others could read (see assertPrivate). */
export function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  assertPrivate(file);
  return text;
}

/**
 * Like ssh with a private key: a secret readable by the group or by others may already have
 * leaked, so nothing starts on it until its owner tightens it. (Windows has no mode bits.)
 */
export function assertPrivate(file: string): void {
  if (process.platform === 'win32') return;
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  throw new ZavaError('CONFIG_ERROR', `The secrets file ${file} is readable by ${mode & 0o007 ? 'other users' : 'its group'} (mode ${mode.toString(8).padStart(4, '0')}), so it is refused.`, {
    hint: `Run \`chmod 600 '${file}'\` (and check who could have read it), then start again.`,
  });
}

/** Checks every file in the secrets directory at start-up, so a loose one is named before anything runs. */
export function assertSecretsPrivate(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) assertPrivate(file);
  }
}
