// What the run's template helpers (test-server.ts, external-template.ts) share: the descriptor a
// helper writes and the test processes read (named by an environment variable), the copy of the
// template's role passwords a clone needs, and the helper's life as a child of scripts/run-tests.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ResetResult } from '../../main/dataset/reset.ts';

export const templateDescriptorSchema = z.object({
  template: z.string().min(1),
  /** The identity roles' passwords when the template was built (roles are cluster-wide: every clone shares them). */
  rolesFile: z.string().min(1),
  build: z.custom<ResetResult>((v) => typeof v === 'object' && v !== null),
});

/** The descriptor the variable names, when the runner started that helper; undefined otherwise. */
export function descriptorFromEnv<T extends z.ZodType>(variable: string, schema: T): z.infer<T> | undefined {
  const file = z.string().min(1).optional().parse(process.env[variable] || undefined);
  return file ? schema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) : undefined;
}

/** Copies the template's role passwords into a clone's secrets dir, private as the app keeps them. */
export function copyRolePasswords(rolesFile: string, secretsDir: string): void {
  fs.mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
  fs.copyFileSync(rolesFile, path.join(secretsDir, 'roles.json'));
  fs.chmodSync(path.join(secretsDir, 'roles.json'), 0o600);
}

/**
 * Prints the descriptor's path (the runner reads this first line) and keeps the helper up until
 * the runner closes its stdin (when the run ends or dies) or Ctrl+C; then stops it and exits.
 */
export function serveUntilStdinEnds(helper: { descriptor: string; stop(): Promise<void> }): void {
  process.stdout.write(`${helper.descriptor}\n`);
  const stop = () => void helper.stop().then(() => process.exit(0));
  process.stdin.resume();
  process.stdin.on('end', stop);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
