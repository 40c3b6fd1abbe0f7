// Retrieval quality of semantic search: hit@1, hit@5 and MRR for vector-only, text-only and fused
// ranking, plus the fused results exactly as the tool returns them (threshold 30, 20 rows), on two
// labelled sets:
// - bench/search-eval.json (73 queries: keyword, attribute, use-case, paraphrase), the set the
//   ranking was designed on;
// - bench/search-eval-holdout.json (40 queries: use-case, paraphrase), written afterwards by someone
//   who had not seen the ranking code, in shoppers' words (British, slang, problems described), to
//   show how far the figures of the first set carry over.
//   node --import tsx bench/search-eval.ts [--json] [--provider '<json>'] [--set development|holdout]
// --set evaluates one set only: tune on development, and look at the holdout only to report it.
// --provider measures another embedding provider instead of the offline encoder: a provider config
// as in settings (e.g. {"kind":"openai","model":"text-embedding-3-small"}), with the API key taken
// from ZAVA_EMBEDDINGS_API_KEY. Its vectors are computed into the throwaway database first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveIdentity } from '../main/db/identities.ts';
import { DEFAULT_FUSION, TEXT_ONLY, VECTOR_ONLY, type FusionWeights } from '../main/search/ranking.ts';
import { indexProductEmbeddings } from '../main/search/indexer.ts';
import type { EmbeddingProvider } from '../main/search/provider.ts';
import { createEmbeddingProvider, embeddingProviderConfigSchema } from '../main/search/provider-config.ts';
import { EMBEDDINGS_API_KEY_ENV } from '../main/search/provider-from-settings.ts';
import { createSearchService, type Queryable, type SearchService } from '../main/search/service.ts';
import { createTestDatabase } from '../test/helpers/database.ts';
import { readEnvVar } from '../main/kernel/config/env.ts';

/** The labelled queries (kinds keyword, attribute, use-case, paraphrase) with their relevant SKUs. */
export const EVAL_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'search-eval.json');
/** The held-out set (see the header). */
export const HOLDOUT_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'search-eval-holdout.json');
/** Both sets, by name, in report order. */
export const EVAL_SETS = { development: EVAL_FILE, holdout: HOLDOUT_FILE } as const;

/** One labelled query. */
export interface EvalQuery {
  query: string;
  relevant_skus: string[];
  kind: string;
}

/** hit@1, hit@5 (share of queries with a relevant product in the top 1 / 5) and MRR (first relevant rank, within the list). */
export interface EvalMetrics {
  n: number;
  hit1: number;
  hit5: number;
  mrr: number;
}

/** Metrics per ranking, overall and per query kind. */
export interface SearchEvalReport {
  /** Which labelled set (a key of EVAL_SETS). */
  set: string;
  modelId: string;
  queries: number;
  /** Rankings compared over the same candidates (top 100, no threshold). */
  vector: EvalMetrics & { byKind: Record<string, EvalMetrics> };
  text: EvalMetrics & { byKind: Record<string, EvalMetrics> };
  fused: EvalMetrics & { byKind: Record<string, EvalMetrics> };
  /** What `semantic_search_products` returns with its defaults (threshold 30 %, max_rows 20). */
  tool: EvalMetrics & { byKind: Record<string, EvalMetrics> };
  /** First relevant rank per query (−1: not found) for the fused ranking, for error analysis. */
  misses: { query: string; kind: string; fusedRank: number; top: string[] }[];
}

/** Reads the labelled queries. */
export function loadEvalSet(file = EVAL_FILE): EvalQuery[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { queries: EvalQuery[] }).queries;
}

function metrics(ranks: number[]): EvalMetrics {
  const n = ranks.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n,
    hit1: round(ranks.filter((r) => r === 0).length / n),
    hit5: round(ranks.filter((r) => r >= 0 && r < 5).length / n),
    mrr: round(ranks.reduce((s, r) => s + (r >= 0 ? 1 / (r + 1) : 0), 0) / n),
  };
}

function summarise(queries: EvalQuery[], ranks: number[]): EvalMetrics & { byKind: Record<string, EvalMetrics> } {
  const kinds = [...new Set(queries.map((q) => q.kind))];
  return { ...metrics(ranks), byKind: Object.fromEntries(kinds.map((k) => [k, metrics(ranks.filter((_, i) => queries[i]!.kind === k))])) };
}

/**
 * Evaluates the service on `db` (any identity connection: the ranking is catalog data).
 * Exported for `npm run bench`.
 */
export async function evaluateSearch(options: { db: Queryable; service?: SearchService; queries?: EvalQuery[]; set?: string }): Promise<SearchEvalReport> {
  const service = options.service ?? createSearchService();
  const queries = options.queries ?? loadEvalSet();
  const skuOf = new Map((await options.db.query('SELECT product_id, sku FROM retail.products')).rows.map((r) => [r.product_id as string, r.sku as string]));
  const rankOf = async (q: EvalQuery, weights: FusionWeights) => {
    const ranked = await service.rank(options.db, q.query, { weights, limit: 100 });
    return ranked.map((r) => skuOf.get(r.productId)!);
  };
  const firstRelevant = (q: EvalQuery, skus: string[]) => skus.findIndex((s) => q.relevant_skus.includes(s));
  const ranks = { vector: [] as number[], text: [] as number[], fused: [] as number[], tool: [] as number[] };
  const misses: SearchEvalReport['misses'] = [];
  for (const q of queries) {
    ranks.vector.push(firstRelevant(q, await rankOf(q, VECTOR_ONLY)));
    ranks.text.push(firstRelevant(q, await rankOf(q, TEXT_ONLY)));
    const fused = await rankOf(q, DEFAULT_FUSION);
    ranks.fused.push(firstRelevant(q, fused));
    const tool = await service.search(options.db, { query_description: q.query });
    ranks.tool.push(firstRelevant(q, tool.products.map((p) => p.sku)));
    if (ranks.fused.at(-1)! < 0 || ranks.fused.at(-1)! >= 5) misses.push({ query: q.query, kind: q.kind, fusedRank: ranks.fused.at(-1)!, top: fused.slice(0, 3) });
  }
  return {
    set: options.set ?? 'development',
    modelId: service.provider.modelId,
    queries: queries.length,
    vector: summarise(queries, ranks.vector),
    text: summarise(queries, ranks.text),
    fused: summarise(queries, ranks.fused),
    tool: summarise(queries, ranks.tool),
    misses,
  };
}

/**
 * Builds a throwaway database (tiny scale: the full 423-product catalog), evaluates both sets,
 * cleans up. With `provider`, that provider's product vectors are computed first (the offline
 * encoder's come with the build).
 */
export async function runSearchEval(options: { provider?: EmbeddingProvider; log?: (line: string) => void; sets?: (keyof typeof EVAL_SETS)[] } = {}): Promise<SearchEvalReport[]> {
  const db = await createTestDatabase({ scale: 'tiny' });
  const client = await db.as(resolveIdentity('head-office'));
  try {
    if (options.provider && options.provider.kind !== 'local') {
      const admin = await db.admin();
      try {
        await indexProductEmbeddings(admin, options.provider, { onProgress: (p) => options.log?.(`${p.modelId}: ${p.message}`) });
      } finally {
        await admin.end();
      }
    }
    const service = createSearchService(options.provider ? { provider: options.provider } : {});
    await service.warmUp();
    const reports: SearchEvalReport[] = [];
    for (const [set, file] of Object.entries(EVAL_SETS)) {
      if (options.sets && !options.sets.includes(set as keyof typeof EVAL_SETS)) continue;
      reports.push(await evaluateSearch({ db: client, service, queries: loadEvalSet(file), set }));
    }
    return reports;
  } finally {
    await client.end();
    await db.close();
  }
}

/** Plain-text tables of the reports, one per set. */
export function formatEvalReports(reports: SearchEvalReport[]): string {
  return reports.map(formatEvalReport).join('\n\n');
}

/** Plain-text table of one set's report. */
export function formatEvalReport(report: SearchEvalReport): string {
  const row = (name: string, m: EvalMetrics) => `${name.padEnd(22)} ${m.hit1.toFixed(3).padStart(6)} ${m.hit5.toFixed(3).padStart(6)} ${m.mrr.toFixed(3).padStart(6)}`;
  const lines = [`search eval (${report.set} set): ${report.queries} queries, model ${report.modelId}`, `${''.padEnd(22)}  hit@1  hit@5    MRR`];
  for (const name of ['vector', 'text', 'fused', 'tool'] as const) {
    lines.push(row(name === 'tool' ? 'fused (tool defaults)' : `${name}-only`.replace('fused-only', 'fused'), report[name]));
    for (const [kind, m] of Object.entries(report[name].byKind)) lines.push(row(`  ${kind}`, m));
  }
  return lines.join('\n');
}

/** The provider named by `--provider '<json>'` (validated like settings; key from the environment), if any. */
function providerFromArguments(argv: string[]): EmbeddingProvider | undefined {
  const at = argv.indexOf('--provider');
  if (at < 0) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(argv[at + 1] ?? '');
  } catch {
    throw new Error(`--provider takes a JSON provider config, e.g. '{"kind":"openai","model":"text-embedding-3-small"}'.`);
  }
  const apiKey = readEnvVar('ZAVA_EMBEDDINGS_API_KEY');
  const parsed = embeddingProviderConfigSchema.safeParse({ ...(apiKey ? { apiKey } : {}), ...(config as object) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`--provider: ${issue.path.join('.') || 'config'}: ${issue.message}${issue.path[0] === 'apiKey' ? ` (set ${EMBEDDINGS_API_KEY_ENV})` : ''}.`);
  }
  return createEmbeddingProvider(parsed.data);
}

/** The sets named by `--set <name>` (all when absent). */
function setsFromArguments(argv: string[]): (keyof typeof EVAL_SETS)[] | undefined {
  const at = argv.indexOf('--set');
  if (at < 0) return undefined;
  const name = argv[at + 1] ?? '';
  if (!(name in EVAL_SETS)) throw new Error(`--set takes one of ${Object.keys(EVAL_SETS).join(', ')}, got "${name}".`);
  return [name as keyof typeof EVAL_SETS];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  Promise.resolve()
    .then(() => runSearchEval({ provider: providerFromArguments(process.argv), sets: setsFromArguments(process.argv), log: (line) => process.stderr.write(line + '\n') }))
    .then((reports) => {
      process.stdout.write(process.argv.includes('--json') ? JSON.stringify(reports, null, 2) + '\n' : formatEvalReports(reports) + '\n');
    })
    .catch((error) => {
      process.stderr.write(`search-eval: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
