-- zava:requires vector
-- pgvector where the server has it: the extension and a function for the seed's search API.
-- Without it the app still runs: search falls back to an exact scan over real[] (status says so).
CREATE EXTENSION IF NOT EXISTS vector;

-- The seed's search_products_by_description over our stored vectors (cosine; threshold 0–1).
CREATE FUNCTION retail.search_products_by_description(
    query_embedding      vector,
    similarity_threshold double precision DEFAULT 0.3,
    max_results          integer DEFAULT 20,
    embedding_model      text DEFAULT 'use-lite-512'
) RETURNS TABLE (product_id uuid, product_name text, product_description text, similarity double precision)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    SELECT p.product_id, p.product_name, p.product_description,
           1 - (e.description_embedding::vector <=> query_embedding) AS similarity
    FROM retail.product_description_embeddings e
    JOIN retail.products p USING (product_id)
    WHERE e.model_id = embedding_model
      AND 1 - (e.description_embedding::vector <=> query_embedding) >= similarity_threshold
    ORDER BY e.description_embedding::vector <=> query_embedding
    LIMIT max_results
$$;
GRANT EXECUTE ON FUNCTION retail.search_products_by_description(vector, double precision, integer, text) TO zava_reader;
