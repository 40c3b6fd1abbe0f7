INSERT INTO zava_meta.embedding_passage_staging (model_id, product_id, passage, content_hash, embedding)
SELECT $1, r.product_id, r.passage, r.content_hash, r.embedding::real[]
FROM unnest($2::uuid[], $3::smallint[], $4::text[], $5::text[]) AS r (product_id, passage, content_hash, embedding)
ON CONFLICT (model_id, product_id, passage) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding
