-- Creates or refreshes a model's row in zava_meta.embedding_models (readiness untouched).
INSERT INTO zava_meta.embedding_models (model_id, provider, model, dimensions) VALUES ($1, $2, $3, $4)
ON CONFLICT (model_id) DO UPDATE SET provider = EXCLUDED.provider, model = EXCLUDED.model, updated_at = now()
