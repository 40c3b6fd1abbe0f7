-- Side channels that need no row access, closed for every role but the admin (a superuser
-- on the embedded server, whom privileges do not bind; the dashboard and `npm run bench`
-- read statistics as that admin). Function and view privileges live in each database, so
-- this applies to the app database, the only one identity roles may connect to.
-- Written against the catalogs rather than a fixed list, so it holds on PostgreSQL 14–18
-- whichever of these objects a version has. Where the admin owns none of them (a managed
-- server's non-superuser), REVOKE only warns; SECURITY.md says what remains there.
DO $$
DECLARE
    target regprocedure;
    view_name regclass;
    ext_schema oid := (SELECT extnamespace FROM pg_extension WHERE extname = 'pg_stat_statements');
BEGIN
    -- 1. Statement statistics: calls, rows and timings of every role's statements.
    -- 2. Per-table, per-index, per-function and per-database activity counters
    --    (pg_stat_*, pg_statio_*: live/dead tuples, inserts, fetches), and pg_stats'
    --    value frequencies, which give each store's share of orders.
    FOR view_name IN
        SELECT c.oid::regclass FROM pg_class c
        WHERE c.relkind = 'v'
          AND ((c.relnamespace = 'pg_catalog'::regnamespace AND (c.relname LIKE 'pg\_stat%' OR c.relname LIKE 'pg\_statio\_%'))
               OR (c.relnamespace = ext_schema AND c.relname LIKE 'pg\_stat\_statements%'))
    LOOP
        EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', view_name);
    END LOOP;
    -- 3. The functions under those views, and advisory locks: a session-level lock outlives
    --    the bridge's ROLLBACK on a pooled connection and could block the embeddings job.
    --    setseed() is the other session state a SELECT could leave behind.
    FOR target IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE (p.pronamespace = 'pg_catalog'::regnamespace
               AND (p.proname LIKE 'pg\_stat\_get\_%' OR p.proname LIKE 'pg\_stat\_have\_%'
                    OR p.proname LIKE 'pg\_%advisory%' OR p.proname = 'setseed'))
           OR (p.pronamespace = ext_schema AND p.proname LIKE 'pg\_stat\_statements%')
    LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', target);
    END LOOP;
END
$$;

-- A bridge killed mid-query used to leave its backend running until the statement ended.
-- With this every session of the app database polls its client once a second and stops
-- the query within about a second of the client vanishing. Set on the database (it follows
-- the rebuild's rename, like work_mem in reset.ts), so it covers every identity role, old
-- or new. Servers that cannot poll a closed socket (Windows), predate PostgreSQL 14, or do
-- not let the admin alter the database keep their default.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET client_connection_check_interval = 1000', current_database());
EXCEPTION WHEN invalid_parameter_value OR undefined_object OR insufficient_privilege THEN
    RAISE NOTICE 'client_connection_check_interval left at its default: %', SQLERRM;
END
$$;
