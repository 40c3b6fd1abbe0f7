-- zava:replaces-checksum 927920bcee87bbe69fddf9e8522f1c579c71d16cf61018c1b23196a8204990d3
-- Roles and row-level security. Visibility derives from current_user through a mapping
-- that identity roles can read only for themselves and never change; no session setting
-- (set_config, SET) is consulted, so the lab sample's GUC spoof has nothing to spoof.
-- RLS is enabled, not forced: policies bind every identity role; the tables' owner is the admin
-- login that loads them with COPY and writes the mapping. A superuser owner bypasses RLS even
-- when forced; a managed service's admin (no superuser) could not load a forced table at all.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zava_reader') THEN
        CREATE ROLE zava_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'store_managers') THEN
        CREATE ROLE store_managers NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'regional_managers') THEN
        CREATE ROLE regional_managers NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'head_office') THEN
        CREATE ROLE head_office NOLOGIN;
    END IF;
END
$$;

GRANT zava_reader TO store_managers, regional_managers, head_office;

CREATE SCHEMA IF NOT EXISTS rls;

-- Which stores each identity role may see. Written only by the superuser (syncIdentities).
CREATE TABLE rls.identity_stores (
    role_name   name NOT NULL,
    identity_id uuid NOT NULL,
    store_id    uuid NOT NULL,
    PRIMARY KEY (role_name, store_id)
);
ALTER TABLE rls.identity_stores ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON rls.identity_stores FOR SELECT USING (role_name = current_user);

-- The seed's vocabulary, answered from current_user.
CREATE FUNCTION retail.get_user_store_list() RETURNS uuid[]
    LANGUAGE sql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog
AS $$ SELECT coalesce(array_agg(store_id), '{}'::uuid[]) FROM rls.identity_stores WHERE role_name = current_user $$;

CREATE FUNCTION retail.get_current_user_store() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog
AS $$ SELECT CASE WHEN count(*) = 1 THEN min(store_id::text)::uuid END FROM rls.identity_stores WHERE role_name = current_user $$;

CREATE FUNCTION retail.get_current_identity() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE SECURITY INVOKER
    SET search_path = pg_catalog
AS $$ SELECT min(identity_id::text)::uuid FROM rls.identity_stores WHERE role_name = current_user $$;

-- Store-scoped tables: RLS enabled and forced. The list is computed once per query (initplan).
ALTER TABLE retail.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY store_scope ON retail.orders FOR SELECT
    USING (store_id = ANY ((SELECT retail.get_user_store_list())::uuid[]));

ALTER TABLE retail.order_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY store_scope ON retail.order_items FOR SELECT
    USING (store_id = ANY ((SELECT retail.get_user_store_list())::uuid[]));

ALTER TABLE retail.inventory ENABLE ROW LEVEL SECURITY;
CREATE POLICY store_scope ON retail.inventory FOR SELECT
    USING (store_id = ANY ((SELECT retail.get_user_store_list())::uuid[]));

-- The lab's rule: a store sees its primary-store customers and anyone who ordered there.
ALTER TABLE retail.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY store_scope ON retail.customers FOR SELECT
    USING (
        primary_store_id = ANY ((SELECT retail.get_user_store_list())::uuid[])
        OR EXISTS (
            SELECT 1 FROM retail.orders o
            WHERE o.customer_id = customers.customer_id
              AND o.store_id = ANY ((SELECT retail.get_user_store_list())::uuid[])
        )
    );

-- Read-only grants. Catalog tables carry no store and are readable by all identities.
GRANT USAGE ON SCHEMA retail, rls TO zava_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA retail TO zava_reader;
GRANT SELECT ON rls.identity_stores TO zava_reader;
REVOKE ALL ON FUNCTION retail.get_user_store_list(), retail.get_current_user_store(), retail.get_current_identity() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retail.get_user_store_list(), retail.get_current_user_store(), retail.get_current_identity() TO zava_reader;

-- No scratch space for model SQL: no temp tables, no objects in public.
DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('REVOKE CREATE ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
