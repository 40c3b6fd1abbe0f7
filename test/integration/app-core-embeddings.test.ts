import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppCore } from '../../main/app/app-core.ts';
import { FileLogger } from '../../main/app/file-logger.ts';
import { dataPaths, type DataPaths } from '../../main/kernel/config/paths.ts';
import { eventSchemas, type EmbeddingsBuildState } from '../../main/kernel/contract.ts';
import { createAppRouter } from '../../main/ipc/handlers.ts';
import type { Invoke } from '../../main/ipc/router.ts';
import { templateDataDir } from '../helpers/database.ts';
import { startEmbeddingsStub, type EmbeddingsStub } from '../helpers/embeddings-stub.ts';

const WRONG_KEY = 'sk-wrong-0123456789';
const GOOD_KEY = 'sk-good-9876543210';

/**
 * Settings → "Build vectors for this provider" through the real IPC router and AppCore: a real
 * embedded database (tiny), the real bridge, and the local OpenAI-compatible stub in this process.
 */
describe('AppCore embeddings build (real database, real bridge, local embeddings server)', () => {
  let paths: DataPaths;
  let core: AppCore;
  let invoke: Invoke;
  let stub: EmbeddingsStub;
  const events: EmbeddingsBuildState[] = [];

  const call = async <T = any>(channel: string, request: unknown = {}): Promise<T> => {
    const res = await invoke(channel, request);
    if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const search = () => call('playground:call-tool', { tool: 'semantic_search_products', args: { query_description: 'paint bucket with lid', max_rows: 5, similarity_threshold: 20 } });
  const waitFor = async (what: string, ok: () => boolean, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(core.embeddings.state())}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  before(async () => {
    process.env.ZAVA_FIRST_RUN_SCALE = 'tiny';
    delete process.env.ZAVA_EMBEDDINGS_API_KEY;
    stub = await startEmbeddingsStub({ apiKey: GOOD_KEY, dimensions: 64 });
    // Its data already built (a copy of the run's template): the first run is app-core.test.ts's to test.
    paths = dataPaths(templateDataDir('zava-core-emb-'));
    // Small batches so a cancel lands mid-way through the tiny catalogue.
    core = new AppCore({ paths, host: { kind: 'web', revealFile: async () => false }, log: new FileLogger(paths.logs, 'main'), embeddingsBatchSize: 8 });
    invoke = createAppRouter(core);
    core.events.subscribe((event, payload) => {
      if (event !== 'embeddings:build-progress') return;
      assert.ok(eventSchemas['embeddings:build-progress'].safeParse(payload).success, JSON.stringify(payload));
      events.push(payload as EmbeddingsBuildState);
    });
    await core.start();
    await core.bridges.whenReady(60_000);
  });

  after(async () => {
    await core?.stop();
    await stub?.close();
    delete process.env.ZAVA_FIRST_RUN_SCALE;
    if (paths) fs.rmSync(paths.root, { recursive: true, force: true });
  });

  test('nothing has run yet: idle', async () => {
    assert.deepEqual(await call('embeddings:get-build'), { status: 'idle' });
  });

  test('a remote provider without a key fails at once with CONFIG_ERROR naming the field', async () => {
    await call('settings:update-settings', { patch: { embeddings: { provider: 'openai', model: 'text-embedding-3-small', dimensions: 64 } } });
    const state = await call<EmbeddingsBuildState>('embeddings:start-build');
    assert.equal(state.status, 'failed');
    assert.ok(state.status === 'failed' && state.code === 'CONFIG_ERROR' && /apiKey/.test(state.message), JSON.stringify(state));
    assert.equal(stub.requests.length, 0);
  });

  test('a wrong key (HTTP 401) ends failed with the provider’s CONFIG_ERROR, publishes nothing, and the key is never shown', async () => {
    await call('settings:update-settings', { patch: { embeddings: { provider: 'openai-compatible', baseURL: stub.baseURL, model: 'stub-embed', dimensions: 64 } } });
    const view = await call('settings:set-secret', { name: 'embeddingsApiKey', value: WRONG_KEY });
    assert.equal(view.secrets.embeddingsApiKey, true);
    assert.equal(fs.statSync(path.join(paths.secrets, 'embeddings-api-key')).mode & 0o777, 0o600, 'the web shell’s 0600 secret file');
    await core.bridges.whenReady(60_000);
    const started = await call<EmbeddingsBuildState>('embeddings:start-build');
    assert.equal(started.status, 'running');
    await core.embeddings.settled();
    const state = await call<EmbeddingsBuildState>('embeddings:get-build');
    assert.equal(state.status, 'failed', JSON.stringify(state));
    assert.ok(state.status === 'failed');
    assert.equal(state.code, 'CONFIG_ERROR');
    assert.match(state.message, /rejected the API key \(HTTP 401\)/);
    assert.match(state.modelId ?? '', /^compat@127\.0\.0\.1:\d+:stub-embed:64$/);
    assert.ok(stub.requests.some((r) => r.authorization === `Bearer ${WRONG_KEY}`), 'the key from the secret store was used');
    // The bridge, on the same wrong key, cannot even embed the query.
    assert.equal((await search()).error?.code, 'CONFIG_ERROR');
    const everything = JSON.stringify(events) + fs.readFileSync(path.join(paths.logs, 'main.log'), 'utf8');
    assert.ok(!everything.includes(WRONG_KEY), 'the key is not in events or the app log');
  });

  test('cancel mid-way ends cancelled; a second start while running is refused; starting again resumes and publishes', async () => {
    await call('settings:set-secret', { name: 'embeddingsApiKey', value: GOOD_KEY });
    await core.bridges.whenReady(60_000);
    // Nothing was published by the failed build: with a good key the bridge says the set is not built.
    const before = await search();
    assert.equal(before.isError, true);
    assert.equal(before.error.code, 'UNAVAILABLE', JSON.stringify(before.error));
    assert.match(before.error.message, /not built/);
    stub.behaviour.delayMs = 150;
    events.length = 0;
    await call('embeddings:start-build');
    await waitFor('two batches', () => {
      const s = core.embeddings.state();
      return s.status === 'running' && s.done >= 16;
    });
    const twice = await invoke('embeddings:start-build', {});
    assert.equal(twice.ok, false);
    assert.ok(!twice.ok && twice.error.code === 'UNAVAILABLE' && /already being built/.test(twice.error.message), JSON.stringify(twice));
    const cancelled = await call<EmbeddingsBuildState>('embeddings:cancel-build');
    assert.equal(cancelled.status, 'cancelled', JSON.stringify(cancelled));
    assert.ok(cancelled.status === 'cancelled' && cancelled.done >= 16 && cancelled.done < cancelled.total, JSON.stringify(cancelled));
    const afterCancel = await search();
    assert.ok(afterCancel.isError && /not built/.test(afterCancel.error.message), 'a cancelled set is not served');

    stub.behaviour.delayMs = 0;
    events.length = 0;
    const requestsBefore = stub.requests.length;
    await call('embeddings:start-build');
    await core.embeddings.settled();
    const done = await call<EmbeddingsBuildState>('embeddings:get-build');
    assert.equal(done.status, 'done', JSON.stringify(done));
    assert.ok(done.status === 'done');
    assert.equal(done.published, true);
    assert.equal(done.vectors, cancelled.total);
    assert.ok(done.reused >= cancelled.done, `resumed: reused ${done.reused} of the ${cancelled.done} staged before the cancel`);
    assert.equal(done.computed + done.reused, done.vectors);
    assert.ok(stub.requests.slice(requestsBefore).every((r) => r.authorization === `Bearer ${GOOD_KEY}`));
    // Progress went out as events: running with a rising count, then done.
    const running = events.filter((e) => e.status === 'running') as Extract<EmbeddingsBuildState, { status: 'running' }>[];
    assert.ok(running.length >= 2, `running events: ${running.length}`);
    const counts = running.map((e) => e.done);
    assert.deepEqual(counts, [...counts].sort((a, b) => a - b));
    assert.equal(running.at(-1)!.done, done.vectors);
    assert.equal(events.at(-1)!.status, 'done');

    // The bridge restarted onto the new set and searches with it.
    const result = await search();
    assert.equal(result.isError, false, JSON.stringify(result.error));
    const port = new URL(stub.baseURL).port;
    assert.equal((result.structured as { model: string }).model, `compat@127.0.0.1:${port}:stub-embed:64`);
    assert.ok((result.structured as { n: number }).n >= 1);
    assert.ok(!fs.readFileSync(path.join(paths.logs, 'main.log'), 'utf8').includes(GOOD_KEY), 'the key is not in the app log');
  });

  test('cancel with nothing running just returns the last state', async () => {
    assert.equal((await call<EmbeddingsBuildState>('embeddings:cancel-build')).status, 'done');
  });
});
