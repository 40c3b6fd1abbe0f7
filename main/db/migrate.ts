import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { ZavaError } from '../kernel/errors.ts';
import { SQL_DIR } from './sql-files.ts';
import { defineQuery } from './typed-query.ts';

const migrationsTable = defineQuery<[], never>('migrations_table');
const appliedMigrations = defineQuery<[], { version: number; name: string; checksum: string }>('applied_migrations');
const availableExtensions = defineQuery<[], { name: string }>('available_extensions');
const recordMigration = defineQuery<[version: number, name: string, checksum: string], never>('record_migration');

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
  for (const migration of loadMigrations()) {
    const previous = done.get(migration.version);
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new ZavaError('CONFIG_ERROR', `Migration ${migration.name} was changed after it was applied to this database.`, {
          hint: 'Migrations are forward-only: add a new one instead, or rebuild with `zava-mcp db reset --yes`.',
        });
      }
      continue;
    }
    if (options.beforeData && migration.afterData) break;
    const missing = migration.requires.filter((ext) => !available.has(ext));
    if (missing.length > 0) {
      result.skipped.push({ name: migration.name, reason: `extension ${missing.join(', ')} is not installed on this server` });
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
