import pg from 'pg';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { identityConfig, openDatabase } from '../main/db/database.ts';
import { dataPaths } from '../main/kernel/config/paths.ts';
import { resolveIdentity } from '../main/db/identities.ts';
import { startBridge, type BridgeHandle } from '../test/helpers/bridge.ts';
import { QUESTIONS } from './questions.ts';
import { distribution, pssMiB, timeIt, type Distribution } from './stats.ts';

/** A trivial query whose plan PostgreSQL caches: what the ≤ 2 ms overhead target is about. */
const CACHED_PLAN_SQL = "SELECT store_name, is_online FROM retail.stores WHERE store_name = 'Zava Retail Seattle'";

export interface ToolLatency {
  id: string;
  title: string;
  direct: Distribution;
  bridge: Distribution;
  bridgeCached: Distribution;
  overheadMedianMs: number;
}

export interface BridgeBenchResult {
  identity: string;
  cachedPlan: { directPrepared: Distribution; directUnnamed: Distribution; bridge: Distribution; bridgeCacheHit: Distribution; overheadMedianMs: number };
  questions: ToolLatency[];
  concurrency: { clients: number; calls: number; seconds: number; callsPerSecond: number; latency: Distribution; errors: number; firstError?: string }[];
  bridgeStartToToolsListMs: Distribution;
  memory: { bridgeIdlePssMiB?: number; bridgeAfterLoadPssMiB?: number };
}

async function callTool(client: Client, sql: string): Promise<void> {
  const result = await client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: sql } });
  if (result.isError) throw new Error(`bench query failed: ${JSON.stringify(result.content).slice(0, 300)}`);
}

/**
 * Bridge vs direct `pg` as the same identity role, in one run: the same SQL, the same
 * extended protocol, the same read-only transaction semantics on the direct side.
 */
export async function benchBridge(options: {
  dataDir: string;
  user?: string;
  repeats?: number;
  concurrency?: number[];
  /** Calls per concurrency level, shared by its clients (default 160). */
  callsPerLevel?: number;
  /** Bridge starts timed to the first tools/list (default 5). */
  starts?: number;
  /** Question ids to time (default: all). */
  questions?: string[];
  log?: (s: string) => void;
}): Promise<BridgeBenchResult> {
  const log = options.log ?? (() => undefined);
  const user = options.user ?? 'head-office';
  const repeats = options.repeats ?? 9;
  const paths = dataPaths(options.dataDir);
  const target = await openDatabase(paths);
  const direct = new pg.Client({ ...identityConfig(target, resolveIdentity(user)), options: '-c TimeZone=UTC' });
  await direct.connect();
  const uncached = await startBridge(options.dataDir, user, { ZAVA_CACHE_TTL_MS: '0' });
  const cached = await startBridge(options.dataDir, user, { ZAVA_CACHE_TTL_MS: '3600000' });
  const handles: BridgeHandle[] = [uncached, cached];
  try {
    const directRun = (sql: string, name?: string) => direct.query({ text: sql, rowMode: 'array', ...(name ? { name } : {}) });
    const directReadOnly = async (sql: string, name?: string) => {
      await direct.query('BEGIN READ ONLY');
      await directRun(sql, name);
      await direct.query('ROLLBACK');
    };

    log('bench bridge: cached-plan query');
    const samples = { prepared: [] as number[], unnamed: [] as number[], bridge: [] as number[], hit: [] as number[] };
    for (let i = 0; i < 5; i++) {
      await directRun(CACHED_PLAN_SQL, 'cached_plan');
      await callTool(uncached.client, CACHED_PLAN_SQL);
      await callTool(cached.client, CACHED_PLAN_SQL);
    }
    for (let i = 0; i < repeats * 20; i++) {
      samples.prepared.push(await timeIt(() => directReadOnly(CACHED_PLAN_SQL, 'cached_plan')));
      samples.unnamed.push(await timeIt(() => directReadOnly(CACHED_PLAN_SQL)));
      samples.bridge.push(await timeIt(() => callTool(uncached.client, CACHED_PLAN_SQL)));
      samples.hit.push(await timeIt(() => callTool(cached.client, CACHED_PLAN_SQL)));
    }
    const cachedPlan = {
      directPrepared: distribution(samples.prepared),
      directUnnamed: distribution(samples.unnamed),
      bridge: distribution(samples.bridge),
      bridgeCacheHit: distribution(samples.hit),
      overheadMedianMs: 0,
    };
    cachedPlan.overheadMedianMs = Math.round((cachedPlan.bridge.median - cachedPlan.directPrepared.median) * 1000) / 1000;

    const questions: ToolLatency[] = [];
    const chosen = QUESTIONS.filter((q) => !options.questions || options.questions.includes(q.id));
    // A question with a summary form is timed twice: as written over the base tables, and as a
    // model told about the summary tables writes it (what the large-scale target is about).
    const forms = chosen.flatMap((q) => [
      { id: q.id, title: q.title, sql: q.sql },
      ...(q.summarySql ? [{ id: `${q.id}.summary`, title: `${q.title} (summary tables)`, sql: q.summarySql }] : []),
    ]);
    for (const q of forms) {
      log(`bench bridge: ${q.id}`);
      await directRun(q.sql);
      await callTool(uncached.client, q.sql);
      await callTool(cached.client, q.sql);
      const d: number[] = [];
      const b: number[] = [];
      const c: number[] = [];
      for (let i = 0; i < repeats; i++) {
        d.push(await timeIt(() => directReadOnly(q.sql)));
        b.push(await timeIt(() => callTool(uncached.client, q.sql)));
        c.push(await timeIt(() => callTool(cached.client, q.sql)));
      }
      const entry = { id: q.id, title: q.title, direct: distribution(d), bridge: distribution(b), bridgeCached: distribution(c), overheadMedianMs: 0 };
      entry.overheadMedianMs = Math.round((entry.bridge.median - entry.direct.median) * 1000) / 1000;
      questions.push(entry);
    }
    const bridgeIdlePssMiB = pssMiB(uncached.pid);

    const concurrency: BridgeBenchResult['concurrency'] = [];
    const cheap = QUESTIONS.filter((q) => ['customers_per_store', 'avg_order_value_store', 'daily_sales_recent', 'returns_by_store'].includes(q.id));
    for (const clients of options.concurrency ?? [1, 4, 16]) {
      log(`bench bridge: ${clients} concurrent clients`);
      const pool = await Promise.all(Array.from({ length: clients }, () => startBridge(options.dataDir, user, { ZAVA_CACHE_TTL_MS: '0' })));
      handles.push(...pool);
      const perClient = Math.max(10, Math.round((options.callsPerLevel ?? 160) / clients));
      const latencies: number[] = [];
      let errors = 0;
      let firstError: string | undefined;
      const started = performance.now();
      await Promise.all(
        pool.map(async (h, ci) => {
          for (let i = 0; i < perClient; i++) {
            const q = cheap[(ci + i) % cheap.length]!;
            try {
              latencies.push(await timeIt(() => callTool(h.client, q.sql)));
            } catch (error) {
              errors++;
              firstError ??= (error as Error).message;
            }
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      concurrency.push({ clients, calls: clients * perClient, seconds: Math.round(seconds * 100) / 100, callsPerSecond: Math.round((clients * perClient) / seconds), latency: distribution(latencies), errors, ...(firstError ? { firstError } : {}) });
      await Promise.all(pool.map((h) => h.close()));
    }
    const bridgeAfterLoadPssMiB = pssMiB(uncached.pid);

    log('bench bridge: start to first tools/list');
    const startSamples: number[] = [];
    for (let i = 0; i < (options.starts ?? 5); i++) {
      startSamples.push(
        await timeIt(async () => {
          const h = await startBridge(options.dataDir, user);
          await h.client.listTools();
          await h.close();
        }),
      );
    }
    return {
      identity: user,
      cachedPlan,
      questions,
      concurrency,
      bridgeStartToToolsListMs: distribution(startSamples),
      memory: { ...(bridgeIdlePssMiB ? { bridgeIdlePssMiB } : {}), ...(bridgeAfterLoadPssMiB ? { bridgeAfterLoadPssMiB } : {}) },
    };
  } finally {
    await Promise.all(handles.map((h) => h.close()));
    await direct.end();
    await target.engine?.release();
  }
}
