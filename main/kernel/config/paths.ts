import path from 'node:path';
import { defaultDataDir, readEnv } from './env.ts';

/** Where everything of one installation lives, derived from ZAVA_DATA_DIR. */
export interface DataPaths {
  root: string;
  cluster: string;
  secrets: string;
  logs: string;
  run: string;
  postgresLog: string;
  settings: string;
  metrics: string;
}

export function dataPaths(root = readEnv().ZAVA_DATA_DIR ?? defaultDataDir()): DataPaths {
  const abs = path.resolve(root);
  return {
    root: abs,
    cluster: path.join(abs, 'pg', 'data'),
    secrets: path.join(abs, 'secrets'),
    logs: path.join(abs, 'logs'),
    run: path.join(abs, 'run'),
    postgresLog: path.join(abs, 'pg', 'postgres.log'),
    settings: path.join(abs, 'settings.json'),
    metrics: path.join(abs, 'metrics'),
  };
}
