-- Nearest products by cosine distance with pgvector. __VECTOR__ is replaced by the model's cast
-- type, e.g. vector(512) (main/search/vector-search.ts): the expression and the model_id predicate
-- must match the partial HNSW index for the planner to use it. Without that index pgvector scans exactly.
-- $1 query vector ('[x,y,…]'), $2 model_id, $3 how many.
SELECT e.product_id,
       1 - (e.description_embedding::__VECTOR__ <=> $1::__VECTOR__) AS similarity
FROM retail.product_description_embeddings e
WHERE e.model_id = $2
ORDER BY e.description_embedding::__VECTOR__ <=> $1::__VECTOR__
LIMIT $3
