-- zava:after-data
-- Vectors of description passages (passage 1: the description's first sentence; 2: the rest),
-- beside each model's whole-document vector. Search re-scores its candidates by the best of the
-- document and its passages, so a query phrased like one sentence of a description is not diluted
-- by the product's name and other sentences (main/search/rank-products.ts).
-- Published in the SAME transaction as the model's document vectors (main/search/vector-store.ts):
-- embedding_models.passages is set with them (NULL: no passages published, search uses documents).
ALTER TABLE zava_meta.embedding_models ADD COLUMN passages integer;

CREATE TABLE retail.product_passage_embeddings (
    model_id     text     NOT NULL,
    product_id   uuid     NOT NULL REFERENCES retail.products ON DELETE CASCADE,
    passage      smallint NOT NULL CHECK (passage BETWEEN 1 AND 16),
    embedding    real[]   NOT NULL,
    content_hash text     NOT NULL,
    PRIMARY KEY (model_id, product_id, passage)
);

-- Passages of a job in progress, committed with their product's document vector per batch.
CREATE TABLE zava_meta.embedding_passage_staging (
    model_id     text     NOT NULL REFERENCES zava_meta.embedding_models ON DELETE CASCADE,
    product_id   uuid     NOT NULL,
    passage      smallint NOT NULL CHECK (passage BETWEEN 1 AND 16),
    content_hash text     NOT NULL,
    embedding    real[]   NOT NULL,
    PRIMARY KEY (model_id, product_id, passage)
);

-- Catalog data, not store-scoped: every identity may read it (no RLS), like the document vectors.
-- The staging area stays private (as zava_meta.embedding_staging).
GRANT SELECT ON retail.product_passage_embeddings TO zava_reader;
