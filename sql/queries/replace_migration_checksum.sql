-- A migration rewritten without changing what it did (-- zava:replaces-checksum): record its new text.
UPDATE zava_meta.migrations SET checksum = $2 WHERE version = $1
