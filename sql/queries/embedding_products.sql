-- What the indexer embeds for each product (name, description, the words shoppers also say), with the vector already stored for the model (if any).
-- $1 model_id.
SELECT p.product_id, p.sku, p.product_name, p.product_description, a.also_say,
       e.content_hash AS stored_hash, s.content_hash AS staged_hash
FROM retail.products p
LEFT JOIN retail.product_attributes a ON a.product_id = p.product_id
LEFT JOIN retail.product_description_embeddings e ON e.product_id = p.product_id AND e.model_id = $1
LEFT JOIN zava_meta.embedding_staging s ON s.product_id = p.product_id AND s.model_id = $1
ORDER BY p.sku
