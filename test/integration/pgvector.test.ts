// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { adminConfig } from '../../main/db/database.ts';
import { findPgBinaries, pgvectorInstalled } from '../../main/db/binaries.ts';
import { cliEnv, runCli } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const bins = findPgBinaries();
const controlFile = path.join(bins.extensionDir, 'vector.control');
const skip = pgvectorInstalled(bins)
  ? false
  : `pgvector is not built for the embedded server (no ${controlFile}); run \`npm run setup\` (scripts/build-pgvector.sh) to build it`;
/** The version the bundled control file offers, e.g. 0.8.0. */
const bundledVersion = skip ? '' : /default_version\s*=\s*'([^']+)'/.exec(fs.readFileSync(controlFile, 'utf8'))?.[1];

describe('pgvector on the embedded server', { skip }, () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase({ scale: 'tiny' });
  });

  after(async () => {
    await db?.close();
  });

  it('CREATE EXTENSION vector works in a fresh database, with working operators', async () => {
    const admin = await db.admin();
    try {
      await admin.query('DROP DATABASE IF EXISTS vector_check');
      await admin.query('CREATE DATABASE vector_check');
    } finally {
      await admin.end();
    }
    const client = new pg.Client(adminConfig(db.target, 'vector_check'));
    await client.connect();
    try {
      await client.query('CREATE EXTENSION vector');
      const { rows } = await client.query(
        "SELECT extversion, '[1,2,3]'::vector <-> '[1,2,4]'::vector AS l2, '[1,0]'::vector <=> '[0,1]'::vector AS cosine FROM pg_extension WHERE extname = 'vector'",
      );
      assert.deepEqual(rows, [{ extversion: bundledVersion, l2: 1, cosine: 1 }]);
      // HNSW, the index the search uses, builds and answers.
      await client.query('CREATE TABLE v (id int PRIMARY KEY, e vector(3))');
      await client.query("INSERT INTO v SELECT i, ARRAY[i, i % 7, 1]::real[]::vector FROM generate_series(1, 200) i");
      await client.query('CREATE INDEX ON v USING hnsw (e vector_cosine_ops)');
      const near = await client.query("SELECT id FROM v ORDER BY e <=> '[100,2,1]' LIMIT 1");
      assert.equal(near.rowCount, 1);
    } finally {
      await client.end();
    }
    const cleanup = await db.admin();
    await cleanup.query('DROP DATABASE vector_check').finally(() => cleanup.end());
  });

  it('is created by the migrations in the app database', async () => {
    assert.equal(db.build.skippedMigrations.length, 0, JSON.stringify(db.build.skippedMigrations));
    const admin = await db.admin();
    try {
      const { rows } = await admin.query("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
      assert.deepEqual(rows, [{ extversion: bundledVersion }]);
    } finally {
      await admin.end();
    }
  });

  it('status --json reports the pgvector version and exits 0', async () => {
    const result = await runCli(['status', '--json'], cliEnv(db.dataDir, db.databaseEnv));
    assert.equal(result.code, 0, result.stderr || result.stdout);
    const status = JSON.parse(result.stdout);
    assert.equal(status.ok, true);
    assert.deepEqual(status.database.pgvector, { available: true, version: bundledVersion });
    assert.match(status.database.version, /^17\./);
  });
});
