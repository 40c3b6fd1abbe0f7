-- to_jsonb: builds made before migration 022 have no as_of column.
SELECT seed, scale, built_at, to_jsonb(b) ->> 'as_of' AS as_of FROM zava_meta.build b ORDER BY built_at DESC LIMIT 1
