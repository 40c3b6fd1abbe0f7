-- Ends every other session on database $1 (before a rebuild renames it away).
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
