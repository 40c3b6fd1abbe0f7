INSERT INTO zava_meta.embedding_passage_staging (model_id, product_id, passage, content_hash, embedding)
-- $5 holds every vector of the batch in one flat real[] ($6 floats each), parsed once; row n takes its slice.
SELECT $1, r.product_id, r.passage, r.content_hash, v.flat[(r.n - 1) * $6 + 1 : r.n * $6]
FROM unnest($2::uuid[], $3::smallint[], $4::text[]) WITH ORDINALITY AS r (product_id, passage, content_hash, n), (SELECT $5::real[] AS flat) AS v
ON CONFLICT (model_id, product_id, passage) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding
