import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dataPaths, type DataPaths } from '../../main/config/paths.ts';
import { adminConfig, identityConfig, openDatabase, type DatabaseTarget } from '../../main/db/database.ts';
import type { Scale } from '../../main/db/generate.ts';
import type { Identity } from '../../main/db/identities.ts';
import { resetDatabase, type ResetResult } from '../../main/db/reset.ts';

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
  const target = await openDatabase(paths);
  const build = await resetDatabase(target, { scale: options.scale ?? 'tiny', seed: options.seed ?? 42 });
  const connect = async (config: pg.ClientConfig) => {
    const client = new pg.Client(config);
    await client.connect();
    return client;
  };
  return {
    dataDir,
    paths,
    target,
    build,
    env: { ...process.env, ZAVA_DATA_DIR: dataDir },
    admin: () => connect(adminConfig(target)),
    as: (identity) => connect(identityConfig(target, identity)),
    close: async () => {
      await target.engine?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
