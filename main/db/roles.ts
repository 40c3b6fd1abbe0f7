import path from 'node:path';
import type pg from 'pg';
import { z } from 'zod';
import { IDENTITIES, STORES, type Identity } from './identities.ts';
import { randomPassword, readSecret, writeSecret } from './secrets.ts';
import { scramVerifier } from './scram.ts';
import { defineQuery } from './typed-query.ts';

const currentDatabase = defineQuery<[], { db: string }>('current_database');
const storeIds = defineQuery<[], { store_id: string; store_name: string }>('store_ids');
const clearIdentityStores = defineQuery<[], never>('clear_identity_stores');
const insertIdentityStore = defineQuery<[role: string, identityId: string, storeId: string], never>('insert_identity_store');
const refreshCustomerSales = defineQuery<[], never>('refresh_customer_sales');

/** Per-role limits set on the role itself, so they hold whoever connects as it. */
export interface RoleLimits {
  statementTimeoutMs: number;
  idleInTransactionMs: number;
  connectionLimit: number;
}

export const DEFAULT_ROLE_LIMITS: RoleLimits = { statementTimeoutMs: 30_000, idleInTransactionMs: 60_000, connectionLimit: 40 };

/** server_version_num from which GRANT role accepts INHERIT and SET options. */
const GRANT_OPTIONS_SINCE = 160000;

const rolePasswordsSchema = z.record(z.string(), z.string().min(16));

/** Identity role passwords: random per install, 0600 in the data dir, never logged. */
export class RolePasswords {
  private readonly file: string;

  constructor(secretsDir: string) {
    this.file = path.join(secretsDir, 'roles.json');
  }

  all(): Record<string, string> {
    const text = readSecret(this.file);
    return text ? rolePasswordsSchema.parse(JSON.parse(text)) : {};
  }

  get(role: string): string | undefined {
    return this.all()[role];
  }

  /** Ensures every identity has a password; returns the full map. */
  ensure(): Record<string, string> {
    const current = this.all();
    let changed = false;
    for (const identity of IDENTITIES) {
      if (!current[identity.role]) {
        current[identity.role] = randomPassword();
        changed = true;
      }
    }
    if (changed) writeSecret(this.file, JSON.stringify(current, null, 2));
    return current;
  }
}

/**
 * Creates or updates each identity's LOGIN role (no superuser, no RLS bypass, read-only by
 * default, its own timeouts, member only of its group without SET), then rewrites the
 * role → stores mapping the policies read, and the per-scope summary built from that mapping
 * (retail.customer_sales). Runs as the superuser, in one transaction.
 */
export async function syncIdentities(client: pg.Client | pg.PoolClient, passwords: RolePasswords, limits: RoleLimits = DEFAULT_ROLE_LIMITS): Promise<void> {
  const secrets = passwords.ensure();
  const { db: database } = (await currentDatabase.first(client))!;
  const storeRows = await storeIds.rows(client);
  const storeIdByName = new Map(storeRows.map((r) => [r.store_name, r.store_id]));
  const serverVersion = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);

  await client.query('BEGIN');
  try {
    for (const identity of IDENTITIES) await upsertRole(client, identity, secrets[identity.role]!, limits, serverVersion);
    await clearIdentityStores.rows(client);
    for (const identity of IDENTITIES) {
      for (const slug of identity.stores) {
        const store = STORES.find((s) => s.slug === slug)!;
        const storeId = storeIdByName.get(store.name);
        if (!storeId) continue;
        await insertIdentityStore.rows(client, identity.role, identity.id, storeId);
      }
    }
    // One row per customer for each set of stores an identity sees: new sets need their rows.
    await refreshCustomerSales.rows(client);
    await grantDatabaseToIdentities(client, database);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function upsertRole(
  client: pg.Client | pg.PoolClient,
  identity: Identity,
  password: string,
  limits: RoleLimits,
  serverVersion: number,
): Promise<void> {
  const role = client.escapeIdentifier(identity.role);
  const { rows } = await client.query<{ rolsuper: boolean; rolreplication: boolean; rolbypassrls: boolean }>(
    'SELECT rolsuper, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1',
    [identity.role],
  );
  const existing = rows[0];
  // Only a superuser may name SUPERUSER, REPLICATION or BYPASSRLS in ALTER ROLE, even to turn them
  // off (PostgreSQL ≤ 15): name them only where a role has one to take away.
  const privileged = existing
    ? [existing.rolsuper && 'NOSUPERUSER', existing.rolreplication && 'NOREPLICATION', existing.rolbypassrls && 'NOBYPASSRLS'].filter(Boolean).join(' ')
    : 'NOSUPERUSER NOREPLICATION NOBYPASSRLS';
  const attributes = `LOGIN ${privileged} NOCREATEDB NOCREATEROLE INHERIT CONNECTION LIMIT ${limits.connectionLimit} PASSWORD ${client.escapeLiteral(scramVerifier(password))}`;
  await client.query(`${existing ? 'ALTER' : 'CREATE'} ROLE ${role} ${existing ? 'WITH ' : ''}${attributes.replace(/\s+/g, ' ')}`);
  await client.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
  await client.query(`ALTER ROLE ${role} SET statement_timeout = ${Math.trunc(limits.statementTimeoutMs)}`);
  await client.query(`ALTER ROLE ${role} SET idle_in_transaction_session_timeout = ${Math.trunc(limits.idleInTransactionMs)}`);
  await client.query(`ALTER ROLE ${role} SET search_path = retail, public`);
  // INHERIT gives the group's SELECT grants; SET FALSE (PostgreSQL 16+) forbids SET ROLE to the group.
  // Before 16 a member can always SET ROLE to its group; that gains nothing: a group holds no
  // more privileges than its members and no row of rls.identity_stores, so it sees no store's rows.
  await client.query(`GRANT ${identity.group} TO ${role}${serverVersion >= GRANT_OPTIONS_SINCE ? ' WITH INHERIT TRUE, SET FALSE' : ''}`);
}

/**
 * The database-scoped part of the identities' set-up: read-only by default in `database`,
 * CONNECT for zava_reader only, and no TEMPORARY or CREATE for PUBLIC. `CREATE DATABASE …
 * TEMPLATE` copies none of it (datacl and pg_db_role_setting belong to the new database), so a
 * cloned database needs this again.
 */
export async function grantDatabaseToIdentities(client: pg.Client | pg.PoolClient, database: string): Promise<void> {
  const db = client.escapeIdentifier(database);
  for (const identity of IDENTITIES) {
    await client.query(`ALTER ROLE ${client.escapeIdentifier(identity.role)} IN DATABASE ${db} SET default_transaction_read_only = on`);
  }
  // Migration 002 revokes TEMPORARY and CREATE in the build; a clone starts from the default ACL again.
  await client.query(`REVOKE CONNECT, TEMPORARY, CREATE ON DATABASE ${db} FROM PUBLIC`);
  await client.query(`GRANT CONNECT ON DATABASE ${db} TO zava_reader`);
}
