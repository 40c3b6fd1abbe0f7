import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEmbeddingProvider, embeddingProviderConfigSchema, modelIdFor, publicProviderConfig } from './provider-config.ts';
import { localEncoder, LOCAL_MODEL_ID } from './local-encoder.ts';
import { hnswIndexName, vectorCastType } from './vector-store.ts';

describe('embedding provider config', () => {
  test('local is the shared offline encoder', () => {
    const provider = createEmbeddingProvider({ kind: 'local' });
    assert.equal(provider, localEncoder());
    assert.equal(provider.modelId, LOCAL_MODEL_ID);
    assert.equal(provider.dimensions, 512);
  });

  test('OpenAI defaults to text-embedding-3-small at 1536 dimensions; the model id says so', () => {
    const config = embeddingProviderConfigSchema.parse({ kind: 'openai', apiKey: 'sk-abc' });
    assert.equal(modelIdFor(config), 'openai:text-embedding-3-small:1536');
    assert.equal(modelIdFor(embeddingProviderConfigSchema.parse({ kind: 'openai', apiKey: 'sk-abc', dimensions: 256 })), 'openai:text-embedding-3-small:256');
  });

  test('keys are required where the service needs one, and rejected when empty', () => {
    assert.equal(embeddingProviderConfigSchema.safeParse({ kind: 'openai' }).success, false);
    assert.equal(embeddingProviderConfigSchema.safeParse({ kind: 'openai', apiKey: '' }).success, false);
    assert.equal(embeddingProviderConfigSchema.safeParse({ kind: 'openai-compatible', baseURL: 'http://127.0.0.1:11434/v1', model: 'nomic', dimensions: 768 }).success, true);
    assert.equal(embeddingProviderConfigSchema.safeParse({ kind: 'openai-compatible', baseURL: 'not a url', model: 'nomic', dimensions: 768 }).success, false);
  });

  test('the public form never carries the key', () => {
    const config = embeddingProviderConfigSchema.parse({ kind: 'azure-openai', apiKey: 'super-secret-key', endpoint: 'https://x.openai.azure.com', deployment: 'emb' });
    const shown = publicProviderConfig(config);
    assert.ok(!JSON.stringify(shown).includes('super-secret-key'));
    assert.equal(shown.hasApiKey, true);
    assert.equal(shown.modelId, 'azure@x.openai.azure.com:emb:1536');
  });

  test('cast types and index names follow pgvector limits', () => {
    assert.equal(vectorCastType(512), 'vector(512)');
    assert.equal(vectorCastType(3072), 'halfvec(3072)');
    assert.equal(vectorCastType(8000), 'vector(8000)');
    assert.throws(() => vectorCastType(0));
    assert.equal(hnswIndexName(LOCAL_MODEL_ID), 'pde_use_lite_512_78ebf0b2_hnsw', 'must match sql/migrations/006_embeddings_hnsw.sql');
    assert.ok(hnswIndexName('compat@127.0.0.1:11434:' + 'x'.repeat(150) + ':768').length <= 63);
  });
});
