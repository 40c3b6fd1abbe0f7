import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { ZavaError } from '../kernel/errors.ts';
import { assertAdminPrivileges } from './privileges.ts';
import { SQL_DIR } from './sql-files.ts';
import { defineQuery } from './typed-query.ts';

const migrationsTable = defineQuery<[], never>('migrations_table');
const appliedMigrations = defineQuery<[], { version: number; name: string; checksum: string }>('applied_migrations');
const availableExtensions = defineQuery<[], { name: string }>('available_extensions');
const recordMigration = defineQuery<[version: number, name: string, checksum: string], never>('record_migration');
const replaceMigrationChecksum = defineQuery<[version: number, checksum: string], never>('replace_migration_checksum');

/** One file of `sql/migrations/NNN_name.sql` with its directives. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
  /** `-- zava:after-data`: needs the data loaded (keys and indexes are built over it). */
  afterData: boolean;
  /** `-- zava:requires vector`: applied only where the server offers that extension. */
  requires: string[];
  /**
   * `-- zava:replaces-checksum <sha256>`: an earlier text of this migration that did the same
   * on the servers it ran on (e.g. rewritten to run on more PostgreSQL versions). A database
   * that applied the earlier text is accepted and its record updated, not refused as changed.
   */
  replacesChecksums: string[];
}

export interface MigrateResult {
  applied: string[];
  skipped: { name: string; reason: string }[];
}

export function loadMigrations(dir = path.join(SQL_DIR, 'migrations')): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      const requires = [...sql.matchAll(/^-- zava:requires (\w+)/gm)].map((m) => m[1]!);
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: crypto.createHash('sha256').update(sql).digest('hex'),
        afterData: /^-- zava:after-data/m.test(sql),
        requires,
        replacesChecksums: [...sql.matchAll(/^-- zava:replaces-checksum ([0-9a-f]{64})/gm)].map((m) => m[1]!),
      };
    });
}

/**
 * Applies pending migrations in order, each in its own transaction and recorded.
 * With `beforeData`, stops at the first after-data migration (the reset loads data there).
 */
export async function migrate(client: pg.Client, options: { beforeData?: boolean } = {}): Promise<MigrateResult> {
  await migrationsTable.rows(client);
  const done = new Map((await appliedMigrations.rows(client)).map((r) => [r.version, r]));
  const available = new Set((await availableExtensions.rows(client)).map((r) => r.name));
  const result: MigrateResult = { applied: [], skipped: [] };
  let checked = false;
  for (const migration of loadMigrations()) {
    const previous = done.get(migration.version);
    if (previous) {
      if (previous.checksum !== migration.checksum && migration.replacesChecksums.includes(previous.checksum)) {
        await replaceMigrationChecksum.rows(client, migration.version, migration.checksum);
      } else if (previous.checksum !== migration.checksum) {
        throw new ZavaError('CONFIG_ERROR', `Migration ${migration.name} was changed after it was applied to this database.`, {
          hint: 'Migrations are forward-only: add a new one instead, or rebuild with `zava-mcp db reset --yes`.',
        });
      }
      continue;
    }
    if (options.beforeData && migration.afterData) break;
    // Checked once, before the first change: a server with nothing pending asks nothing of the login.
    if (!checked) {
      await assertAdminPrivileges(client);
      checked = true;
    }
    const missing = migration.requires.filter((ext) => !available.has(ext));
    if (missing.length > 0) {
      result.skipped.push({ name: migration.name, reason: `extension ${missing.join(', ')} is not installed on this server` });
      continue;
    }
    const refusal = await createExtensions(client, migration.requires);
    if (refusal) {
      result.skipped.push({ name: migration.name, reason: refusal });
      continue;
    }
    await client.query('BEGIN');
    try {
      await client.query(migration.sql);
      await recordMigration.rows(client, migration.version, migration.name, migration.checksum);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new ZavaError('DATABASE_ERROR', `Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
    result.applied.push(migration.name);
  }
  return result;
}

/**
 * Creates the extensions a migration requires, each in its own transaction, before the migration
 * runs. Whether this login may is up to the server: a superuser may, a database owner may create
 * trusted ones, and managed services have their own rules (Azure: allow-listed in azure.extensions).
 * Returns why not, or undefined when all exist now.
 */
async function createExtensions(client: pg.Client, extensions: string[]): Promise<string | undefined> {
  for (const extension of extensions) {
    await client.query('BEGIN');
    try {
      await client.query(`CREATE EXTENSION IF NOT EXISTS ${client.escapeIdentifier(extension)}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      return `extension ${extension} is on this server but this login may not create it (${(error as Error).message}): create it in this database as a superuser or the service's admin, then rebuild`;
    }
  }
  return undefined;
}
