// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { callError, callOk, CLI, startBridge } from '../helpers/bridge.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startEmbeddingsStub, type EmbeddingsStub } from '../helpers/embeddings-stub.ts';

describe('the bridge with the embeddings provider chosen in settings', () => {
  let db: TestDatabase;
  let stub: EmbeddingsStub;

  before(async () => {
    db = await createTestDatabase({ scale: 'tiny' });
    stub = await startEmbeddingsStub({ apiKey: 'sk-test', dimensions: 64 });
    fs.writeFileSync(db.paths.settings, JSON.stringify({ embeddings: { provider: 'openai-compatible', baseURL: stub.baseURL, model: 'stub-embed', dimensions: 64 } }));
  });
  after(async () => {
    await stub.close();
    await db.close();
  });

  it('says search is unavailable, with the reason, until that provider’s vectors are built', async () => {
    const bridge = await startBridge(db.dataDir, 'seattle', { ZAVA_EMBEDDINGS_API_KEY: 'sk-test' });
    try {
      const error = await callError(bridge.client, 'semantic_search_products', { query_description: 'paint bucket' });
      assert.equal(error.code, 'UNAVAILABLE');
      assert.match(error.message, /not built/);
    } finally {
      await bridge.close();
    }
  });

  it('`embeddings build` computes them through the provider, then the bridge searches with them', async () => {
    // Asynchronous spawn: the stub server answers from this very process.
    const child = spawn(process.execPath, [CLI, 'embeddings', 'build', '--json'], { env: { ...db.env, ZAVA_EMBEDDINGS_API_KEY: 'sk-test' } });
    const build = { stdout: '', stderr: '', status: -1 as number | null };
    child.stdout.on('data', (c: Buffer) => (build.stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (build.stderr += c.toString('utf8')));
    build.status = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(build.status, 0, build.stderr);
    assert.ok(stub.requests.length > 0 && stub.requests.every((r) => r.authorization === 'Bearer sk-test'));
    assert.ok(!build.stderr.includes('sk-test') && !build.stdout.includes('sk-test'), 'the key is never printed');
    const bridge = await startBridge(db.dataDir, 'seattle', { ZAVA_EMBEDDINGS_API_KEY: 'sk-test' });
    try {
      const out = await callOk(bridge.client, 'semantic_search_products', { query_description: 'paint bucket with lid', max_rows: 5, similarity_threshold: 20 });
      assert.match(out.model, /^compat@127\.0\.0\.1:\d+:stub-embed:64$/);
      assert.ok(out.n >= 1);
    } finally {
      await bridge.close();
    }
  });

  it('without the key the server’s refusal comes back as a clear CONFIG_ERROR, never results from other vectors', async () => {
    const bridge = await startBridge(db.dataDir, 'seattle', {});
    try {
      const error = await callError(bridge.client, 'semantic_search_products', { query_description: 'paint bucket' });
      assert.equal(error.code, 'CONFIG_ERROR', JSON.stringify(error));
      assert.match(error.message, /rejected the API key \(HTTP 401\)/);
    } finally {
      await bridge.close();
    }
  });
});
