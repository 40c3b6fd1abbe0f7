-- Marks a published set ready with a fresh version (readers cache by it).
UPDATE zava_meta.embedding_models SET ready_at = now(), version = gen_random_uuid(), vectors = $2, index_name = $3, passages = $4,
  job_state = 'idle', job_done = $2, job_total = $2, job_error = NULL, updated_at = now() WHERE model_id = $1
