-- Stored vectors whose text did not change, into staging (no re-embedding).
INSERT INTO zava_meta.embedding_staging (model_id, product_id, content_hash, embedding)
SELECT model_id, product_id, content_hash, description_embedding FROM retail.product_description_embeddings
WHERE model_id = $1 AND product_id = ANY ($2::uuid[])
ON CONFLICT (model_id, product_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding
