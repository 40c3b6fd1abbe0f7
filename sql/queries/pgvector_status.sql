-- Whether pgvector is installed in this database, and whether the server could install it.
SELECT
    (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS installed_version,
    (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS available_version,
    current_setting('server_version') AS server_version
