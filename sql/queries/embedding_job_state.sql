UPDATE zava_meta.embedding_models SET job_state = $2, job_done = $3, job_total = $4, job_error = $5, updated_at = now() WHERE model_id = $1
