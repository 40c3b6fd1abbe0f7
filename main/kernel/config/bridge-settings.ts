import fs from 'node:fs';
import { readEnv, type ZavaEnvName } from './env.ts';
import type { DataPaths } from './paths.ts';
import { bridgeSettingsSchema, type BridgeSettings } from './bridge-settings-schema.ts';

export { bridgeSettingsSchema, type BridgeSettings };

const ENV_OVERRIDES: Partial<Record<ZavaEnvName, (s: Record<string, any>, v: number) => void>> = {
  ZAVA_ROW_CAP: (s, v) => (s.rowCap = v),
  ZAVA_BYTE_CAP: (s, v) => (s.byteCap = v),
  ZAVA_STATEMENT_TIMEOUT_MS: (s, v) => (s.statementTimeoutMs = v),
  ZAVA_POOL_MAX: (s, v) => ((s.pool ??= {}).max = v),
  ZAVA_MAX_MESSAGE_BYTES: (s, v) => (s.maxMessageBytes = v),
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
  const parsed = readEnv(env);
  for (const [name, apply] of Object.entries(ENV_OVERRIDES) as [ZavaEnvName, (s: Record<string, any>, v: number) => void][]) {
    const value = parsed[name];
    if (typeof value === 'number') apply(raw, value);
  }
  const checked = bridgeSettingsSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`Invalid bridge setting ${issue.path.join('.')}: ${issue.message}`);
  }
  return checked.data;
}
