-- Full-text side of hybrid search. The query's words become English lexemes (stemmed, stop words
-- dropped); each product scores the idf-weighted share of those lexemes it contains (coverage) and
-- the share found in its name (weight A of search_document). Any-word (OR) semantics: a product
-- matching one rare word still scores, one matching all words scores most, so "cordless drill"
-- puts cordless drills (both words) above corded ones (one word). Exact lexemes, no prefixes:
-- 'cord:*' would let "corded" match "cordless". One GIN lookup finds every product with any of the
-- words; per-word matches are then checked on those rows only. Document frequencies come from the
-- same matches and the product count from the planner's statistics (ANALYZEd after every load).
-- $1 query text, $2 how many products.
WITH terms AS (
    SELECT DISTINCT lexeme AS term FROM unnest(to_tsvector('english', $1))
), q AS (
    SELECT term,
           to_tsquery('simple', quote_literal(term)) AS tq,
           to_tsquery('simple', quote_literal(term) || ':A') AS tq_name
    FROM terms
), any_word AS (
    SELECT string_agg(quote_literal(term), ' | ')::tsquery AS tq FROM terms
), hits AS MATERIALIZED (
    SELECT p.product_id, p.search_document, ts_rank_cd(p.search_document, (SELECT tq FROM any_word)) AS rank_cd
    FROM retail.products p
    WHERE p.search_document @@ (SELECT tq FROM any_word)
), matches AS MATERIALIZED (
    SELECT h.product_id, q.term, h.search_document @@ q.tq_name AS in_name
    FROM hits h CROSS JOIN q
    WHERE h.search_document @@ q.tq
), df AS (
    SELECT term, count(*) AS n FROM matches GROUP BY term
), idf AS (
    SELECT q.term,
           greatest(ln((greatest((SELECT reltuples FROM pg_class WHERE oid = 'retail.products'::regclass), 1) + 1)
                       / (coalesce(df.n, 0) + 0.5)), 0) AS idf
    FROM q LEFT JOIN df USING (term)
), total AS (
    SELECT nullif(sum(idf), 0) AS idf FROM idf
)
SELECT m.product_id,
       sum(i.idf) / (SELECT idf FROM total) AS coverage,
       coalesce(sum(i.idf) FILTER (WHERE m.in_name), 0) / (SELECT idf FROM total) AS name_coverage,
       max(h.rank_cd) AS rank_cd
FROM matches m
JOIN idf i USING (term)
JOIN hits h USING (product_id)
GROUP BY m.product_id
ORDER BY coverage DESC, name_coverage DESC, rank_cd DESC, m.product_id
LIMIT $2
