import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { adminClient, adminConfig, type DatabaseTarget } from '../db/database.ts';
import { todayUtc } from './calendar.ts';
import { DEFAULT_SEED, generateData, type RowCounts, type Scale } from './generate.ts';
import { migrate } from '../db/migrate.ts';
import { assertAdminPrivileges } from '../db/privileges.ts';
import { syncIdentities } from '../db/roles.ts';
import { loadProductAttributes } from '../search/attributes-phase.ts';
import { buildProductEmbeddings } from '../search/embeddings-phase.ts';
import { defineQuery } from '../db/typed-query.ts';

const dropAppSchemas = defineQuery<[], never>('drop_app_schemas');
const recordBuild = defineQuery<[seed: number, scale: string, asOf: string, counts: unknown, timings: unknown], never>('record_build');
const databaseExists = defineQuery<[name: string], { found: boolean }>('database_exists');
const terminateSessions = defineQuery<[database: string], never>('terminate_sessions');
const currentDatabase = defineQuery<[], { db: string }>('current_database');

export type ResetPhase = 'schema' | 'data' | 'indexes' | 'roles' | 'embeddings' | 'swap' | 'done';

/** Progress of a rebuild, for the CLI's stderr and the UI's progress bar. */
export interface ResetProgress {
  phase: ResetPhase;
  /** 0..1 over the whole rebuild. */
  fraction: number;
  message: string;
}

export interface ResetResult {
  seed: number;
  scale: Scale;
  /** The day the data ends on (YYYY-MM-DD). */
  asOf: string;
  counts: RowCounts;
  timings: Record<'schemaMs' | 'dataMs' | 'indexesMs' | 'rolesMs' | 'embeddingsMs' | 'swapMs' | 'totalMs', number>;
  skippedMigrations: { name: string; reason: string }[];
}

const BUILD_DATABASE = 'zava_build';
const PREVIOUS_DATABASE = 'zava_previous';

/**
 * Rebuilds the data set. On the embedded server it builds a fresh database beside the
 * current one and swaps it in only when complete, so a failed or interrupted rebuild
 * leaves the existing database intact. On an external server it rebuilds in place.
 */
export async function resetDatabase(
  target: DatabaseTarget,
  options: { scale: Scale; seed?: number; /** YYYY-MM-DD, validated by the caller; default today (UTC). */ asOf?: string; onProgress?: (p: ResetProgress) => void },
): Promise<ResetResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const asOf = options.asOf ?? todayUtc();
  const report = options.onProgress ?? (() => undefined);
  const started = Date.now();
  const timings = { schemaMs: 0, dataMs: 0, indexesMs: 0, rolesMs: 0, embeddingsMs: 0, swapMs: 0, totalMs: 0 };
  const embedded = target.kind === 'embedded';
  const buildDb = embedded ? BUILD_DATABASE : target.database;

  let t = Date.now();
  report({ phase: 'schema', fraction: 0.02, message: 'Creating the schema…' });
  if (embedded) {
    const admin = await adminClient(target, 'postgres');
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${BUILD_DATABASE} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${BUILD_DATABASE}`);
    } finally {
      await admin.end();
    }
  }
  const client = await adminClient(target, buildDb);
  let skippedMigrations: { name: string; reason: string }[] = [];
  let counts: RowCounts;
  try {
    if (!embedded) {
      // In place: refuse before dropping anything when the admin login could not build it again.
      await assertAdminPrivileges(client);
      await dropAppSchemas.rows(client);
    }
    await migrate(client, { beforeData: true });
    timings.schemaMs = Date.now() - t;

    t = Date.now();
    report({ phase: 'data', fraction: 0.05, message: 'Generating and loading data…' });
    counts = await generateData(
      async () => {
        const c = new pg.Client(adminConfig(target, buildDb));
        await c.connect();
        return c;
      },
      {
        seed,
        scale: options.scale,
        asOf,
        onProgress: (done, total) =>
          report({ phase: 'data', fraction: 0.05 + 0.65 * (done / total), message: `Loaded ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} orders` }),
      },
    );
    timings.dataMs = Date.now() - t;

    t = Date.now();
    report({ phase: 'indexes', fraction: 0.72, message: 'Building keys and indexes…' });
    skippedMigrations = (await migrate(client)).skipped;
    // The summary tables are read by index-only scans (per-customer totals in customer_id
    // order): that needs their visibility map, which only VACUUM sets (not inside a migration).
    await client.query('VACUUM (ANALYZE) retail.customer_store_sales, retail.product_store_month_sales');
    timings.indexesMs = Date.now() - t;

    t = Date.now();
    report({ phase: 'roles', fraction: 0.95, message: 'Creating identity roles…' });
    await syncIdentities(client, target.passwords);
    await tuneForScale(client, options.scale);
    timings.rolesMs = Date.now() - t;

    // Merchandising data for search (attributes, shoppers' words), then the product vectors,
    // whose documents include those words (shipped ones reused by content hash; see main/search/).
    t = Date.now();
    await loadProductAttributes(client);
    await buildProductEmbeddings(client, (f, message) => report({ phase: 'embeddings', fraction: 0.955 + 0.02 * f, message }));
    timings.embeddingsMs = Date.now() - t;
    timings.totalMs = Date.now() - started;
    await recordBuild.rows(client, seed, options.scale, asOf, counts, timings);
  } finally {
    await client.end();
  }

  if (embedded) {
    t = Date.now();
    report({ phase: 'swap', fraction: 0.98, message: 'Switching to the new database…' });
    await swapIn(target);
    timings.swapMs = Date.now() - t;
  }
  timings.totalMs = Date.now() - started;
  // Bridges watch this marker: a new build invalidates every cached result.
  fs.mkdirSync(target.paths.run, { recursive: true });
  fs.writeFileSync(path.join(target.paths.run, 'build-id'), `${seed}:${options.scale}:${asOf}:${Date.now()}`);
  report({ phase: 'done', fraction: 1, message: 'Database ready.' });
  return { seed, scale: options.scale, asOf, counts, timings, skippedMigrations };
}

/** Replaces the app database with the freshly built one; open sessions are ended (they reconnect). */
async function swapIn(target: DatabaseTarget): Promise<void> {
  const admin = await adminClient(target, 'postgres');
  const name = admin.escapeIdentifier(target.database);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${PREVIOUS_DATABASE} WITH (FORCE)`);
    const exists = (await databaseExists.first(admin, target.database))?.found === true;
    if (exists) {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await terminateSessions.rows(admin, target.database);
      await admin.query(`ALTER DATABASE ${name} RENAME TO ${PREVIOUS_DATABASE}`);
    }
    await admin.query(`ALTER DATABASE ${BUILD_DATABASE} RENAME TO ${name}`);
    if (exists) await admin.query(`DROP DATABASE ${PREVIOUS_DATABASE} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * At the large scale, aggregations by customer spill to disk with the default 4 MB work_mem
 * (top customers by spend: 7.1 s with a merge join over an index scan; 3.6 s with 64 MB).
 * At the lab's scale the larger setting picks a slower plan (335 → 470 ms), so only large
 * builds get it. The setting lives on the database, so it follows the swap.
 */
async function tuneForScale(client: pg.Client, scale: Scale): Promise<void> {
  if (scale !== 'large') return;
  const { db } = (await currentDatabase.first(client))!;
  await client.query(`ALTER DATABASE ${client.escapeIdentifier(db)} SET work_mem = '64MB'`).catch(() => undefined);
}
