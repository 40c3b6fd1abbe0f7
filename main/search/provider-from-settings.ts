import type { Settings } from '../kernel/config/settings-schema.ts';
import { ZavaError } from '../kernel/errors.ts';
import { embeddingProviderConfigSchema, type EmbeddingProviderConfig } from './provider-config.ts';
import { readEnvVar } from '../kernel/config/env.ts';

/** The variable the app (or whoever launches a bridge) passes the decrypted API key in; never a file. */
export const EMBEDDINGS_API_KEY_ENV = 'ZAVA_EMBEDDINGS_API_KEY';

/**
 * Turns the `embeddings` block of settings.json plus the API key into a validated provider
 * config. A configured remote provider that cannot be used is an error naming the field,
 * never a silent fall-back to another model's vectors.
 */
export function providerConfigFromSettings(embeddings: Settings['embeddings'], apiKey = readEnvVar('ZAVA_EMBEDDINGS_API_KEY')): EmbeddingProviderConfig {
  const key = apiKey ? { apiKey } : {};
  const optional = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  const candidate =
    embeddings.provider === 'local'
      ? { kind: 'local' }
      : embeddings.provider === 'azure-openai'
        ? optional({ kind: 'azure-openai', ...key, endpoint: embeddings.endpoint, deployment: embeddings.deployment, apiVersion: embeddings.apiVersion, model: embeddings.model, dimensions: embeddings.dimensions })
        : optional({ kind: embeddings.provider, ...key, baseURL: embeddings.baseURL, model: embeddings.model, dimensions: embeddings.dimensions });
  const parsed = embeddingProviderConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'provider';
    throw new ZavaError('CONFIG_ERROR', `The ${embeddings.provider} embeddings provider is not usable: ${field}: ${issue.message}.`, {
      hint: field === 'apiKey' ? `Set the API key in Settings (the app passes it as ${EMBEDDINGS_API_KEY_ENV}).` : 'Complete the embeddings settings, or choose the local provider.',
    });
  }
  return parsed.data;
}
