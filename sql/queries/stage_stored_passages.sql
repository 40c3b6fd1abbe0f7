INSERT INTO zava_meta.embedding_passage_staging (model_id, product_id, passage, content_hash, embedding)
SELECT e.model_id, e.product_id, e.passage, e.content_hash, e.embedding
FROM retail.product_passage_embeddings e JOIN unnest($2::uuid[], $3::smallint[]) AS k (product_id, passage) USING (product_id, passage)
WHERE e.model_id = $1
ON CONFLICT (model_id, product_id, passage) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding
