-- zava:requires pg_trgm
-- Spelling correction where the server has pg_trgm (the embedded build ships it in contrib;
-- elsewhere this migration is skipped and retried at the next start, and queries are used as
-- typed). A query word that is not in the catalog's lexicon is replaced by the lexicon word most
-- similar by trigrams, if any is similar enough: "cordles dril" -> "cordless drill".
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX search_lexicon_trgm_idx ON retail.search_lexicon USING gin (word gin_trgm_ops);

-- Words of 4 letters or more only (shorter ones have too few trigrams to correct safely), and
-- English stop words are left alone. 0.45 similarity: "screwdriver" <- "scredriver" (0.6),
-- "plywood" <- "plywod" (0.5), while "paint" is not pulled to "pain" or "print".
CREATE OR REPLACE FUNCTION retail.correct_spelling(query_text text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT coalesce(string_agg(coalesce(fix.word, w.word), ' ' ORDER BY w.n), '')
    FROM regexp_split_to_table(lower(query_text), '[^[:alnum:]'']+') WITH ORDINALITY AS w (word, n)
    LEFT JOIN LATERAL (
        SELECT l.word
        FROM retail.search_lexicon l
        WHERE length(w.word) >= 4
          AND w.word !~ '^[0-9]'
          AND numnode(plainto_tsquery('english', w.word)) > 0
          AND NOT EXISTS (SELECT 1 FROM retail.search_lexicon k WHERE k.word = w.word)
          AND l.word % w.word
          AND similarity(l.word, w.word) >= 0.45
        ORDER BY similarity(l.word, w.word) DESC, l.word
        LIMIT 1
    ) fix ON true
    WHERE w.word <> ''
$$;
