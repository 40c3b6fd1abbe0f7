-- What the admin login may do here: the minimum a build needs on a server where it is no
-- superuser (managed services). $1: roles the build creates or changes (groups and identities).
SELECT
    current_user::text                                           AS admin,
    r.rolsuper                                                   AS superuser,
    r.rolcreaterole                                              AS createrole,
    pg_has_role(d.datdba, 'MEMBER')                              AS owns_database,
    has_database_privilege(current_database(), 'CREATE')         AS create_in_database,
    pg_get_userbyid(d.datdba)                                    AS database_owner,
    current_database()                                           AS database,
    current_setting('server_version_num')::int                   AS server_version_num,
    -- From 16 a CREATEROLE login may change only roles it holds ADMIN on (those it created).
    coalesce((
        SELECT array_agg(o.rolname::text ORDER BY o.rolname)
        FROM pg_roles o
        WHERE o.rolname = ANY ($1::text[])
          AND NOT r.rolsuper
          AND current_setting('server_version_num')::int >= 160000
          AND NOT pg_has_role(o.oid, 'MEMBER WITH ADMIN OPTION')
    ), ARRAY[]::text[])                                         AS roles_without_admin
FROM pg_roles r, pg_database d
WHERE r.rolname = current_user AND d.datname = current_database()
