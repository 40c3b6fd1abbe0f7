-- Functions of 007_write_function_lockdown.sql that PUBLIC may still execute here: none where a
-- superuser built the database; all of them where the admin login owns no pg_catalog (managed services).
SELECT p.oid::regprocedure::text AS function
FROM pg_proc p
WHERE p.pronamespace = 'pg_catalog'::regnamespace
  AND p.proname IN ('lo_creat', 'lo_create', 'lo_from_bytea', 'lo_put', 'lowrite', 'lo_truncate', 'lo_truncate64', 'lo_unlink', 'pg_logical_emit_message')
  AND has_function_privilege('public', p.oid, 'EXECUTE')
ORDER BY 1
