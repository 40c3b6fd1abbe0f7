DELETE FROM zava_meta.embedding_staging WHERE model_id = $1
