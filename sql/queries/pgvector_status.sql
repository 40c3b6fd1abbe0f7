-- Whether pgvector is installed in this database, whether the server could install it, and what
-- kind of server this is (so status can say what to do about it there).
SELECT
    (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS installed_version,
    (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS available_version,
    coalesce((SELECT bool_or(trusted) FROM pg_available_extension_versions WHERE name = 'vector'), false) AS trusted,
    (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
    current_setting('server_version') AS server_version,
    current_setting('server_version_num')::int / 10000 AS server_major,
    -- Managed services name their extension allow-lists in their own settings.
    current_setting('azure.extensions', true) AS azure_extensions,
    current_setting('rds.extensions', true) AS rds_extensions,
    current_setting('cloudsql.iam_authentication', true) AS cloudsql
