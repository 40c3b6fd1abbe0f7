-- Is this model's vector set complete, and which search path can serve it?
-- Also widens pgvector's hnsw.ef_search to the candidates wanted (HNSW returns at most ef_search
-- rows, default 40). Session-level: inside the bridge's transaction it ends with it, and outside it
-- only tunes later searches; a placeholder setting is harmless where pgvector is absent.
-- passages (migration 011) is read through to_jsonb so a data dir not yet migrated still searches (by documents).
-- $1 model_id, $2 ef_search. Runs as the caller's identity role (embedding_models is granted to readers).
SELECT m.model_id,
       m.dimensions,
       m.ready_at IS NOT NULL AS ready,
       m.version::text AS version,
       m.vectors,
       (to_jsonb(m) ->> 'passages')::integer AS passages,
       m.index_name,
       (m.index_name IS NOT NULL AND to_regclass(format('retail.%I', m.index_name)) IS NOT NULL) AS index_present,
       (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pgvector_version,
       set_config('hnsw.ef_search', $2, false) AS ef_search
FROM zava_meta.embedding_models m
WHERE m.model_id = $1
