-- zava:requires vector
-- zava:after-data
-- HNSW (cosine) over the offline encoder's 512-d vectors: an expression index over a cast of
-- the real[] column, partial per model so other providers' dimensions never meet this cast.
-- Queries must repeat the same expression and predicate to use it (sql/queries/search_vector_pgvector.sql).
-- Other models get theirs when their set is published (main/search/vector-store.ts).
CREATE INDEX pde_use_lite_512_78ebf0b2_hnsw
    ON retail.product_description_embeddings
    USING hnsw ((description_embedding::vector(512)) vector_cosine_ops)
    WHERE model_id = 'use-lite-512';
