-- The lab's retail tables, bare: keys, foreign keys and indexes come in 003, after the
-- data is loaded with COPY (building them once over loaded data is several times faster).
CREATE SCHEMA IF NOT EXISTS retail;

CREATE TABLE retail.stores (
    store_id      uuid        NOT NULL,
    store_name    text        NOT NULL,
    location      text        NOT NULL,
    is_online     boolean     NOT NULL DEFAULT false,
    manager_id    uuid        NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE retail.categories (
    category_id   uuid        NOT NULL,
    category_name text        NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE retail.product_types (
    type_id       uuid        NOT NULL,
    category_id   uuid        NOT NULL,
    type_name     text        NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE retail.products (
    product_id           uuid          NOT NULL,
    sku                  text          NOT NULL,
    product_name         text          NOT NULL,
    category_id          uuid          NOT NULL,
    type_id              uuid          NOT NULL,
    cost                 numeric(10,2) NOT NULL CHECK (cost > 0),
    base_price           numeric(10,2) NOT NULL CHECK (base_price >= cost),
    gross_margin_percent numeric(5,2)  NOT NULL,
    product_description  text          NOT NULL,
    -- Full-text side of hybrid search: exact words (cordless vs corded) must count.
    search_document      tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', product_name), 'A') ||
        setweight(to_tsvector('english', product_description), 'B')
    ) STORED,
    created_at           timestamptz   NOT NULL
);

CREATE TABLE retail.customers (
    customer_id      uuid        NOT NULL,
    first_name       text        NOT NULL,
    last_name        text        NOT NULL,
    email            text        NOT NULL,
    phone            text        NOT NULL,
    primary_store_id uuid        NOT NULL,
    created_at       timestamptz NOT NULL
);

CREATE TABLE retail.inventory (
    store_id    uuid        NOT NULL,
    product_id  uuid        NOT NULL,
    stock_level integer     NOT NULL CHECK (stock_level >= 0),
    created_at  timestamptz NOT NULL
);

CREATE TABLE retail.orders (
    order_id     uuid          NOT NULL,
    customer_id  uuid          NOT NULL,
    store_id     uuid          NOT NULL,
    order_date   date          NOT NULL,
    status       text          NOT NULL CHECK (status IN ('completed', 'pending', 'cancelled', 'returned')),
    total_amount numeric(12,2) NOT NULL,
    created_at   timestamptz   NOT NULL
);

CREATE TABLE retail.order_items (
    order_item_id    uuid          NOT NULL,
    order_id         uuid          NOT NULL,
    store_id         uuid          NOT NULL,
    product_id       uuid          NOT NULL,
    quantity         integer       NOT NULL CHECK (quantity > 0),
    unit_price       numeric(10,2) NOT NULL,
    discount_percent integer       NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
    discount_amount  numeric(10,2) NOT NULL DEFAULT 0,
    total_amount     numeric(12,2) NOT NULL,
    created_at       timestamptz   NOT NULL
);

-- One vector per product and embedding model: switching providers never mixes dimensions.
-- Stored as real[] so the table exists with or without pgvector; 004 adds HNSW over a cast.
CREATE TABLE retail.product_description_embeddings (
    product_id            uuid        NOT NULL,
    model_id              text        NOT NULL,
    dimensions            integer     NOT NULL CHECK (dimensions > 0),
    description_embedding real[]      NOT NULL CHECK (cardinality(description_embedding) = dimensions),
    content_hash          text        NOT NULL,
    last_updated          timestamptz NOT NULL DEFAULT now()
);

-- What the last `db reset` built (seed, scale, row counts): status and the UI read it.
CREATE TABLE zava_meta.build (
    seed      bigint      NOT NULL,
    scale     text        NOT NULL,
    counts    jsonb       NOT NULL,
    timings   jsonb       NOT NULL,
    built_at  timestamptz NOT NULL DEFAULT now()
);
