import { z } from 'zod';

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
  /** Largest JSON-RPC message (stdio line or HTTP body) the bridge reads; bigger ones get an error naming this. */
  maxMessageBytes: z.number().int().min(64 * 1024).max(256 * 1024 * 1024).default(4 * 1024 * 1024),
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
