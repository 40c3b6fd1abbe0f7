-- One batch of computed vectors into staging, in one statement (autocommit: each batch is a resume point).
INSERT INTO zava_meta.embedding_staging (model_id, product_id, content_hash, embedding)
-- $4 holds every vector of the batch in one flat real[] ($5 floats each), parsed once; row n takes its slice.
SELECT $1, r.product_id, r.content_hash, v.flat[(r.n - 1) * $5 + 1 : r.n * $5]
FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS r (product_id, content_hash, n), (SELECT $4::real[] AS flat) AS v
ON CONFLICT (model_id, product_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding
