// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { loadMigrations, migrate } from '../../main/db/migrate.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase, makeDataDir, type TestDatabase } from '../helpers/database.ts';
import { externalTestUrl, MANAGED_ADMIN } from '../helpers/external-database.ts';

// Runs only in scripts/run-tests.mjs's external pass (Debian's PostgreSQL, ZAVA_TEST_EXTERNAL_URL).
const externalUrl = externalTestUrl();
const skip = externalUrl ? false : 'no external PostgreSQL in this pass (run-tests.mjs runs this file against Debian\'s)';

describe('an external PostgreSQL as a user meets it', { skip }, () => {
  let db: TestDatabase;
  let superuser: pg.Client;

  before(async () => {
    // Without pgvector in its database, whether or not the server has it: status must say what to do.
    db = await createTestDatabase({ scale: 'tiny', externalPgvector: false });
    superuser = new pg.Client({ connectionString: externalUrl });
    await superuser.connect();
  });

  after(async () => {
    await superuser?.end();
    await db?.close();
  });

  it('status --json reports the server, pgvector and what to do about it there, never `npm run setup`', async () => {
    const result = await runCli(['status', '--json'], db.env);
    assert.equal(result.code, 0, result.stderr);
    const { database } = JSON.parse(result.stdout);
    const version = (await superuser.query('SHOW server_version')).rows[0].server_version;
    assert.equal(database.kind, 'external');
    assert.equal(database.version, version);
    assert.equal(database.pgvector.available, false);
    assert.doesNotMatch(database.pgvector.reason, /npm run setup/);
    const onServer = (await superuser.query("SELECT default_version FROM pg_available_extensions WHERE name = 'vector'")).rows[0];
    // Built by setup for this server: only a superuser may create it; absent: install it for this major.
    assert.match(
      database.pgvector.reason,
      onServer ? /only a superuser may create it: run CREATE EXTENSION vector in this database as a superuser/ : new RegExp(`postgresql-${version.split('.')[0]}-pgvector`),
    );
    assert.deepEqual(
      { flavour: database.server.flavour, superuser: database.server.adminIsSuperuser, missing: database.server.missingPrivileges },
      { flavour: 'self-managed', superuser: false, missing: [] },
    );
    // The CREATEROLE-only admin could not revoke pg_catalog functions: status says which stay open.
    assert.ok(database.server.lockdownGaps.includes('lo_create(oid)'), database.server.lockdownGaps.join(', '));
  });

  it('db reset refuses before touching a built database when the admin login lost CREATEROLE', async () => {
    const orders = async () => {
      const admin = await db.admin();
      try {
        return (await admin.query('SELECT count(*)::int AS n FROM retail.orders')).rows[0].n as number;
      } finally {
        await admin.end();
      }
    };
    const before = await orders();
    await superuser.query(`ALTER ROLE ${MANAGED_ADMIN} NOCREATEROLE`);
    try {
      const result = await runCli(['db', 'reset', '--scale', 'tiny', '--yes'], db.env);
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, new RegExp(`admin login ${MANAGED_ADMIN} lacks what building the data set needs: CREATEROLE`));
    } finally {
      await superuser.query(`ALTER ROLE ${MANAGED_ADMIN} CREATEROLE`);
    }
    assert.equal(await orders(), before);
    assert.ok(before > 0);
  });

  it('db reset names the privilege the admin login lacks and changes nothing', async () => {
    const password = 'weak-admin-password-1';
    const dataDirs = [makeDataDir(), makeDataDir()];
    await superuser.query(`CREATE ROLE zava_test_weak LOGIN PASSWORD '${password}'`);
    await superuser.query('CREATE DATABASE zava_test_weak OWNER zava_test_weak');
    try {
      const url = new URL(externalUrl!);
      url.username = 'zava_test_weak';
      url.password = password;
      url.pathname = '/zava_test_weak';
      const noCreaterole = await runCli(['db', 'reset', '--scale', 'tiny', '--yes'], { ...db.env, ZAVA_DATA_DIR: dataDirs[0], ZAVA_DATABASE_URL: url.toString() });
      assert.notEqual(noCreaterole.code, 0);
      assert.match(noCreaterole.stderr, /lacks what building the data set needs: CREATEROLE/);

      await superuser.query('ALTER ROLE zava_test_weak CREATEROLE');
      url.pathname = '/postgres';
      const notOwner = await runCli(['db', 'reset', '--scale', 'tiny', '--yes'], { ...db.env, ZAVA_DATA_DIR: dataDirs[1], ZAVA_DATABASE_URL: url.toString() });
      assert.notEqual(notOwner.code, 0);
      assert.match(notOwner.stderr, /ownership of database postgres \(owned by postgres\)/);
      const leftovers = await superuser.query("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname IN ('retail', 'rls', 'zava_meta')");
      assert.equal(leftovers.rows[0].n, 0, 'nothing was created in postgres');
    } finally {
      await superuser.query('DROP DATABASE zava_test_weak WITH (FORCE)');
      await superuser.query('DROP ROLE zava_test_weak');
      for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a database that applied the earlier texts of 002 and 007 accepts the rewritten ones; other changes are refused', async () => {
    const admin = await db.admin();
    try {
      const [security, lockdown] = ['002_security', '007_write_function_lockdown'].map((name) => loadMigrations().find((m) => m.name === name)!);
      assert.ok(security!.replacesChecksums.length === 1 && lockdown!.replacesChecksums.length === 1);
      const record = 'UPDATE zava_meta.migrations SET checksum = $2 WHERE version = $1';
      await admin.query(record, [security!.version, security!.replacesChecksums[0]]);
      await admin.query(record, [lockdown!.version, lockdown!.replacesChecksums[0]]);
      // Nothing re-applied (a superuser may now add 008_pg_stat_statements, which the CREATEROLE admin could not).
      const { applied } = await migrate(admin);
      assert.deepEqual(applied.filter((name) => name === security!.name || name === lockdown!.name), []);
      const { rows } = await admin.query('SELECT version, checksum FROM zava_meta.migrations WHERE version = ANY ($1) ORDER BY 1', [[security!.version, lockdown!.version]]);
      assert.deepEqual(rows.map((r) => r.checksum), [security!.checksum, lockdown!.checksum]);

      await admin.query(record, [lockdown!.version, 'edited-by-hand']);
      await assert.rejects(migrate(admin), /007_write_function_lockdown was changed after it was applied/);
      await admin.query(record, [lockdown!.version, lockdown!.checksum]);
    } finally {
      await admin.end();
    }
  });
});
