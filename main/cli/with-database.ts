import { dataPaths } from '../kernel/config/paths.ts';
import { openDatabase, type DatabaseTarget } from '../db/database.ts';
import type { EngineOptions } from '../db/engine.ts';

/**
 * Runs `body` with the database open (attached or started) and then lets go of it:
 * a server this command started stops again unless another process still uses it.
 */
export async function withDatabase<T>(body: (target: DatabaseTarget) => Promise<T>, options: EngineOptions = {}): Promise<T> {
  const target = await openDatabase(dataPaths(), options);
  try {
    return await body(target);
  } finally {
    await target.engine?.release();
  }
}
