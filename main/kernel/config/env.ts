import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ZavaError } from '../errors.ts';
import { LOG_LEVELS } from '../logger.ts';
import { firstRunScaleSchema } from './first-run-scale.ts';

const port = (name: string) =>
  z.coerce
    .number()
    .int()
    .min(1024, `${name} must be between 1024 and 65535`)
    .max(65535, `${name} must be between 1024 and 65535`);
/** A whole number for a bridge limit; its range is checked with the bridge settings (bridge-settings-schema.ts). */
const count = z.coerce.number().int();
const text = z.string().min(1);

/**
 * Every ZAVA_* variable the app reads, validated here and nowhere else (CONTRIBUTING.md lists
 * them in one table). Empty values count as unset.
 */
const envSchema = z.object({
  ZAVA_DATA_DIR: text.optional(),
  ZAVA_DATABASE_URL: z.string().url('ZAVA_DATABASE_URL must be a postgres:// URL').optional(),
  ZAVA_PG_PORT: port('ZAVA_PG_PORT').optional(),
  ZAVA_PG_OS_USER: text.default('postgres'),
  ZAVA_PG_NATIVE_DIR: text.optional(),
  /** `off` for throwaway clusters (the test suite): no flushes to disk; a machine crash may lose them. */
  ZAVA_PG_DURABILITY: z.enum(['full', 'off']).default('full'),
  ZAVA_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Any value turns on stack traces (CLI) and debug console output (Electron). */
  ZAVA_DEBUG: text.optional(),
  ZAVA_FIRST_RUN_SCALE: firstRunScaleSchema.optional(),
  ZAVA_EMBEDDINGS_API_KEY: text.optional(),
  ZAVA_EMBEDDINGS_DIR: text.optional(),
  ZAVA_CATALOG_FILE: text.optional(),
  ZAVA_SQL_DIR: text.optional(),
  ZAVA_ROW_CAP: count.optional(),
  ZAVA_BYTE_CAP: count.optional(),
  ZAVA_STATEMENT_TIMEOUT_MS: count.optional(),
  ZAVA_POOL_MAX: count.optional(),
  ZAVA_MAX_MESSAGE_BYTES: count.optional(),
  ZAVA_SLOW_QUERY_MS: count.optional(),
  ZAVA_CACHE_TTL_MS: count.optional(),
});

export type ZavaEnv = z.infer<typeof envSchema>;
export type ZavaEnvName = keyof ZavaEnv;

function fail(name: string, message: string | undefined): never {
  throw new ZavaError('CONFIG_ERROR', `Invalid environment variable ${name}: ${message}.`, {
    hint: 'Fix or unset it and run the command again.',
  });
}

function picked(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter(([key, value]) => key.startsWith('ZAVA_') && value !== '' && value !== undefined)) as Record<string, string>;
}

/** Parses the Zava variables out of `source`; throws a readable error naming the bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): ZavaEnv {
  const parsed = envSchema.safeParse(picked(source));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(issue?.path.join('.') ?? 'ZAVA_*', issue?.message);
  }
  return parsed.data;
}

/** One variable, parsed with its entry of the same schema (for module-level defaults that must not fail on a neighbour). */
export function readEnvVar<K extends ZavaEnvName>(name: K, source: NodeJS.ProcessEnv = process.env): ZavaEnv[K] {
  const parsed = envSchema.shape[name].safeParse(picked(source)[name]);
  if (!parsed.success) fail(name, parsed.error.issues[0]?.message);
  return parsed.data as ZavaEnv[K];
}

/** The OS app-data directory the Electron app uses too (app.getPath('userData') equivalent). */
export function defaultDataDir(): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Zava MCP Desktop');
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Zava MCP Desktop');
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Zava MCP Desktop');
  }
}
