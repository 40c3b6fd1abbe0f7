-- The statements that cost the most time in this database, with the role that ran them
-- (run as the superuser: pg_stat_statements shows every role's text only to superusers).
-- Unless $2 is true, the admin's own work (the loader's COPY and CREATE INDEX, migrations:
-- superuser roles and the role running this query) is left out: it would crowd out the tools'.
SELECT r.rolname AS role,
       s.query,
       s.calls::bigint AS calls,
       s.total_exec_time AS total_ms,
       s.mean_exec_time AS mean_ms,
       s.rows::bigint AS rows
FROM pg_stat_statements s
JOIN pg_roles r ON r.oid = s.userid
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND ($2::boolean OR (NOT r.rolsuper AND r.rolname <> current_user))
ORDER BY s.total_exec_time DESC
LIMIT $1
