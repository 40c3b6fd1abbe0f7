// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { runSearchEval } from '../../bench/search-eval.ts';
import { createEmbeddingProvider } from '../../main/search/provider-config.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { startEmbeddingsStub, type EmbeddingsStub } from '../helpers/embeddings-stub.ts';
import { TYPESCRIPT_NODE_ARGS } from '../helpers/typescript-child.ts';

describe('bench/search-eval.ts with another provider', () => {
  let stub: EmbeddingsStub;
  before(async () => {
    stub = await startEmbeddingsStub({ dimensions: 64 });
  });
  after(async () => {
    await stub.close();
  });

  it("computes the provider's vectors in the throwaway database and evaluates both sets with them", { timeout: 300_000 }, async () => {
    const provider = createEmbeddingProvider({ kind: 'openai-compatible', baseURL: stub.baseURL, model: 'stub', dimensions: 64 });
    const progress: string[] = [];
    const reports = await runSearchEval({ provider, log: (line) => progress.push(line) });
    assert.deepEqual(reports.map((r) => r.set), ['development', 'holdout']);
    for (const report of reports) {
      assert.equal(report.modelId, provider.modelId);
      for (const ranking of [report.vector, report.text, report.fused, report.tool]) {
        for (const value of [ranking.hit1, ranking.hit5, ranking.mrr]) assert.ok(value >= 0 && value <= 1);
      }
    }
    assert.ok(stub.requests.some((r) => r.path.endsWith('/embeddings')), 'the stub was asked for vectors');
    assert.ok(progress.some((line) => line.startsWith(`${provider.modelId}:`)), 'indexing reported progress');
  });

  it('refuses an unusable --provider with a message naming the field, before building anything', () => {
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, [...TYPESCRIPT_NODE_ARGS, 'bench/search-eval.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ZAVA_EMBEDDINGS_API_KEY: '', ...env }, timeout: 60_000 });
    const noKey = run(['--provider', '{"kind":"openai"}']);
    assert.equal(noKey.status, 1);
    assert.match(noKey.stderr, /--provider: apiKey: .*ZAVA_EMBEDDINGS_API_KEY/);
    const notJson = run(['--provider', 'openai']);
    assert.equal(notJson.status, 1);
    assert.match(notJson.stderr, /--provider takes a JSON provider config/);
    const badKind = run(['--provider', '{"kind":"cohere"}']);
    assert.equal(badKind.status, 1);
    assert.match(badKind.stderr, /--provider: kind: /);
  });
});
