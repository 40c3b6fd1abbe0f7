INSERT INTO retail.product_passage_embeddings (model_id, product_id, passage, embedding, content_hash)
SELECT s.model_id, s.product_id, s.passage, s.embedding, s.content_hash
FROM zava_meta.embedding_passage_staging s JOIN retail.products p USING (product_id) WHERE s.model_id = $1
