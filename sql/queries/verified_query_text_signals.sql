-- Full-text side of find_verified_queries, the same measure as product search: the question's
-- English lexemes (stemmed, stop words dropped), each weighted by its idf over the verified
-- questions, and every verified question scored by the share of that weight it contains.
-- Touches no table, so it runs as any identity. $1 the question, $2 the verified questions.
WITH terms AS (
    SELECT DISTINCT lexeme AS term FROM unnest(to_tsvector('english', $1))
), docs AS (
    SELECT (t.ord - 1)::int AS idx, to_tsvector('english', t.question) AS doc
    FROM unnest($2::text[]) WITH ORDINALITY AS t(question, ord)
), matches AS (
    SELECT d.idx, terms.term
    FROM docs d CROSS JOIN terms
    WHERE d.doc @@ to_tsquery('simple', quote_literal(terms.term))
), df AS (
    SELECT term, count(*) AS n FROM matches GROUP BY term
), idf AS (
    SELECT terms.term, greatest(ln((cardinality($2::text[]) + 1.0) / (coalesce(df.n, 0) + 0.5)), 0) AS idf
    FROM terms LEFT JOIN df USING (term)
), total AS (
    SELECT nullif(sum(idf), 0) AS idf FROM idf
)
SELECT m.idx, (sum(i.idf) / (SELECT idf FROM total))::float8 AS coverage
FROM matches m JOIN idf i USING (term)
GROUP BY m.idx
