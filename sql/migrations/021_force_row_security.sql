-- zava:after-data
-- FORCE row-level security on every table that has it enabled, where the admin login that owns
-- them is a superuser (the embedded server, a self-managed one). There it changes nothing for
-- loading (a superuser bypasses RLS either way) and keeps the tables' owner bound by the policies
-- should ownership ever move to a non-superuser. On a managed service the owner is a
-- non-superuser admin that must still COPY into the tables and write the identity mapping, so
-- RLS stays enabled but not forced: identity roles own nothing, so the policies bind them alike.
DO $$
DECLARE
    t regclass;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN;
    END IF;
    FOR t IN
        SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('retail', 'rls') AND c.relkind IN ('r', 'p') AND c.relrowsecurity
    LOOP
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END
$$;
