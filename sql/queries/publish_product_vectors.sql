INSERT INTO retail.product_description_embeddings (product_id, model_id, dimensions, description_embedding, content_hash)
SELECT s.product_id, s.model_id, $2, s.embedding, s.content_hash
FROM zava_meta.embedding_staging s JOIN retail.products p USING (product_id) WHERE s.model_id = $1
