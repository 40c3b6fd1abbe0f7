INSERT INTO zava_meta.build (seed, scale, counts, timings) VALUES ($1, $2, $3, $4)
