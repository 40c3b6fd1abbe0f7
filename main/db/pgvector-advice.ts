import { z } from 'zod';

/** One row of sql/queries/pgvector_status.sql. */
export const pgvectorStatusSchema = z.object({
  installed_version: z.string().nullable(),
  available_version: z.string().nullable(),
  trusted: z.boolean(),
  superuser: z.boolean(),
  server_version: z.string(),
  server_major: z.number().int(),
  azure_extensions: z.string().nullable(),
  rds_extensions: z.string().nullable(),
  cloudsql: z.string().nullable(),
});
export type PgvectorStatus = z.infer<typeof pgvectorStatusSchema>;

/** The kinds of server whose way of adding pgvector we know. */
export type ServerFlavour = 'embedded' | 'azure' | 'rds' | 'cloudsql' | 'self-managed';

export function serverFlavour(kind: 'embedded' | 'external', s: PgvectorStatus): ServerFlavour {
  if (kind === 'embedded') return 'embedded';
  if (s.azure_extensions !== null) return 'azure';
  if (s.rds_extensions !== null) return 'rds';
  if (s.cloudsql !== null) return 'cloudsql';
  return 'self-managed';
}

const REBUILD = 'then rebuild with `zava-mcp db reset --yes`; until then search uses an exact scan';

/**
 * Why pgvector is absent and what to do about it on this kind of server, as one sentence.
 * `undefined` when it is installed. Never tells an external server's user to run `npm run setup`:
 * that builds pgvector for the embedded server only.
 */
export function pgvectorAdvice(flavour: ServerFlavour, s: PgvectorStatus): string | undefined {
  if (s.installed_version) return undefined;
  if (flavour === 'embedded') {
    return s.available_version
      ? `pgvector ${s.available_version} is on the server but not created in this database yet (run \`zava-mcp db reset --yes\`)`
      : 'pgvector is not installed on this server (embedded: run `npm run setup` to build it; search falls back to an exact scan)';
  }
  if (flavour === 'azure' && !(s.azure_extensions ?? '').toLowerCase().split(',').map((e) => e.trim()).includes('vector')) {
    return `Azure Database for PostgreSQL: allow-list VECTOR in the server parameter azure.extensions (now "${s.azure_extensions}"), ${REBUILD}`;
  }
  if (s.available_version) {
    return s.trusted || s.superuser || flavour !== 'self-managed'
      ? `pgvector ${s.available_version} is on the server but not created in this database: ${REBUILD}`
      : `pgvector ${s.available_version} is on the server but only a superuser may create it: run CREATE EXTENSION vector in this database as a superuser, ${REBUILD}`;
  }
  switch (flavour) {
    case 'azure':
      return `Azure Database for PostgreSQL: VECTOR is allow-listed but not offered by this server (PostgreSQL ${s.server_major}); check the service's supported extensions, ${REBUILD}`;
    case 'rds':
      return `Amazon RDS: pgvector ships with RDS for PostgreSQL 15.2 and later (this is ${s.server_version}); upgrade the minor version, ${REBUILD}`;
    case 'cloudsql':
      return `Cloud SQL: pgvector ships with Cloud SQL for PostgreSQL; run CREATE EXTENSION vector as the cloudsqlsuperuser role, ${REBUILD}`;
    default:
      return `pgvector is not installed on this PostgreSQL ${s.server_major} server: install it there (Debian/Ubuntu with the PGDG repository: apt-get install postgresql-${s.server_major}-pgvector; otherwise build it from source: https://github.com/pgvector/pgvector), run CREATE EXTENSION vector as a superuser, ${REBUILD}`;
  }
}
