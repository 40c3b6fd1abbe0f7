-- Fresh statistics so the planner prices the index scan against the real row count.
ANALYZE retail.product_description_embeddings
