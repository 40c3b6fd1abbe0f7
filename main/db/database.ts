import pg from 'pg';
import type { DataPaths } from '../kernel/config/paths.ts';
import { readEnv } from '../kernel/config/env.ts';
import { ZavaError } from '../kernel/errors.ts';
import { APP_DATABASE, EmbeddedEngine, type EngineOptions } from './engine.ts';
import type { Identity } from './identities.ts';
import { DEFAULT_ROLE_LIMITS, RolePasswords } from './roles.ts';
import { defineQuery } from './typed-query.ts';

const databaseExists = defineQuery<[name: string], { found: boolean }>('database_exists');
const buildTableExists = defineQuery<[], { ok: boolean }>('build_table_exists');
const buildRecorded = defineQuery<[], { found: boolean }>('build_recorded');

/** Where the data lives: the embedded cluster, or an existing server from ZAVA_DATABASE_URL. */
export interface DatabaseTarget {
  kind: 'embedded' | 'external';
  host: string;
  port: number;
  database: string;
  /** Superuser (embedded) or the URL's user (external): used for migrations and resets only. */
  admin: pg.ClientConfig;
  engine?: EmbeddedEngine;
  passwords: RolePasswords;
  paths: DataPaths;
  startedHere: boolean;
  timings: { initdbMs: number; startMs: number };
}

/** Connection settings for an identity's own LOGIN role: what the bridge and tests use. */
export function identityConfig(target: DatabaseTarget, identity: Identity, database = target.database): pg.ClientConfig {
  const password = target.passwords.get(identity.role);
  if (!password) {
    throw new ZavaError('UNAVAILABLE', `The database has no login for ${identity.slug} yet.`, {
      hint: 'Build the data first: `zava-mcp db reset --yes`.',
    });
  }
  return { host: target.host, port: target.port, database, user: identity.role, password, options: IDENTITY_SESSION_OPTIONS };
}

/**
 * Session defaults sent at login. The role carries the same settings, but PostgreSQL lets any
 * role `ALTER ROLE <itself> SET …` once it has left read-only mode; startup options outrank
 * role settings, so such a change never reaches the app's own connections.
 */
export const IDENTITY_SESSION_OPTIONS = [
  '-c default_transaction_read_only=on',
  `-c statement_timeout=${DEFAULT_ROLE_LIMITS.statementTimeoutMs}`,
  `-c idle_in_transaction_session_timeout=${DEFAULT_ROLE_LIMITS.idleInTransactionMs}`,
  '-c search_path=retail,public',
].join(' ');

export function adminConfig(target: DatabaseTarget, database = target.database): pg.ClientConfig {
  const { connectionString, ...rest } = target.admin;
  if (!connectionString) return { ...rest, database };
  // pg lets the URL's database win over a `database` field: the URL itself must name it.
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return { ...rest, connectionString: url.toString() };
}

/**
 * Opens the database target: with ZAVA_DATABASE_URL, that server; otherwise the embedded
 * cluster, attached if running or started (taking a lease either way).
 */
export async function openDatabase(paths: DataPaths, options: EngineOptions = {}): Promise<DatabaseTarget> {
  const env = readEnv();
  const passwords = new RolePasswords(paths.secrets);
  if (env.ZAVA_DATABASE_URL) {
    const url = new URL(env.ZAVA_DATABASE_URL);
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
    return {
      kind: 'external',
      host: url.hostname,
      port: Number(url.port || 5432),
      database,
      admin: { connectionString: env.ZAVA_DATABASE_URL },
      passwords,
      paths,
      startedHere: false,
      timings: { initdbMs: 0, startMs: 0 },
    };
  }
  const port = options.port ?? env.ZAVA_PG_PORT;
  const engine = new EmbeddedEngine(paths, { ...options, ...(port !== undefined ? { port } : {}) });
  const started = Date.now();
  const handle = await engine.ensureRunning();
  return {
    kind: 'embedded',
    host: handle.host,
    port: handle.port,
    database: APP_DATABASE,
    admin: { host: handle.host, port: handle.port, user: handle.superuser, password: handle.password, database: APP_DATABASE },
    engine,
    passwords,
    paths,
    startedHere: handle.startedHere,
    timings: { initdbMs: engine.lastInitdbMs, startMs: Date.now() - started - engine.lastInitdbMs },
  };
}

/** A connected admin client; the caller ends it. */
export async function adminClient(target: DatabaseTarget, database = target.database): Promise<pg.Client> {
  const client = new pg.Client(adminConfig(target, database));
  await client.connect();
  return client;
}

/** True when the app database exists and holds a built data set. */
export async function databaseBuilt(target: DatabaseTarget): Promise<boolean> {
  const client = await adminClient(target, target.kind === 'embedded' ? 'postgres' : target.database);
  try {
    if (target.kind === 'embedded') {
      if (!(await databaseExists.first(client, target.database))?.found) return false;
      await client.end();
      const inner = await adminClient(target);
      try {
        return await hasBuild(inner);
      } finally {
        await inner.end();
      }
    }
    return await hasBuild(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function hasBuild(client: pg.Client): Promise<boolean> {
  if (!(await buildTableExists.first(client))?.ok) return false;
  return (await buildRecorded.first(client))?.found === true;
}
