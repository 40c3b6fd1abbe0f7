-- zava:after-data
-- Merchandising data for search (resources/catalog/attributes.json, loaded by `db reset` through
-- main/search/attributes-phase.ts): per product its power source, where it is used, its material
-- and size, and the words shoppers also say for it. The full-text side of search runs over
-- search_document here (name, shoppers' words, description, material), falling back to
-- retail.products.search_document for a product without a row (a data dir not rebuilt yet).
CREATE TABLE retail.product_attributes (
    product_id      uuid     NOT NULL PRIMARY KEY REFERENCES retail.products ON DELETE CASCADE,
    power_source    text     NOT NULL CHECK (power_source IN ('corded', 'cordless', 'gas', 'none')),
    setting         text     NOT NULL CHECK (setting IN ('indoor', 'outdoor', 'both')),
    material        text     NOT NULL,
    size            text,
    also_say        text[]   NOT NULL,
    -- Weights: A name, B shoppers' words, C description, D material and size. Name coverage
    -- (main/search/ranking.ts) counts weight A only.
    search_document tsvector NOT NULL
);
CREATE INDEX product_attributes_search_idx ON retail.product_attributes USING gin (search_document);

-- Every word (lower case, unstemmed) of the searchable text: what a misspelt query word is
-- corrected towards (retail.correct_spelling, given teeth by migration 013 where pg_trgm exists).
CREATE TABLE retail.search_lexicon (
    word text NOT NULL PRIMARY KEY
);

-- Without pg_trgm a query is used as typed; 013 replaces this with trigram correction.
CREATE FUNCTION retail.correct_spelling(query_text text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog
AS $$ SELECT query_text $$;

-- Full-text side of hybrid search. The query's words (spelling corrected) become English lexemes
-- (stemmed, stop words dropped); each product scores the idf-weighted share of those lexemes it
-- contains (coverage) and the share found in its name (weight A). Any-word (OR) semantics: a
-- product matching one rare word still scores, one matching all words scores most, so "cordless
-- drill" puts cordless drills (both words) above corded ones (one word). Exact lexemes, no
-- prefixes: 'cord:*' would let "corded" match "cordless". One GIN lookup per table finds every
-- product with any of the words; per-word matches are then checked on those rows only. Document
-- frequencies come from the same matches and the product count from the planner's statistics.
-- Shared by the search service (sql/queries/search_text_signals.sql) and
-- retail.search_products_by_description, so both rank from the same evidence.
CREATE FUNCTION retail.search_text_signals(query_text text, max_rows integer)
    RETURNS TABLE (product_id uuid, coverage double precision, name_coverage double precision, rank_cd double precision)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
WITH terms AS (
    SELECT DISTINCT lexeme AS term FROM unnest(to_tsvector('english', retail.correct_spelling(query_text)))
), q AS (
    SELECT term,
           to_tsquery('simple', quote_literal(term)) AS tq,
           to_tsquery('simple', quote_literal(term) || ':A') AS tq_name
    FROM terms
), any_word AS (
    SELECT string_agg(quote_literal(term), ' | ')::tsquery AS tq FROM terms
), hits AS MATERIALIZED (
    SELECT a.product_id, a.search_document AS doc
    FROM retail.product_attributes a
    WHERE a.search_document @@ (SELECT tq FROM any_word)
    UNION ALL
    SELECT p.product_id, p.search_document
    FROM retail.products p
    WHERE p.search_document @@ (SELECT tq FROM any_word)
      AND NOT EXISTS (SELECT 1 FROM retail.product_attributes a WHERE a.product_id = p.product_id)
), matches AS MATERIALIZED (
    SELECT h.product_id, q.term, h.doc @@ q.tq_name AS in_name
    FROM hits h CROSS JOIN q
    WHERE h.doc @@ q.tq
), df AS (
    SELECT term, count(*) AS n FROM matches GROUP BY term
), known AS (
    SELECT q.term,
           greatest(ln((greatest((SELECT reltuples FROM pg_class WHERE oid = 'retail.products'::regclass), 1) + 1) / (df.n + 0.5)), 0) AS idf
    FROM q JOIN df USING (term)
), idf AS (
    -- A word no product contains ("mend" in "mend a leaky tap") cannot tell products apart, and its
    -- rarity is only that of a word outside the catalog: it counts as an average word of the query
    -- that nothing matched (the mean idf of the matched words), not as the rarest word there is.
    SELECT q.term, coalesce(k.idf, (SELECT avg(idf) FROM known)) AS idf
    FROM q LEFT JOIN known k USING (term)
), total AS (
    SELECT nullif(sum(idf), 0) AS idf FROM idf
)
SELECT m.product_id,
       sum(i.idf) / (SELECT idf FROM total) AS coverage,
       coalesce(sum(i.idf) FILTER (WHERE m.in_name), 0) / (SELECT idf FROM total) AS name_coverage,
       max(ts_rank_cd(h.doc, (SELECT tq FROM any_word)))::double precision AS rank_cd
FROM matches m
JOIN idf i USING (term)
JOIN hits h USING (product_id)
GROUP BY m.product_id
ORDER BY coverage DESC, name_coverage DESC, rank_cd DESC, m.product_id
LIMIT max_rows
$$;

-- Catalog data, not store-scoped: every identity may read it (no RLS).
GRANT SELECT ON retail.product_attributes, retail.search_lexicon TO zava_reader;
GRANT EXECUTE ON FUNCTION retail.correct_spelling(text), retail.search_text_signals(text, integer) TO zava_reader;
