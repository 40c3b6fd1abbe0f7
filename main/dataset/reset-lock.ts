import type pg from 'pg';
import { adminClient, type DatabaseTarget } from '../db/database.ts';
import { defineQuery } from '../db/typed-query.ts';
import { ZavaError } from '../kernel/errors.ts';

const tryResetLock = defineQuery<[], { ok: boolean }>('reset_lock');

/**
 * One rebuild at a time, from any process (CLI, app): a session-level advisory lock held on
 * its own admin connection for the whole rebuild. A second reset stops before it touches
 * anything, with a message instead of the first one's half-built database errors; a crash
 * frees the lock with its connection, so nothing goes stale.
 */
export async function withResetLock<T>(target: DatabaseTarget, rebuild: () => Promise<T>): Promise<T> {
  const lock = await takeResetLock(target);
  try {
    return await rebuild();
  } finally {
    await lock.end().catch(() => undefined);
  }
}

async function takeResetLock(target: DatabaseTarget): Promise<pg.Client> {
  const client = await adminClient(target, target.kind === 'embedded' ? 'postgres' : target.database);
  let held = false;
  try {
    held = (await tryResetLock.first(client))?.ok === true;
  } finally {
    if (!held) await client.end().catch(() => undefined);
  }
  if (held) return client;
  throw new ZavaError('UNAVAILABLE', 'Another reset is running on this database, so this one did not start; the database is left as it is.', {
    hint: 'Wait for the other `zava-mcp db reset` (or the app’s rebuild) to finish, then run it again if you still need to.',
  });
}
