-- One embeddings job per model at a time, across processes (released by embeddings_unlock).
SELECT pg_try_advisory_lock(hashtext($1)) AS ok
