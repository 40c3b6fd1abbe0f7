import { z } from 'zod';
import { localEncoder, LOCAL_MODEL_ID } from './local-encoder.ts';
import { OpenAIEmbeddingProvider } from './openai-provider.ts';
import type { EmbeddingProvider } from './provider.ts';

const dimensions = z.number().int().min(1, 'dimensions must be at least 1').max(16000, 'dimensions must be at most 16000');
const remote = {
  /** Per request; a request past it fails with QUERY_TIMEOUT. */
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  maxRetries: z.number().int().min(0).max(5).default(2),
  /** Texts per request while indexing. */
  maxBatch: z.number().int().min(1).max(2048).default(256),
};
const apiKey = z.string().min(1, 'the API key is empty').max(4096);

/**
 * Which embedding provider to use. The API key travels in this object only: the shell keeps
 * it encrypted (Electron safeStorage) and passes it in; nothing here writes it anywhere. Use
 * `publicProviderConfig()` for anything that is stored or shown.
 */
export const embeddingProviderConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({
    kind: z.literal('openai'),
    apiKey,
    model: z.string().min(1).default('text-embedding-3-small'),
    dimensions: dimensions.default(1536),
    /** text-embedding-3 models can shorten vectors; ada-002 cannot. */
    sendDimensions: z.boolean().default(true),
    baseURL: z.url().optional(),
    ...remote,
  }),
  z.object({
    kind: z.literal('azure-openai'),
    apiKey,
    endpoint: z.url(),
    deployment: z.string().min(1),
    apiVersion: z.string().min(1).default('2024-10-21'),
    model: z.string().min(1).default('text-embedding-3-small'),
    dimensions: dimensions.default(1536),
    sendDimensions: z.boolean().default(true),
    ...remote,
  }),
  z.object({
    kind: z.literal('openai-compatible'),
    baseURL: z.url(),
    apiKey: apiKey.optional(),
    model: z.string().min(1),
    dimensions,
    sendDimensions: z.boolean().default(false),
    ...remote,
  }),
]);

/** A validated provider config (defaults applied). */
export type EmbeddingProviderConfig = z.output<typeof embeddingProviderConfigSchema>;
/** A provider config as callers write it (defaults optional). */
export type EmbeddingProviderConfigInput = z.input<typeof embeddingProviderConfigSchema>;

/**
 * The model_id a config's vectors are stored under: provider, where, model and dimensions, so
 * two configurations never share (and mix) a vector set.
 */
export function modelIdFor(config: EmbeddingProviderConfig): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._:/@-]+/g, '-');
  switch (config.kind) {
    case 'local':
      return LOCAL_MODEL_ID;
    case 'openai':
      return clean(`openai${config.baseURL ? `@${new URL(config.baseURL).host}` : ''}:${config.model}:${config.dimensions}`).slice(0, 160);
    case 'azure-openai':
      return clean(`azure@${new URL(config.endpoint).host}:${config.deployment}:${config.dimensions}`).slice(0, 160);
    case 'openai-compatible':
      return clean(`compat@${new URL(config.baseURL).host}:${config.model}:${config.dimensions}`).slice(0, 160);
  }
}

/** The config without its key (plus whether one is set): safe to store in settings.json or show. */
export function publicProviderConfig(config: EmbeddingProviderConfig): Record<string, unknown> {
  const { apiKey: key, ...rest } = config as EmbeddingProviderConfig & { apiKey?: string };
  return { ...rest, hasApiKey: typeof key === 'string' && key.length > 0, modelId: modelIdFor(config) };
}

/** Builds the provider for a config (validated here, so callers may pass raw input). */
export function createEmbeddingProvider(input: EmbeddingProviderConfigInput): EmbeddingProvider {
  const config = embeddingProviderConfigSchema.parse(input);
  if (config.kind === 'local') return localEncoder();
  const common = {
    kind: config.kind,
    modelId: modelIdFor(config),
    model: config.model,
    dimensions: config.dimensions,
    sendDimensions: config.sendDimensions,
    apiKey: config.apiKey,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    maxBatch: config.maxBatch,
  };
  if (config.kind === 'azure-openai') {
    return new OpenAIEmbeddingProvider({ ...common, azure: { endpoint: config.endpoint, deployment: config.deployment, apiVersion: config.apiVersion } });
  }
  return new OpenAIEmbeddingProvider({ ...common, baseURL: config.baseURL });
}
