-- One rebuild at a time, from any process: a session-level lock held for the whole rebuild.
SELECT pg_try_advisory_lock(hashtext('zava-db-reset')) AS ok
