import { query } from './sql-files.ts';
import { adminClient, type DatabaseTarget } from './database.ts';
import { defineQuery } from './typed-query.ts';

const buildTableExists = defineQuery<[], { ok: boolean }>('build_table_exists');
const latestBuild = defineQuery<[], { seed: string | number; scale: string; built_at: Date }>('latest_build');

/** What a real probe of the database found: the same shape for `status --json` and the UI. */
export interface DatabaseHealth {
  ok: boolean;
  kind: 'embedded' | 'external';
  running: boolean;
  port: number;
  version?: string;
  pgvector: { available: boolean; version?: string; reason?: string };
  data: { built: boolean; seed?: number; scale?: string; builtAt?: string; counts?: Record<string, number> };
  error?: string;
}

/** Probes the database with real queries; never throws (errors become `error`). */
export async function probeDatabase(target: DatabaseTarget): Promise<DatabaseHealth> {
  const health: DatabaseHealth = {
    ok: false,
    kind: target.kind,
    running: false,
    port: target.port,
    pgvector: { available: false, reason: 'not checked' },
    data: { built: false },
  };
  let client;
  try {
    client = await adminClient(target);
  } catch (error) {
    const message = (error as Error).message;
    health.error = /does not exist/.test(message) ? 'The app database has not been built yet.' : message;
    health.running = /does not exist/.test(message);
    health.pgvector.reason = 'database not reachable';
    return health;
  }
  try {
    health.running = true;
    const vector = (await client.query(query('pgvector_status'))).rows[0];
    health.version = vector.server_version;
    if (vector.installed_version) health.pgvector = { available: true, version: vector.installed_version };
    else if (vector.available_version)
      health.pgvector = { available: false, reason: `pgvector ${vector.available_version} is on the server but not created in this database yet (run \`zava-mcp db reset\`)` };
    else
      health.pgvector = {
        available: false,
        reason: 'pgvector is not installed on this server (embedded: run `npm run setup` to build it; search falls back to an exact scan)',
      };
    if ((await buildTableExists.first(client))?.ok) {
      const meta = await latestBuild.first(client);
      if (meta) {
        const counts = Object.fromEntries((await client.query(query('row_counts'))).rows.map((r) => [r.table_name, Number(r.row_count)]));
        health.data = { built: true, seed: Number(meta.seed), scale: meta.scale, builtAt: new Date(meta.built_at).toISOString(), counts };
      }
    }
    health.ok = health.data.built;
    if (!health.data.built) health.error = 'The app database has not been built yet: run `zava-mcp db reset --yes`.';
  } catch (error) {
    health.error = (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
  return health;
}
