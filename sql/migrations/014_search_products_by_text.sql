-- zava:requires vector
-- The seed's search function, ranking as `semantic_search_products` does: vector similarity (the
-- best of the product's document and passage vectors) fused with the full-text signals over the
-- enriched catalog and the query's attribute constraints, one score ranked, thresholded and shown.
-- The fusion and its weights are main/search/ranking.ts's (DEFAULT_FUSION: vector 1, coverage 0.8,
-- name 0.3, attributes 0.3, exponent 1); test/integration/search-sql-function.test.ts checks that
-- both return the same rows. SECURITY INVOKER: stock counts only the stores the caller's RLS shows.
--   query_text   the words to match (main/search/query-understanding.ts `text`)
--   query_embedding  the vector of its `meaningText` (negated phrases removed)
--   constraints  {"power":{"want":[…],"exclude":[…]},"setting":{"want":[…],"exclude":[…]}} (its `constraints`)
--   similarity_threshold  0..1 on the fused score
CREATE FUNCTION retail.search_products_by_description(
    query_text           text,
    query_embedding      vector,
    similarity_threshold double precision DEFAULT 0.3,
    max_results          integer DEFAULT 20,
    embedding_model      text DEFAULT 'use-lite-512',
    constraints          jsonb DEFAULT '{}'
) RETURNS TABLE (
    product_name            text,
    sku                     text,
    category                text,
    product_type            text,
    base_price              numeric,
    similarity_percent      double precision,
    stock_in_visible_stores integer,
    visible_stores_in_stock integer,
    product_id              uuid,
    score                   double precision
)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
WITH params AS (
    -- As many candidates from each side as the service draws (service.ts candidateCount).
    SELECT greatest(60, least(200, max_results * 3)) AS lim,
           ARRAY(SELECT jsonb_array_elements_text(coalesce(constraints #> '{power,want}', '[]'))) AS power_want,
           ARRAY(SELECT jsonb_array_elements_text(coalesce(constraints #> '{power,exclude}', '[]'))) AS power_exclude,
           ARRAY(SELECT jsonb_array_elements_text(coalesce(constraints #> '{setting,want}', '[]'))) AS setting_want,
           ARRAY(SELECT jsonb_array_elements_text(coalesce(constraints #> '{setting,exclude}', '[]'))) AS setting_exclude,
           coalesce((SELECT m.passages > 0 FROM zava_meta.embedding_models m WHERE m.model_id = embedding_model), false) AS use_passages
), nearest AS (
    SELECT e.product_id
    FROM retail.product_description_embeddings e
    WHERE e.model_id = embedding_model
    ORDER BY e.description_embedding::vector <=> query_embedding
    LIMIT (SELECT lim FROM params)
), words AS (
    SELECT * FROM retail.search_text_signals(query_text, (SELECT lim FROM params))
), candidates AS (
    SELECT product_id FROM nearest UNION SELECT product_id FROM words
), evidence AS (
    SELECT c.product_id,
           (SELECT 1 - (e.description_embedding::vector <=> query_embedding)
            FROM retail.product_description_embeddings e
            WHERE e.model_id = embedding_model AND e.product_id = c.product_id) AS document,
           CASE WHEN (SELECT use_passages FROM params) THEN
               (SELECT max(1 - (pe.embedding::vector <=> query_embedding))
                FROM retail.product_passage_embeddings pe
                WHERE pe.model_id = embedding_model AND pe.product_id = c.product_id)
           END AS passage,
           coalesce(w.coverage, 0) AS coverage,
           coalesce(w.name_coverage, 0) AS name_coverage,
           coalesce(w.rank_cd, 0) AS rank_cd,
           a.power_source,
           a.setting
    FROM candidates c
    LEFT JOIN words w ON w.product_id = c.product_id
    LEFT JOIN retail.product_attributes a ON a.product_id = c.product_id
), kept AS (
    SELECT ev.*,
           -- rank-products.ts `rescored`: the passage lifts the document less as word coverage rises.
           CASE WHEN ev.passage IS NULL THEN ev.document
                WHEN ev.document IS NULL THEN ev.passage
                ELSE ev.document + (1 - least(1, greatest(0, ev.coverage))) * greatest(0, ev.passage - ev.document)
           END AS similarity,
           -- query-understanding.ts `attributeMatch`: share of the wishes (power, setting) met.
           CASE WHEN ev.power_source IS NULL THEN 0
                ELSE ((cardinality(p.power_want) > 0 AND ev.power_source = ANY (p.power_want))::int
                      + (cardinality(p.setting_want) > 0 AND ev.setting = ANY (p.setting_want))::int)::double precision
                     / greatest(1, (cardinality(p.power_want) > 0)::int + (cardinality(p.setting_want) > 0)::int)
           END AS attribute_match
    FROM evidence ev CROSS JOIN params p
    WHERE ev.power_source IS NULL
       OR NOT (ev.power_source = ANY (p.power_exclude) OR ev.setting = ANY (p.setting_exclude))
), scored AS (
    -- ranking.ts `fusedScore` with DEFAULT_FUSION.
    SELECT k.*,
           1 - (1 - least(1, greatest(0, 1.0 * greatest(0, coalesce(k.similarity, 0)))))
             * (1 - least(1, greatest(0, 0.8 * least(1, greatest(0, k.coverage)))))
             * (1 - least(1, greatest(0, 0.3 * least(1, greatest(0, k.name_coverage)))))
             * (1 - least(1, greatest(0, 0.3 * least(1, greatest(0, k.attribute_match))))) AS score
    FROM kept k
)
SELECT p.product_name,
       p.sku,
       c.category_name,
       t.type_name,
       p.base_price,
       round((s.score * 1000)::numeric)::double precision / 10,
       (SELECT coalesce(sum(i.stock_level), 0) FROM retail.inventory i WHERE i.product_id = p.product_id)::integer,
       (SELECT count(*) FROM retail.inventory i WHERE i.product_id = p.product_id AND i.stock_level > 0)::integer,
       p.product_id,
       s.score
FROM scored s
JOIN retail.products p ON p.product_id = s.product_id
JOIN retail.categories c ON c.category_id = p.category_id
JOIN retail.product_types t ON t.type_id = p.type_id
WHERE s.score >= similarity_threshold - 1e-9
ORDER BY s.score DESC, s.rank_cd DESC, s.product_id
LIMIT max_results
$$;
GRANT EXECUTE ON FUNCTION retail.search_products_by_description(text, vector, double precision, integer, text, jsonb) TO zava_reader;
