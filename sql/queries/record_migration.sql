INSERT INTO zava_meta.migrations (version, name, checksum) VALUES ($1, $2, $3)
