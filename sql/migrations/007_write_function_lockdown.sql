-- zava:replaces-checksum 516236a0647a99a1805e8a8b0b77e0595130ab2518cb6bd873bd7daed4555e1b
-- Identity roles may leave read-only mode (SET default_transaction_read_only = off); their
-- grants then still refuse every table write. What remains writable without any privilege:
-- large objects (any role may create one, with no quota) and logical WAL messages. Nobody
-- but the superuser needs either in the app database.
-- Signatures differ between versions (pg_logical_emit_message gained its `flush` argument in
-- 17 and lost the 3-argument form), so each is revoked only where this server has it.
-- Without ownership of pg_catalog (a managed service's admin is no superuser) PostgreSQL
-- revokes nothing and warns; `zava-mcp status` reports the lockdown as missing then.
DO $$
DECLARE
    signature text;
BEGIN
    FOREACH signature IN ARRAY ARRAY[
        'pg_catalog.lo_creat(integer)',
        'pg_catalog.lo_create(oid)',
        'pg_catalog.lo_from_bytea(oid, bytea)',
        'pg_catalog.lo_put(oid, bigint, bytea)',
        'pg_catalog.lowrite(integer, bytea)',
        'pg_catalog.lo_truncate(integer, integer)',
        'pg_catalog.lo_truncate64(integer, bigint)',
        'pg_catalog.lo_unlink(oid)',
        'pg_catalog.pg_logical_emit_message(boolean, text, text)',
        'pg_catalog.pg_logical_emit_message(boolean, text, bytea)',
        'pg_catalog.pg_logical_emit_message(boolean, text, text, boolean)',
        'pg_catalog.pg_logical_emit_message(boolean, text, bytea, boolean)'
    ] LOOP
        IF to_regprocedure(signature) IS NOT NULL THEN
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', to_regprocedure(signature));
        END IF;
    END LOOP;
END
$$;
