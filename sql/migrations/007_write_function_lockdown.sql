-- Identity roles may leave read-only mode (SET default_transaction_read_only = off); their
-- grants then still refuse every table write. What remains writable without any privilege:
-- large objects (any role may create one, with no quota) and logical WAL messages. Nobody
-- but the superuser needs either in the app database.
REVOKE EXECUTE ON FUNCTION
    pg_catalog.lo_creat(integer),
    pg_catalog.lo_create(oid),
    pg_catalog.lo_from_bytea(oid, bytea),
    pg_catalog.lo_put(oid, bigint, bytea),
    pg_catalog.lowrite(integer, bytea),
    pg_catalog.lo_truncate(integer, integer),
    pg_catalog.lo_truncate64(integer, bigint),
    pg_catalog.lo_unlink(oid),
    pg_catalog.pg_logical_emit_message(boolean, text, text, boolean),
    pg_catalog.pg_logical_emit_message(boolean, text, bytea, boolean)
FROM PUBLIC;
