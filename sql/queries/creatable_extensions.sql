-- Extensions this login can have in the current database: already created, or available and
-- either trusted (any login with CREATE on the database may create it) or we are superuser.
SELECT a.name
FROM pg_available_extensions a
WHERE a.installed_version IS NOT NULL
   OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
   OR (has_database_privilege(current_database(), 'CREATE')
       AND EXISTS (SELECT 1 FROM pg_available_extension_versions v WHERE v.name = a.name AND v.version = a.default_version AND v.trusted))
