-- Columns of the requested retail tables, in order ($1: table names without schema).
SELECT c.table_name::text AS table_name,
       c.column_name::text AS column_name,
       CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name::text
            WHEN c.data_type = 'ARRAY' THEN ltrim(c.udt_name::text, '_') || '[]'
            ELSE c.data_type::text END AS data_type,
       c.is_nullable = 'YES' AS nullable,
       col_description(format('retail.%I', c.table_name)::regclass, c.ordinal_position::int) AS description
FROM information_schema.columns c
WHERE c.table_schema = 'retail' AND c.table_name = ANY ($1::text[])
ORDER BY c.table_name, c.ordinal_position
