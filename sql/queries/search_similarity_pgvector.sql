-- Cosine similarity of given products to the query (text matches the nearest-neighbour list missed).
-- $1 query vector, $2 model_id, $3 product ids.
SELECT e.product_id,
       1 - (e.description_embedding::__VECTOR__ <=> $1::__VECTOR__) AS similarity
FROM retail.product_description_embeddings e
WHERE e.model_id = $2 AND e.product_id = ANY ($3::uuid[])
