-- Every vector of one model, for the exact scan in Node where pgvector is absent (cached per version).
-- Binary (array_send) in base64: 4x faster to move and decode than the text form of real[].
-- $1 model_id.
SELECT product_id, encode(array_send(description_embedding), 'base64') AS embedding
FROM retail.product_description_embeddings
WHERE model_id = $1
