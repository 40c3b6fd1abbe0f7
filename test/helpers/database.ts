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

/** A real embedded cluster in its own temp data dir, built at `scale`; `close()` stops it and deletes the dir. */
export interface TestDatabase {
  dataDir: string;
  paths: DataPaths;
  target: DatabaseTarget;
  build: ResetResult;
  /** Environment for child processes (CLI, bridge) pointing at this data dir. */
  env: NodeJS.ProcessEnv;
  admin(): Promise<pg.Client>;
  as(identity: Identity): Promise<pg.Client>;
  close(): Promise<void>;
}

export function makeDataDir(prefix = 'zava-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function createTestDatabase(options: { scale?: Scale; seed?: number } = {}): Promise<TestDatabase> {
  const dataDir = makeDataDir();
  const paths = dataPaths(dataDir);
  let target: DatabaseTarget | undefined;
  let build: ResetResult;
  try {
    target = await openDatabase(paths);
    build = await resetDatabase(target, { scale: options.scale ?? 'tiny', seed: options.seed ?? 42 });
  } catch (error) {
    // A failed build must not leave a server running or a data dir behind.
    await target?.engine?.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const connect = async (config: pg.ClientConfig) => {
    const client = new pg.Client(config);
    await client.connect();
    return client;
  };
  const opened = target;
  return {
    dataDir,
    paths,
    target: opened,
    build,
    env: { ...process.env, ZAVA_DATA_DIR: dataDir },
    admin: () => connect(adminConfig(opened)),
    as: (identity) => connect(identityConfig(opened, identity)),
    close: async () => {
      await opened.engine?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Exact row counts of the retail tables (sql/queries/row_counts.sql), by table name. */
export async function rowCounts(client: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<{ table_name: string; row_count: string }>(query('row_counts'));
  return Object.fromEntries(rows.map((r) => [r.table_name, Number(r.row_count)]));
}
