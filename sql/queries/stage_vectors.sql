-- One batch of computed vectors into staging, in one statement (autocommit: each batch is a resume point).
INSERT INTO zava_meta.embedding_staging (model_id, product_id, content_hash, embedding)
SELECT $1, r.product_id, r.content_hash, r.embedding::real[]
FROM unnest($2::uuid[], $3::text[], $4::text[]) AS r (product_id, content_hash, embedding)
ON CONFLICT (model_id, product_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding
