DELETE FROM zava_meta.embedding_passage_staging WHERE model_id = $1
