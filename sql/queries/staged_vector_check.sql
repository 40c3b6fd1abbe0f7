-- Before publishing: is every product staged with the right dimensions? And is pgvector here?
SELECT (SELECT count(*) FROM retail.products)::int AS products,
       (SELECT count(*) FROM zava_meta.embedding_staging s JOIN retail.products p USING (product_id)
         WHERE s.model_id = $1 AND cardinality(s.embedding) = $2)::int AS staged,
       (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pgvector
