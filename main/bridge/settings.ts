import fs from 'node:fs';
import { z } from 'zod';
import type { DataPaths } from '../config/paths.ts';

/** Limits and knobs of a bridge process: from settings.json (written by the app), then env overrides. */
export const bridgeSettingsSchema = z.object({
  rowCap: z.number().int().min(1).max(100_000).default(1_000),
  byteCap: z.number().int().min(1_024).max(64 * 1024 * 1024).default(512 * 1024),
  statementTimeoutMs: z.number().int().min(100).max(600_000).default(15_000),
  pool: z
    .object({
      min: z.number().int().min(0).max(50).default(0),
      max: z.number().int().min(1).max(50).default(4),
      idleMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
    })
    .prefault({}),
  slowQueryMs: z.number().int().min(1).max(600_000).default(1_000),
  cache: z
    .object({
      ttlMs: z.number().int().min(0).max(86_400_000).default(60_000),
      maxEntries: z.number().int().min(0).max(100_000).default(500),
      maxBytes: z.number().int().min(0).max(512 * 1024 * 1024).default(32 * 1024 * 1024),
    })
    .prefault({}),
});

export type BridgeSettings = z.infer<typeof bridgeSettingsSchema>;

const ENV_OVERRIDES: Record<string, (s: Record<string, any>, v: number) => void> = {
  ZAVA_ROW_CAP: (s, v) => (s.rowCap = v),
  ZAVA_BYTE_CAP: (s, v) => (s.byteCap = v),
  ZAVA_STATEMENT_TIMEOUT_MS: (s, v) => (s.statementTimeoutMs = v),
  ZAVA_POOL_MAX: (s, v) => ((s.pool ??= {}).max = v),
  ZAVA_SLOW_QUERY_MS: (s, v) => (s.slowQueryMs = v),
  ZAVA_CACHE_TTL_MS: (s, v) => ((s.cache ??= {}).ttlMs = v),
};

/** Reads `bridge` from settings.json and applies ZAVA_* overrides; invalid values fail with the field named. */
export function loadBridgeSettings(paths: DataPaths, env: NodeJS.ProcessEnv = process.env): BridgeSettings {
  let raw: Record<string, any> = {};
  try {
    const file = JSON.parse(fs.readFileSync(paths.settings, 'utf8'));
    if (file && typeof file === 'object' && file.bridge && typeof file.bridge === 'object') raw = { ...file.bridge };
  } catch {
    // No settings file yet: defaults apply.
  }
  for (const [name, apply] of Object.entries(ENV_OVERRIDES)) {
    const value = env[name];
    if (value !== undefined && value !== '') apply(raw, Number(value));
  }
  const parsed = bridgeSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid bridge setting ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
