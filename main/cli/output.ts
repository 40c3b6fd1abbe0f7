import { isZavaError } from '../kernel/errors.ts';
import { readEnvVar } from '../kernel/config/env.ts';

/** A mistake in the command line itself: printed with usage, exit code 2. */
export class UsageError extends Error {}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Human progress goes to stderr so stdout stays machine-readable (JSON, JSON-RPC). */
export function progressLine(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Prints an error the way a user can act on it, and returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`zava-mcp: ${error.message}\nRun \`zava-mcp help\` for usage.\n`);
    return 2;
  }
  if (isZavaError(error)) {
    process.stderr.write(`zava-mcp: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`zava-mcp: unexpected error: ${message}\n`);
  if (readEnvVar('ZAVA_DEBUG') && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
