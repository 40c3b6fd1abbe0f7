-- Every description passage vector of one model, for re-scoring candidates in Node (cached per version).
-- Binary (array_send) in base64, as search_vectors_all.sql. $1 model_id.
SELECT product_id, passage, encode(array_send(embedding), 'base64') AS embedding
FROM retail.product_passage_embeddings
WHERE model_id = $1
ORDER BY product_id, passage
