import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmbeddingsStub, type EmbeddingsStub } from '../../test/helpers/embeddings-stub.ts';
import { isZavaError } from '../kernel/errors.ts';
import { createEmbeddingProvider } from './provider-config.ts';

const KEY = 'sk-test-0123456789abcdefSECRET';

/** Asserts a ZavaError with `code`, and that the key appears nowhere in it. */
async function rejectsWith(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isZavaError(error), `expected a ZavaError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    assert.ok(!JSON.stringify(error.toJSON()).includes(KEY), 'the API key leaked into the error');
    assert.ok(!error.message.includes('SECRET'), 'part of the API key leaked into the message');
    return true;
  });
}

describe('OpenAI-compatible embeddings provider against a local stub server', () => {
  let stub: EmbeddingsStub;
  before(async () => {
    stub = await startEmbeddingsStub({ apiKey: KEY, dimensions: 8 });
  });
  after(() => stub.close());

  const compatible = (overrides: Record<string, unknown> = {}) =>
    createEmbeddingProvider({ kind: 'openai-compatible', baseURL: stub.baseURL, apiKey: KEY, model: 'stub-embed', dimensions: 8, maxRetries: 0, ...overrides } as never);

  test('embeds a batch over real HTTP, in input order, as unit vectors', async () => {
    stub.behaviour.delayMs = 0;
    const provider = compatible();
    const vectors = await provider.embed(['cordless drill', 'garden hose', 'cordless drill']);
    assert.equal(vectors.length, 3);
    for (const v of vectors) {
      assert.equal(v.length, 8);
      assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-5);
    }
    assert.deepEqual(Array.from(vectors[0]!), Array.from(vectors[2]!), 'the stub answers in reverse order; the provider must sort by index');
    const last = stub.requests.at(-1)!;
    assert.equal(last.path, '/v1/embeddings');
    assert.equal(last.authorization, `Bearer ${KEY}`);
    assert.equal(last.body.encoding_format, 'float');
    assert.equal(last.body.dimensions, undefined, 'compatible servers get no dimensions unless asked');
    assert.match(provider.modelId, /^compat@127\.0\.0\.1:\d+:stub-embed:8$/);
  });

  test('sends dimensions when configured to', async () => {
    await compatible({ sendDimensions: true }).embed(['tape measure']);
    assert.equal(stub.requests.at(-1)!.body.dimensions, 8);
  });

  test('a bad key is a CONFIG_ERROR naming HTTP 401, without the key', async () => {
    await rejectsWith(compatible({ apiKey: 'sk-wrong-key-SECRET-987654321' }).embed(['x']), 'CONFIG_ERROR', /rejected the API key \(HTTP 401\)/);
    await rejectsWith(compatible({ apiKey: KEY.replace('SECRET', 'nope') }).embed(['x']), 'CONFIG_ERROR', /401/);
  });

  test('a server slower than the timeout is a QUERY_TIMEOUT', async () => {
    stub.behaviour.delayMs = 1_000;
    try {
      await rejectsWith(compatible({ timeoutMs: 150 }).embed(['slow']), 'QUERY_TIMEOUT', /did not answer within 150 ms/);
    } finally {
      stub.behaviour.delayMs = 0;
    }
  });

  test('vectors of the wrong length are a CONFIG_ERROR naming both sizes', async () => {
    await rejectsWith(compatible({ dimensions: 16 }).embed(['x']), 'CONFIG_ERROR', /returned 8-dimensional vectors.*configured for 16 dimensions/);
  });

  test('a server error status is reported with its code', async () => {
    stub.behaviour.failStatus = 500;
    try {
      await rejectsWith(compatible().embed(['x']), 'UNAVAILABLE', /HTTP 500/);
    } finally {
      stub.behaviour.failStatus = undefined;
    }
  });

  test('an unreachable server is UNAVAILABLE', async () => {
    const closed = await startEmbeddingsStub();
    const url = closed.baseURL;
    await closed.close();
    await rejectsWith(compatible({ baseURL: url }).embed(['x']), 'UNAVAILABLE', /Could not connect/);
  });

  test('cancelling aborts the request', async () => {
    stub.behaviour.delayMs = 2_000;
    try {
      const controller = new AbortController();
      const pending = compatible().embed(['x'], controller.signal);
      setTimeout(() => controller.abort(), 50);
      await rejectsWith(pending, 'QUERY_CANCELLED', /cancelled/);
    } finally {
      stub.behaviour.delayMs = 0;
    }
  });

  test('Azure OpenAI: deployment URL, api-key header, api-version', async () => {
    const provider = createEmbeddingProvider({
      kind: 'azure-openai',
      endpoint: stub.origin,
      deployment: 'embed-deploy',
      apiKey: KEY,
      dimensions: 8,
      maxRetries: 0,
    });
    const [v] = await provider.embed(['paint roller']);
    assert.equal(v!.length, 8);
    const last = stub.requests.at(-1)!;
    assert.match(last.path, /^\/openai\/deployments\/embed-deploy\/embeddings\?api-version=/);
    assert.equal(last.apiKeyHeader, KEY);
    assert.match(provider.modelId, /^azure@127\.0\.0\.1:\d+:embed-deploy:8$/);
  });
});
