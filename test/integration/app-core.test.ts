import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { AppCore } from '../../main/app/app-core.ts';
import { FileLogger } from '../../main/app/file-logger.ts';
import { dataPaths, type DataPaths } from '../../main/kernel/config/paths.ts';
import { EmbeddedEngine } from '../../main/db/engine.ts';
import type { ResetProgressEvent } from '../../main/kernel/contract.ts';
import { createAppRouter } from '../../main/ipc/handlers.ts';
import type { Invoke } from '../../main/ipc/router.ts';
import { makeDataDir } from '../helpers/database.ts';

/** The core of the desktop app against a real embedded PostgreSQL and the real bridge, no window. */
describe('AppCore (real database, real bridge)', () => {
  let paths: DataPaths;
  let core: AppCore;
  let invoke: Invoke;
  const progress: ResetProgressEvent[] = [];
  const phases: string[] = [];

  const call = async <T = any>(channel: string, request: unknown = {}): Promise<T> => {
    const res = await invoke(channel, request);
    if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };

  before(async () => {
    process.env.ZAVA_FIRST_RUN_SCALE = 'tiny';
    paths = dataPaths(makeDataDir('zava-core-'));
    core = new AppCore({ paths, host: { kind: 'web', revealFile: async () => false }, log: new FileLogger(paths.logs, 'main') });
    invoke = createAppRouter(core);
    core.events.subscribe((event, payload) => {
      if (event === 'database:reset-progress') progress.push(payload as ResetProgressEvent);
      if (event === 'app:state-changed') phases.push((payload as { phase: string }).phase);
    });
    await core.start();
    await core.bridges.whenReady(60_000);
  });

  after(async () => {
    await core?.stop();
    delete process.env.ZAVA_FIRST_RUN_SCALE;
    // The app released its lease, so the server it started must be gone.
    assert.equal(new EmbeddedEngine(paths).status().running, false);
    fs.rmSync(paths.root, { recursive: true, force: true });
  });

  test('first run builds the data with rising progress, then becomes ready', async () => {
    assert.ok(progress.length >= 3, `progress events: ${progress.length}`);
    const fractions = progress.map((p) => p.fraction);
    assert.deepEqual(fractions, [...fractions].sort((a, b) => a - b));
    assert.deepEqual(progress.at(-1), { phase: 'done', fraction: 1, message: 'Database ready.' });
    assert.deepEqual([...new Set(phases)], ['database', 'building', 'bridge', 'ready']);
    const state = await call('app:get-state');
    assert.equal(state.phase, 'ready');
    assert.ok(state.readyAt);
  });

  test('health is green from real probes', async () => {
    const health = await call('health:get-report');
    for (const probe of ['database', 'pgvector', 'bridge', 'embeddings']) assert.equal(health[probe].status, 'ok', `${probe}: ${health[probe].summary} ${health[probe].lastError ?? ''}`);
    assert.equal(health.database.details.scale, 'tiny');
    assert.match(health.bridge.summary, /Ready as seattle/);
  });

  test('the RLS proof through the bridge matches the superuser counts, and switching changes it', async () => {
    const seattle = await call('identity:prove-visibility');
    assert.equal(seattle.identity, 'seattle');
    for (const s of seattle.stores) assert.equal(s.visibleOrders, s.store === 'Zava Retail Seattle' ? s.totalOrders : 0, s.store);
    await call('identity:select-identity', { slug: 'head-office' });
    const all = await call('identity:prove-visibility');
    assert.equal(all.identity, 'head-office');
    assert.equal(all.visibleTotal, all.grandTotal);
    assert.equal(core.settings.read().identity, 'head-office', 'the choice is saved');
  });

  test('top statements come from pg_stat_statements, without the admin and loader unless asked', async () => {
    const res = await call('performance:get-statements', { limit: 100 });
    assert.equal(res.available, true, res.reason);
    assert.ok(res.statements.length > 0, 'the identities’ queries are there');
    const all = await call('performance:get-statements', { limit: 100, includeAdmin: true });
    const loader = all.statements.filter((s: { query: string }) => /^\s*(COPY|CREATE INDEX)/i.test(s.query));
    assert.ok(loader.length > 0, 'with includeAdmin the loader’s COPY and CREATE INDEX show');
    const adminRoles = new Set(loader.map((s: { role: string }) => s.role));
    assert.deepEqual(res.statements.filter((s: { role: string }) => adminRoles.has(s.role)), [], 'by default no statement of the admin role');
  });

  test('a database stopped from outside turns health red with the reason, and Start database recovers it', async () => {
    await new EmbeddedEngine(paths).stop();
    const down = await call('health:get-report');
    assert.equal(down.database.status, 'error');
    assert.match(down.database.lastError, /not running/);
    const up = await call('database:start-server');
    assert.equal(up.database.status, 'ok');
    assert.match(up.database.lastError, /not running/, 'the last error stays visible after recovery');
  });
});
