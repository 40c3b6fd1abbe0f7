import { query } from './sql-files.ts';
import { adminClient, type DatabaseTarget } from './database.ts';
import { pgvectorAdvice, pgvectorStatusSchema, serverFlavour, type ServerFlavour } from './pgvector-advice.ts';
import { missingPrivileges, readAdminPrivileges } from './privileges.ts';
import { defineQuery } from './typed-query.ts';

const buildTableExists = defineQuery<[], { ok: boolean }>('build_table_exists');
const latestBuild = defineQuery<[], { seed: string | number; scale: string; built_at: Date }>('latest_build');
const writeLockdownGaps = defineQuery<[], { function: string }>('write_lockdown_gaps');

/** What a real probe of the database found: the same shape for `status --json` and the UI. */
export interface DatabaseHealth {
  ok: boolean;
  kind: 'embedded' | 'external';
  running: boolean;
  port: number;
  version?: string;
  /** `onServer`: the version the server could create (pgvector's files are installed) when it is not created here yet. */
  pgvector: { available: boolean; version?: string; onServer?: string; reason?: string };
  /** What kind of server this is and what its admin login may do (external servers matter most). */
  server?: {
    flavour: ServerFlavour;
    adminIsSuperuser: boolean;
    /** Privileges a rebuild needs and the admin login lacks, one sentence each. */
    missingPrivileges: string[];
    /** Write functions PUBLIC may still call: the lockdown needs a superuser (see 007_write_function_lockdown.sql). */
    lockdownGaps: string[];
  };
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
    const vector = pgvectorStatusSchema.parse((await client.query(query('pgvector_status'))).rows[0]);
    const flavour = serverFlavour(target.kind, vector);
    health.version = vector.server_version;
    health.pgvector = vector.installed_version
      ? { available: true, version: vector.installed_version }
      : { available: false, ...(vector.available_version ? { onServer: vector.available_version } : {}), reason: pgvectorAdvice(flavour, vector) };
    const privileges = await readAdminPrivileges(client);
    health.server = {
      flavour,
      adminIsSuperuser: privileges.superuser,
      missingPrivileges: missingPrivileges(privileges),
      lockdownGaps: (await writeLockdownGaps.rows(client)).map((r) => r.function),
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
