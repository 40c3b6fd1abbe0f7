import type pg from 'pg';
import { z } from 'zod';
import { ZavaError } from '../kernel/errors.ts';
import { IDENTITIES } from './identities.ts';
import { defineQuery } from './typed-query.ts';

/** Roles a build creates or changes: the groups of 002_security.sql and every identity's login. */
export const MANAGED_ROLES = ['zava_reader', 'store_managers', 'regional_managers', 'head_office', ...IDENTITIES.map((i) => i.role)];

const adminPrivilegesSchema = z.object({
  admin: z.string(),
  superuser: z.boolean(),
  createrole: z.boolean(),
  owns_database: z.boolean(),
  create_in_database: z.boolean(),
  database_owner: z.string(),
  database: z.string(),
  server_version_num: z.number().int(),
  roles_without_admin: z.array(z.string()),
});

/** What the admin connection may do, as the server reports it. */
export type AdminPrivileges = z.infer<typeof adminPrivilegesSchema>;

const adminPrivileges = defineQuery<[roles: string[]], unknown>('admin_privileges');

export async function readAdminPrivileges(client: pg.ClientBase): Promise<AdminPrivileges> {
  return adminPrivilegesSchema.parse(await adminPrivileges.first(client, MANAGED_ROLES));
}

/**
 * The privileges a build is missing, one sentence each naming it and how to get it. A superuser
 * has them all; otherwise (a managed service's admin) it needs CREATEROLE, ownership of the app
 * database and, from PostgreSQL 16, ADMIN on roles a previous build made as someone else.
 */
export function missingPrivileges(p: AdminPrivileges): string[] {
  if (p.superuser) return [];
  const missing: string[] = [];
  if (!p.createrole) missing.push('CREATEROLE: the build creates a login role per identity (ALTER ROLE <admin> CREATEROLE, as a superuser or the service\'s admin)');
  if (!p.owns_database)
    missing.push(
      `ownership of database ${p.database} (owned by ${p.database_owner}): the build revokes CONNECT and TEMPORARY from PUBLIC there; create a database of your own (CREATE DATABASE zava) and point ZAVA_DATABASE_URL at it`,
    );
  else if (!p.create_in_database) missing.push(`CREATE on database ${p.database}: the build creates its schemas there`);
  if (p.roles_without_admin.length > 0)
    missing.push(`ADMIN OPTION on ${p.roles_without_admin.join(', ')}: PostgreSQL 16+ lets a CREATEROLE login change only roles it created; drop them or GRANT them to this login WITH ADMIN OPTION`);
  return missing;
}

/** Throws a CONFIG_ERROR naming every missing privilege before a build changes anything. */
export async function assertAdminPrivileges(client: pg.ClientBase): Promise<AdminPrivileges> {
  const privileges = await readAdminPrivileges(client);
  const missing = missingPrivileges(privileges);
  if (missing.length > 0) {
    throw new ZavaError('CONFIG_ERROR', `The admin login ${privileges.admin} lacks what building the data set needs: ${missing.join('; ')}.`, {
      hint: 'Connect as a superuser, or grant the privileges named above (docs/external-postgres.md lists the minimum).',
      details: { missing },
    });
  }
  return privileges;
}
