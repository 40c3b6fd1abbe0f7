-- Which stores an identity's role sees (the RLS policies read this table).
INSERT INTO rls.identity_stores (role_name, identity_id, store_id) VALUES ($1, $2, $3)
