-- Primary keys and relationships (foreign keys) of the requested retail tables.
SELECT t.relname::text AS table_name,
       con.contype::text AS kind,
       pg_get_constraintdef(con.oid) AS definition
FROM pg_constraint con
JOIN pg_class t ON t.oid = con.conrelid
WHERE t.relnamespace = 'retail'::regnamespace
  AND con.contype IN ('p', 'f')
  AND t.relname = ANY ($1::text[])
ORDER BY t.relname, con.contype DESC, con.conname
