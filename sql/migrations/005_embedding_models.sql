-- Which embedding model sets are complete, and the resumable staging area that fills them.
-- Search reads only models with ready_at set: a set is published into
-- retail.product_description_embeddings in one transaction, so nothing half-written is served.
CREATE TABLE zava_meta.embedding_models (
    model_id     text        PRIMARY KEY CHECK (model_id ~ '^[A-Za-z0-9._:/@-]{1,160}$'),
    provider     text        NOT NULL,
    model        text        NOT NULL,
    dimensions   integer     NOT NULL CHECK (dimensions > 0),
    -- Set when a complete set was published; a new uuid per publish lets caches notice.
    ready_at     timestamptz,
    version      uuid,
    vectors      integer     NOT NULL DEFAULT 0,
    -- The HNSW index over this model's vectors (NULL: none, search scans exactly).
    index_name   text,
    -- The last (re-)embedding job: idle | running | cancelled | failed, with its progress.
    job_state    text        NOT NULL DEFAULT 'idle' CHECK (job_state IN ('idle', 'running', 'cancelled', 'failed')),
    job_done     integer     NOT NULL DEFAULT 0,
    job_total    integer     NOT NULL DEFAULT 0,
    job_error    text,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Vectors of a job in progress, committed per batch so a cancelled job resumes where it stopped.
CREATE TABLE zava_meta.embedding_staging (
    model_id     text        NOT NULL REFERENCES zava_meta.embedding_models ON DELETE CASCADE,
    product_id   uuid        NOT NULL,
    content_hash text        NOT NULL,
    embedding    real[]      NOT NULL,
    PRIMARY KEY (model_id, product_id)
);

-- Identity roles run the search: they may see which sets are ready (no secrets here), not the staging.
GRANT USAGE ON SCHEMA zava_meta TO zava_reader;
GRANT SELECT ON zava_meta.embedding_models TO zava_reader;
