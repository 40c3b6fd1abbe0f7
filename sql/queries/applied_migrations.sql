SELECT version, name, checksum FROM zava_meta.migrations
