// Child process of bench/search-latency.ts: a fresh Node process that creates the search service
// and times the first query after start (encoder load included, no warm-up), then a second one.
// Input: ZAVA_BENCH_PG = JSON pg.ClientConfig of an identity role. Output: one JSON line.
import pg from 'pg';
import { localEncoder } from '../main/search/local-encoder.ts';
import { createSearchService } from '../main/search/service.ts';

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const client = new pg.Client(JSON.parse(process.env.ZAVA_BENCH_PG ?? '{}'));
  await client.connect();
  const connectedMs = performance.now() - started;
  const service = createSearchService();
  const first = await service.search(client, { query_description: 'cordless drill for decks' });
  const firstQueryMs = performance.now() - started;
  const t = performance.now();
  await service.search(client, { query_description: 'containers for paint' });
  const secondQueryMs = performance.now() - t;
  const stats = localEncoder().stats();
  await client.end();
  process.stdout.write(
    JSON.stringify({
      connectedMs,
      firstQueryMs,
      firstQueryEmbedMs: first.timings.embedMs,
      secondQueryMs,
      encoderLoadMs: stats.loadMs,
      encoderLoadRssMiB: (stats.loadRssBytes ?? 0) / 1048576,
      rssAfterMiB: process.memoryUsage().rss / 1048576,
      rssGrowthMiB: (process.memoryUsage().rss - rssBefore) / 1048576,
    }) + '\n',
  );
}

main().catch((error) => {
  process.stderr.write(`search-cold-start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
