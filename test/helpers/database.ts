import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dataPaths, type DataPaths } from '../../main/kernel/config/paths.ts';
import { adminConfig, identityConfig, openDatabase, type DatabaseTarget } from '../../main/db/database.ts';
import type { Scale } from '../../main/dataset/generate.ts';
import type { Identity } from '../../main/db/identities.ts';
import { resetDatabase, type ResetResult } from '../../main/dataset/reset.ts';
import { query } from '../../main/db/sql-files.ts';
import { createExternalDatabase, externalTestUrl, type ExternalDatabase } from './external-database.ts';
import { cloneExternalTemplate, externalTemplateFromEnv } from './external-template.ts';
import { cloneTemplate, copyTemplateCluster, TEMPLATE_BUILD, TEST_AS_OF, testServerFromEnv, type ClonedDatabase } from './test-server.ts';

export { TEST_AS_OF };

/**
 * A real database built at `scale`, for one test file. By default a clone of the run's template
 * on the shared test server (test/helpers/test-server.ts), reached through ZAVA_DATABASE_URL as an
 * external server, so this process and its CLI and bridge children use it alike. With
 * `cluster: 'own'`, a real embedded cluster in its own temp data dir: a copy of the test server's
 * template cluster (stopped, copied, started here), or, for another scale, seed or day, with
 * `fresh`, or with no test server (a file run on its own), initdb and a build of its own.
 * `close()` drops or stops it and deletes the dir.
 * With ZAVA_TEST_EXTERNAL_URL (scripts/run-tests.mjs sets it for its external-server pass), a
 * database of this file's own on that server (Debian's PostgreSQL), owned by a CREATEROLE-only
 * admin: a clone of the pass's template (test/helpers/external-template.ts), or built here.
 */
export interface TestDatabase {
  dataDir: string;
  paths: DataPaths;
  target: DatabaseTarget;
  build: ResetResult;
  /** Environment for child processes (CLI, bridge) pointing at this data dir. */
  env: NodeJS.ProcessEnv;
  /** Just the variables that point a child at this database (ZAVA_DATA_DIR, and ZAVA_DATABASE_URL for a clone). */
  databaseEnv: Record<string, string>;
  /** The superuser on the app database (on the external-server pass: the cluster's, not the app's admin login). */
  admin(): Promise<pg.Client>;
  as(identity: Identity): Promise<pg.Client>;
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  scale?: Scale;
  seed?: number;
  /**
   * 'own': a cluster of this file's own, for tests of the server's lifecycle or of cluster-wide
   * state (roles, databases) that files sharing a server would disturb.
   */
  cluster?: 'own' | 'shared';
  /** With `cluster: 'own'`: initdb and build here even where a copy of the template cluster would do (tests of the build itself). */
  fresh?: boolean;
  /** The day the data ends on (default TEST_AS_OF); another day builds a database of its own. */
  asOf?: string;
  /** On the external-server pass: create pgvector in this file's database where the server has it (default true). */
  externalPgvector?: boolean;
}

export function makeDataDir(prefix = 'zava-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A data dir that holds a copy of the run's template cluster (built, stopped), or an empty one
 * when no test server runs (a file run on its own): for tests of an app that finds its data
 * built, where the first-run build itself is not what they test.
 */
export function templateDataDir(prefix = 'zava-test-'): string {
  const dataDir = makeDataDir(prefix);
  const server = externalTestUrl() ? undefined : testServerFromEnv();
  if (server) copyTemplateCluster(server, dataDir);
  return dataDir;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const scale = options.scale ?? TEMPLATE_BUILD.scale;
  const seed = options.seed ?? TEMPLATE_BUILD.seed;
  const asOf = options.asOf ?? TEMPLATE_BUILD.asOf;
  const externalUrl = externalTestUrl();
  const server = externalUrl ? undefined : testServerFromEnv();
  const asTemplate = scale === TEMPLATE_BUILD.scale && seed === TEMPLATE_BUILD.seed && asOf === TEMPLATE_BUILD.asOf;
  const shared = server && options.cluster !== 'own' && asTemplate;
  const copy = server && options.cluster === 'own' && asTemplate && !options.fresh;
  const dataDir = makeDataDir();
  const paths = dataPaths(dataDir);
  let target: DatabaseTarget | undefined;
  let build: ResetResult;
  let clone: ClonedDatabase | undefined;
  let external: ExternalDatabase | undefined;
  try {
    if (externalUrl) {
      const template = asTemplate && (options.externalPgvector ?? true) ? externalTemplateFromEnv() : undefined;
      external = template
        ? await cloneExternalTemplate(externalUrl, template, paths)
        : await createExternalDatabase(externalUrl, { pgvector: options.externalPgvector ?? true });
      // Each test file runs in its own process: the CLI and bridge children inherit this too.
      process.env.ZAVA_DATABASE_URL = external.appUrl;
      target = await openDatabase(paths);
      build = template ? template.build : await resetDatabase(target, { scale, seed, asOf });
    } else if (shared) {
      clone = await cloneTemplate(server, paths.secrets);
      // Each test file runs in its own process: the CLI and bridge children inherit this too.
      process.env.ZAVA_DATABASE_URL = clone.url;
      target = await openDatabase(paths);
      build = server.build;
    } else if (copy) {
      copyTemplateCluster(server, dataDir);
      target = await openDatabase(paths);
      build = server.build;
    } else {
      target = await openDatabase(paths);
      build = await resetDatabase(target, { scale, seed, asOf });
    }
  } catch (error) {
    // A failed build must not leave a server running, a database or a data dir behind.
    await target?.engine?.stop().catch(() => undefined);
    await clone?.drop().catch(() => undefined);
    await external?.drop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const connect = async (config: pg.ClientConfig) => {
    const client = new pg.Client(config);
    await client.connect();
    return client;
  };
  const opened = target;
  const cloned = clone;
  const ownDatabase = external;
  return {
    dataDir,
    paths,
    target: opened,
    build,
    env: { ...process.env, ZAVA_DATA_DIR: dataDir },
    databaseEnv: {
      ZAVA_DATA_DIR: dataDir,
      ...(cloned ? { ZAVA_DATABASE_URL: cloned.url } : {}),
      ...(ownDatabase ? { ZAVA_DATABASE_URL: ownDatabase.appUrl } : {}),
    },
    admin: () => connect(ownDatabase ? ownDatabase.superuser : adminConfig(opened)),
    as: (identity) => connect(identityConfig(opened, identity)),
    close: async () => {
      await opened.engine?.stop();
      const url = cloned?.url ?? ownDatabase?.appUrl;
      await (cloned ?? ownDatabase)?.drop();
      if (url && process.env.ZAVA_DATABASE_URL === url) delete process.env.ZAVA_DATABASE_URL;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Exact row counts of the retail tables (sql/queries/row_counts.sql), by table name. */
export async function rowCounts(client: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<{ table_name: string; row_count: string }>(query('row_counts'));
  return Object.fromEntries(rows.map((r) => [r.table_name, Number(r.row_count)]));
}
