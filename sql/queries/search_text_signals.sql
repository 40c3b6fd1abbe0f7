-- Full-text side of hybrid search: see retail.search_text_signals (sql/migrations/012), shared with
-- retail.search_products_by_description. $1 query text, $2 how many products.
SELECT product_id, coverage, name_coverage, rank_cd FROM retail.search_text_signals($1, $2)
