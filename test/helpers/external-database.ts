import crypto from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';

/**
 * Test-only: the superuser URL of a second, external PostgreSQL started by scripts/run-tests.mjs
 * (scripts/external-postgres.mjs). When set, createTestDatabase builds on that server through
 * ZAVA_DATABASE_URL instead of starting an embedded cluster.
 */
const externalEnvSchema = z.object({
  ZAVA_TEST_EXTERNAL_URL: z.string().url().startsWith('postgres').optional(),
});

export function externalTestUrl(): string | undefined {
  return externalEnvSchema.parse({ ZAVA_TEST_EXTERNAL_URL: process.env.ZAVA_TEST_EXTERNAL_URL || undefined }).ZAVA_TEST_EXTERNAL_URL;
}

/** What a managed service gives its customer: an admin login that is not a superuser. */
export const MANAGED_ADMIN = 'zava_admin';

/** One test file's database on the external server, and the two logins that reach it. */
export interface ExternalDatabase {
  /** ZAVA_DATABASE_URL for the app: the non-superuser admin, owner of this database. */
  appUrl: string;
  /** The cluster superuser on this database: the tests' ground truth (reads pg_authid). */
  superuser: pg.ClientConfig;
  drop(): Promise<void>;
}

/**
 * Creates a database of its own for this test file (files share the server) owned by a login
 * with only CREATEROLE, as on Azure, RDS or Cloud SQL, so the suites run the managed path;
 * empty, or a copy of `template` (test/helpers/external-template.ts).
 */
export async function createExternalDatabase(superuserUrl: string, options: { pgvector?: boolean; template?: string } = {}): Promise<ExternalDatabase> {
  const url = new URL(superuserUrl);
  const name = `zava_test_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  // Files run one after another on this server and must agree on the shared admin's password.
  const password = crypto.createHash('sha256').update(`${superuserUrl}:${MANAGED_ADMIN}`).digest('base64url');
  const root = new pg.Client({ connectionString: superuserUrl });
  await root.connect();
  try {
    const exists = (await root.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [MANAGED_ADMIN])).rowCount === 1;
    await root.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${MANAGED_ADMIN} LOGIN CREATEROLE PASSWORD ${root.escapeLiteral(password)}`);
    const template = options.template ? ` TEMPLATE ${root.escapeIdentifier(options.template)}` : '';
    await root.query(`CREATE DATABASE ${root.escapeIdentifier(name)} OWNER ${MANAGED_ADMIN}${template}`);
  } finally {
    await root.end();
  }
  const superuserDb = new URL(superuserUrl);
  superuserDb.pathname = `/${name}`;
  // pgvector is not a trusted extension: as on a managed service, its admin (here the superuser)
  // creates it where the server has it, and the build uses it (a clone has it from its template).
  if ((options.pgvector ?? true) && !options.template) {
    const inDb = new pg.Client({ connectionString: superuserDb.toString() });
    await inDb.connect();
    try {
      const { rowCount } = await inDb.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
      if (rowCount === 1) await inDb.query('CREATE EXTENSION IF NOT EXISTS vector');
    } finally {
      await inDb.end();
    }
  }
  const appUrl = new URL(superuserUrl);
  appUrl.username = MANAGED_ADMIN;
  appUrl.password = password;
  appUrl.pathname = `/${name}`;
  return {
    appUrl: appUrl.toString(),
    superuser: { connectionString: superuserDb.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
