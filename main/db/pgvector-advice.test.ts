import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pgvectorAdvice, serverFlavour, type PgvectorStatus } from './pgvector-advice.ts';

const absent: PgvectorStatus = {
  installed_version: null,
  available_version: null,
  trusted: false,
  superuser: false,
  server_version: '15.18',
  server_major: 15,
  azure_extensions: null,
  rds_extensions: null,
  cloudsql: null,
};

describe('pgvector advice by kind of server', () => {
  it('says nothing when pgvector is installed', () => {
    assert.equal(pgvectorAdvice('self-managed', { ...absent, installed_version: '0.8.0' }), undefined);
  });

  it('sends only the embedded server to `npm run setup`', () => {
    assert.match(pgvectorAdvice('embedded', absent)!, /npm run setup/);
    for (const flavour of ['azure', 'rds', 'cloudsql', 'self-managed'] as const) {
      assert.doesNotMatch(pgvectorAdvice(flavour, absent)!, /npm run setup/, flavour);
    }
  });

  it('recognises Azure by azure.extensions and asks to allow-list VECTOR there', () => {
    const azure = { ...absent, azure_extensions: 'PG_TRGM,PG_STAT_STATEMENTS', available_version: '0.8.0' };
    assert.equal(serverFlavour('external', azure), 'azure');
    assert.match(pgvectorAdvice('azure', azure)!, /allow-list VECTOR in the server parameter azure\.extensions/);
    // Allow-listed: created by a rebuild like anywhere else.
    assert.match(pgvectorAdvice('azure', { ...azure, azure_extensions: 'pg_trgm, vector', trusted: true })!, /rebuild/);
  });

  it('asks for a superuser only where the extension is not trusted and the admin is none', () => {
    const available = { ...absent, available_version: '0.8.0' };
    assert.match(pgvectorAdvice('self-managed', available)!, /CREATE EXTENSION vector in this database as a superuser/);
    assert.doesNotMatch(pgvectorAdvice('self-managed', { ...available, trusted: true })!, /as a superuser/);
  });

  it('names the package for this major on a self-managed server', () => {
    assert.equal(serverFlavour('external', absent), 'self-managed');
    assert.match(pgvectorAdvice('self-managed', absent)!, /postgresql-15-pgvector/);
    assert.equal(serverFlavour('external', { ...absent, rds_extensions: 'vector' }), 'rds');
    assert.equal(serverFlavour('embedded', { ...absent, azure_extensions: 'x' }), 'embedded');
  });
});
