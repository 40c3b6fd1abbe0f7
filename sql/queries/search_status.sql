-- Every embedding model set the database knows, with stored vector counts (for status and the UI).
-- passages (migration 011) is read through to_jsonb, so a data dir not yet migrated still reports.
SELECT m.model_id, m.provider, m.model, m.dimensions, m.ready_at, m.version::text AS version, m.vectors, (to_jsonb(m) ->> 'passages')::integer AS passages, m.index_name,
       (m.index_name IS NOT NULL AND to_regclass(format('retail.%I', m.index_name)) IS NOT NULL) AS index_present,
       m.job_state, m.job_done, m.job_total, m.job_error,
       (SELECT count(*) FROM retail.product_description_embeddings e WHERE e.model_id = m.model_id)::integer AS stored,
       (SELECT count(*) FROM retail.products)::integer AS products,
       (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pgvector_version
FROM zava_meta.embedding_models m
ORDER BY m.model_id
