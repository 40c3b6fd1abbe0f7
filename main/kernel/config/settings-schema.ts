import { z } from 'zod';
import { bridgeSettingsSchema } from './bridge-settings-schema.ts';
import { firstRunScaleSchema } from './first-run-scale.ts';
import { ZavaError } from '../errors.ts';
import { isPlainObject } from '../plain-object.ts';

/** Embedding providers the search layer offers; `local` is the offline encoder. */
export const embeddingsProviderSchema = z.enum(['local', 'openai', 'azure-openai', 'openai-compatible']);

/**
 * Settings of one installation, shared by the desktop app, the web dashboard and the bridges
 * they spawn. Unknown keys written by other components are kept (`looseObject`).
 */
export const settingsSchema = z.looseObject({
  /** The identity the app's own bridge acts as (never head office unless chosen). */
  identity: z.string().min(1).default('seattle'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  database: z
    .looseObject({
      /** Fixed port for the embedded server; unset picks a free one (and then keeps it). */
      port: z.number().int().min(1024).max(65535).optional(),
      /** Scale built on first launch when no data exists yet. */
      firstRunScale: firstRunScaleSchema.default('default'),
    })
    .prefault({}),
  /** Read by every bridge process: one schema, owned by the bridge. */
  bridge: bridgeSettingsSchema.prefault({}),
  /** Knobs of the desktop app itself. */
  app: z
    .looseObject({
      /** How long the app waits for one tool call of its own bridge. */
      toolTimeoutMs: z.number().int().min(1_000).max(600_000).default(60_000),
    })
    .prefault({}),
  embeddings: z
    .looseObject({
      provider: embeddingsProviderSchema.default('local'),
      model: z.string().min(1).optional(),
      baseURL: z.url().optional(),
      dimensions: z.number().int().min(16).max(16_000).optional(),
      /** Azure OpenAI only. */
      endpoint: z.url().optional(),
      deployment: z.string().min(1).optional(),
      apiVersion: z.string().min(1).optional(),
    })
    .prefault({}),
  http: z
    .looseObject({
      /** Also run a Streamable HTTP bridge for clients that prefer a URL. */
      enabled: z.boolean().default(false),
      port: z.number().int().min(1024).max(65535).default(8765),
    })
    .prefault({}),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A deep partial of the settings, as the Settings page submits it. */
export const settingsPatchSchema = z.looseObject({
  identity: z.string().min(1).optional(),
  theme: z.enum(['system', 'light', 'dark']).optional(),
  database: z.record(z.string(), z.unknown()).optional(),
  bridge: z.record(z.string(), z.unknown()).optional(),
  app: z.record(z.string(), z.unknown()).optional(),
  embeddings: z.record(z.string(), z.unknown()).optional(),
  http: z.record(z.string(), z.unknown()).optional(),
});

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The defaults, as a fresh install sees them. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** Merges `patch` into `base` recursively; `null` removes a key (optional settings fall back to unset). */
function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = deepMerge(out[key] as Record<string, unknown>, value);
    else if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Applies `patch` over `current` (deeply) and validates the result; throws VALIDATION_ERROR naming the field. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  const next = deepMerge(current as Record<string, unknown>, patch as Record<string, unknown>);
  const parsed = settingsSchema.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ZavaError('VALIDATION_ERROR', `The setting ${issue?.path.join('.') || '(root)'} is not valid: ${issue?.message}.`, {
      hint: 'Correct the value and save again; nothing was changed.',
    });
  }
  return parsed.data;
}
