-- Staged passages a product no longer has (its description lost a sentence since).
DELETE FROM zava_meta.embedding_passage_staging s
WHERE s.model_id = $1
AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::int[]) AS c (product_id, n) WHERE c.product_id = s.product_id AND s.passage <= c.n)
