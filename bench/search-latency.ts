// Search latency: encoder load time and memory, the first query in a fresh process, time to
// embed the catalog, and query latency p50/p95 (embedding + search) at the default scale and
// with 10,000 products (synthetic extras in a bench-only database), with pgvector (HNSW) and
// without it (exact scan in Node), and at the default scale again without pgvector.
//   node --import tsx bench/search-latency.ts [--scale tiny|small|default] [--json]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { identityConfig } from '../main/db/database.ts';
import type { Scale } from '../main/dataset/generate.ts';
import { resolveIdentity } from '../main/db/identities.ts';
import { catalogProducts } from '../main/db/catalog.ts';
import { alsoSayOf } from '../main/search/attributes.ts';
import { localEncoder } from '../main/search/local-encoder.ts';
import { productDocument } from '../main/search/product-documents.ts';
import { createSearchService, type SearchService } from '../main/search/service.ts';
import { createTestDatabase } from '../test/helpers/database.ts';
import { addSyntheticProducts } from '../test/helpers/synthetic-products.ts';
import { loadEvalSet } from './search-eval.ts';
import { distribution, type Distribution } from './stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Latency of one configuration, over every eval query × rounds. */
export interface LatencyRun {
  products: number;
  path: string;
  total: Distribution;
  embed: Distribution;
  search: Distribution;
  /** The first query of the run (a cache fill on the exact-scan path). */
  firstMs: number;
}

/** Everything `measureSearchLatency` measured (milliseconds, MiB). */
export interface SearchLatencyReport {
  scale: Scale;
  coldStart: { firstQueryMs: number; firstQueryEmbedMs: number; secondQueryMs: number; encoderLoadMs: number; encoderLoadRssMiB: number; rssAfterMiB: number };
  catalogEmbed: { products: number; ms: number; perProductMs: number };
  atScale: LatencyRun;
  tenThousand: LatencyRun & { synthesiseMs: number };
  tenThousandExactScan: LatencyRun;
  /** The default-scale catalog again, after pgvector is gone (exact scan in Node). */
  atScaleExactScan: LatencyRun;
}

async function measure(service: SearchService, client: pg.Client, queries: string[], rounds: number): Promise<LatencyRun> {
  const total: number[] = [];
  const embed: number[] = [];
  const search: number[] = [];
  let path = '';
  let firstMs = -1;
  let products = 0;
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      const t = performance.now();
      const result = await service.search(client, { query_description: q });
      const ms = performance.now() - t;
      if (firstMs < 0) firstMs = ms;
      else {
        total.push(ms);
        embed.push(result.timings.embedMs);
        search.push(result.timings.searchMs);
      }
      path = result.path;
    }
  }
  products = Number((await client.query('SELECT count(*) FROM retail.products')).rows[0].count);
  return { products, path, total: distribution(total), embed: distribution(embed), search: distribution(search), firstMs };
}

/** Runs every measurement on a throwaway database; exported for `npm run bench`. */
export async function measureSearchLatency(options: { scale?: Scale; rounds?: number; log?: (line: string) => void } = {}): Promise<SearchLatencyReport> {
  const scale = options.scale ?? 'default';
  const rounds = options.rounds ?? 3;
  const log = options.log ?? (() => undefined);
  log(`building a ${scale}-scale database…`);
  const db = await createTestDatabase({ scale });
  const identity = resolveIdentity('seattle');
  const client = await db.as(identity);
  const admin = await db.admin();
  try {
    log('cold start in a fresh process…');
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'search-cold-start.ts')], {
      env: { ...process.env, ZAVA_BENCH_PG: JSON.stringify(identityConfig(db.target, identity)) },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (child.status !== 0) throw new Error(`cold-start child failed: ${child.stderr}`);
    const coldStart = JSON.parse(child.stdout.trim().split('\n').at(-1)!);

    const service = createSearchService();
    await service.warmUp();
    log('embedding the catalog…');
    const docs = catalogProducts().map((p) => productDocument({ ...p, alsoSay: alsoSayOf(p) }));
    const encoder = localEncoder();
    let t = performance.now();
    for (let i = 0; i < docs.length; i += encoder.maxBatch) await encoder.embed(docs.slice(i, i + encoder.maxBatch));
    const catalogMs = performance.now() - t;

    const queries = loadEvalSet().map((q) => q.query);
    log(`latency at ${scale} scale…`);
    const atScale = await measure(service, client, queries, rounds);
    log('synthesising products up to 10,000…');
    t = performance.now();
    await addSyntheticProducts(admin, 10_000 - atScale.products);
    const synthesiseMs = performance.now() - t;
    const tenThousand = { ...(await measure(service, client, queries, rounds)), synthesiseMs };
    log('latency without pgvector (exact scan in Node)…');
    await admin.query('DROP EXTENSION vector CASCADE');
    const tenThousandExactScan = await measure(service, client, queries, rounds);
    log(`latency at ${scale} scale without pgvector…`);
    await admin.query("DELETE FROM retail.products WHERE sku LIKE 'SYN-%'");
    await admin.query(
      `UPDATE zava_meta.embedding_models m SET version = gen_random_uuid(), vectors = (SELECT count(*) FROM retail.product_description_embeddings e WHERE e.model_id = m.model_id)`,
    );
    await admin.query('ANALYZE retail.products');
    const atScaleExactScan = await measure(service, client, queries, rounds);
    return {
      scale,
      coldStart,
      catalogEmbed: { products: docs.length, ms: catalogMs, perProductMs: catalogMs / docs.length },
      atScale,
      tenThousand,
      tenThousandExactScan,
      atScaleExactScan,
    };
  } finally {
    await client.end();
    await admin.end();
    await db.close();
  }
}

function formatRun(name: string, run: LatencyRun): string {
  const d = (x: Distribution) => `p50 ${x.median.toFixed(1)} / p95 ${x.p95.toFixed(1)}`;
  return `${name.padEnd(26)} ${String(run.products).padStart(6)} products, ${run.path.padEnd(14)} total ${d(run.total)} ms (embed ${d(run.embed)}, search ${d(run.search)}), first ${run.firstMs.toFixed(0)} ms`;
}

/** Plain-text summary of a report. */
export function formatLatencyReport(r: SearchLatencyReport): string {
  return [
    `encoder: load ${r.coldStart.encoderLoadMs.toFixed(0)} ms, +${r.coldStart.encoderLoadRssMiB.toFixed(0)} MiB RSS (process ${r.coldStart.rssAfterMiB.toFixed(0)} MiB)`,
    `first query after start: ${r.coldStart.firstQueryMs.toFixed(0)} ms (then ${r.coldStart.secondQueryMs.toFixed(0)} ms)`,
    `catalog embedding: ${r.catalogEmbed.products} products in ${(r.catalogEmbed.ms / 1000).toFixed(1)} s (${r.catalogEmbed.perProductMs.toFixed(1)} ms each)`,
    formatRun(`${r.scale} scale`, r.atScale),
    formatRun('10k products', r.tenThousand) + ` (synthesised in ${(r.tenThousand.synthesiseMs / 1000).toFixed(1)} s)`,
    formatRun('10k, no pgvector', r.tenThousandExactScan),
    ...(r.atScaleExactScan ? [formatRun(`${r.scale} scale, no pgvector`, r.atScaleExactScan)] : []),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const scaleArg = process.argv.indexOf('--scale');
  const scale = (scaleArg > 0 ? process.argv[scaleArg + 1] : 'default') as Scale;
  measureSearchLatency({ scale, log: (line) => process.stderr.write(`search-latency: ${line}\n`) })
    .then((report) => process.stdout.write((process.argv.includes('--json') ? JSON.stringify(report, null, 2) : formatLatencyReport(report)) + '\n'))
    .catch((error) => {
      process.stderr.write(`search-latency: ${(error as Error).stack ?? error}\n`);
      process.exit(1);
    });
}
