DELETE FROM rls.identity_stores
