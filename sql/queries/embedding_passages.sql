-- Content hashes of the description passage vectors already stored or staged for a model (indexer reuse).
-- $1 model_id.
SELECT product_id, passage, 'stored' AS source, content_hash FROM retail.product_passage_embeddings WHERE model_id = $1
UNION ALL
SELECT product_id, passage, 'staged' AS source, content_hash FROM zava_meta.embedding_passage_staging WHERE model_id = $1
