SELECT count(*)::int AS staged FROM zava_meta.embedding_passage_staging s JOIN retail.products p USING (product_id)
WHERE s.model_id = $1 AND cardinality(s.embedding) = $2
