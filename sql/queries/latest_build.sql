SELECT seed, scale, built_at FROM zava_meta.build ORDER BY built_at DESC LIMIT 1
