import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settingsSchema } from '../kernel/config/settings-schema.ts';
import { isZavaError } from '../kernel/errors.ts';
import { providerConfigFromSettings } from './provider-from-settings.ts';

const embeddings = (value: Record<string, unknown>) => settingsSchema.parse({ embeddings: value }).embeddings;

describe('providerConfigFromSettings', () => {
  it('defaults to the offline encoder', () => {
    assert.deepEqual(providerConfigFromSettings(embeddings({}), undefined), { kind: 'local' });
  });

  it('maps an OpenAI-compatible server with its model and dimensions', () => {
    const config = providerConfigFromSettings(embeddings({ provider: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text', dimensions: 768 }), undefined);
    assert.equal(config.kind, 'openai-compatible');
    assert.equal((config as { dimensions: number }).dimensions, 768);
  });

  it('maps Azure OpenAI with endpoint, deployment and the key', () => {
    const config = providerConfigFromSettings(embeddings({ provider: 'azure-openai', endpoint: 'https://example.openai.azure.com', deployment: 'emb' }), 'k-123');
    assert.equal(config.kind, 'azure-openai');
    assert.equal((config as { deployment: string }).deployment, 'emb');
  });

  it('refuses a remote provider without its key, naming the field (no silent fall-back)', () => {
    assert.throws(
      () => providerConfigFromSettings(embeddings({ provider: 'openai' }), undefined),
      (error) => isZavaError(error) && error.code === 'CONFIG_ERROR' && /apiKey/.test(error.message),
    );
  });
});
