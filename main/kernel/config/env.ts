import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ZavaError } from '../errors.ts';

/** Environment variables the core reads, validated once at the boundary. */
const envSchema = z.object({
  ZAVA_DATA_DIR: z.string().min(1).optional(),
  ZAVA_DATABASE_URL: z.string().url('ZAVA_DATABASE_URL must be a postgres:// URL').optional(),
  ZAVA_PG_PORT: z.coerce
    .number()
    .int()
    .min(1024, 'ZAVA_PG_PORT must be between 1024 and 65535')
    .max(65535, 'ZAVA_PG_PORT must be between 1024 and 65535')
    .optional(),
  ZAVA_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type ZavaEnv = z.infer<typeof envSchema>;

/** Parses the Zava variables out of `source`; throws a readable error naming the bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): ZavaEnv {
  const picked = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key.startsWith('ZAVA_') && value !== ''),
  );
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ZavaError('CONFIG_ERROR', `Invalid environment variable ${issue?.path.join('.')}: ${issue?.message}.`, {
      hint: 'Fix or unset it and run the command again.',
    });
  }
  return parsed.data;
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
