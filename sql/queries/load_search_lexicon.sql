-- Fills the lexicon (emptied first by the caller) that spelling correction draws from: every word of three letters or more in
-- the searchable text of the catalog (names, shoppers' words, descriptions, materials), unstemmed.
INSERT INTO retail.search_lexicon (word)
SELECT word
FROM ts_stat($$
    SELECT to_tsvector('simple', p.product_name || ' ' || p.product_description || ' ' ||
                                 coalesce(array_to_string(a.also_say, ' '), '') || ' ' || coalesce(a.material, ''))
    FROM retail.products p LEFT JOIN retail.product_attributes a USING (product_id)
$$)
WHERE word ~ '^[a-z][a-z'']{2,}$'
