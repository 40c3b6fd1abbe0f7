INSERT INTO zava_meta.build (seed, scale, as_of, counts, timings) VALUES ($1, $2, $3, $4, $5)
