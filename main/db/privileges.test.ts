import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingPrivileges, type AdminPrivileges } from './privileges.ts';

const managed: AdminPrivileges = {
  admin: 'zava_admin',
  superuser: false,
  createrole: true,
  owns_database: true,
  create_in_database: true,
  database_owner: 'zava_admin',
  database: 'zava',
  server_version_num: 160004,
  roles_without_admin: [],
};

describe('the admin login privileges a build needs', () => {
  it('asks nothing of a superuser, nor of a CREATEROLE owner of the database', () => {
    assert.deepEqual(missingPrivileges({ ...managed, superuser: true, createrole: false, owns_database: false }), []);
    assert.deepEqual(missingPrivileges(managed), []);
  });

  it('names each missing privilege and what to do', () => {
    const missing = missingPrivileges({ ...managed, createrole: false, owns_database: false, database: 'postgres', database_owner: 'azure_pg_admin', roles_without_admin: ['store_managers'] });
    assert.equal(missing.length, 3);
    assert.match(missing[0]!, /^CREATEROLE/);
    assert.match(missing[1]!, /^ownership of database postgres \(owned by azure_pg_admin\).*CREATE DATABASE zava/);
    assert.match(missing[2]!, /^ADMIN OPTION on store_managers/);
  });
});
