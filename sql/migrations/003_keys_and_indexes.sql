-- zava:after-data
-- Keys, foreign keys and indexes, built once over the loaded data.
ALTER TABLE retail.stores        ADD PRIMARY KEY (store_id),
                                 ADD UNIQUE (store_name),
                                 ADD UNIQUE (manager_id);
ALTER TABLE retail.categories    ADD PRIMARY KEY (category_id),
                                 ADD UNIQUE (category_name);
ALTER TABLE retail.product_types ADD PRIMARY KEY (type_id),
                                 ADD UNIQUE (category_id, type_name),
                                 ADD FOREIGN KEY (category_id) REFERENCES retail.categories;
ALTER TABLE retail.products      ADD PRIMARY KEY (product_id),
                                 ADD UNIQUE (sku),
                                 ADD FOREIGN KEY (category_id) REFERENCES retail.categories,
                                 ADD FOREIGN KEY (type_id) REFERENCES retail.product_types;
ALTER TABLE retail.customers     ADD PRIMARY KEY (customer_id),
                                 ADD FOREIGN KEY (primary_store_id) REFERENCES retail.stores;
ALTER TABLE retail.inventory     ADD PRIMARY KEY (store_id, product_id),
                                 ADD FOREIGN KEY (store_id) REFERENCES retail.stores,
                                 ADD FOREIGN KEY (product_id) REFERENCES retail.products;
ALTER TABLE retail.orders        ADD PRIMARY KEY (order_id),
                                 ADD FOREIGN KEY (customer_id) REFERENCES retail.customers,
                                 ADD FOREIGN KEY (store_id) REFERENCES retail.stores;
ALTER TABLE retail.order_items   ADD PRIMARY KEY (order_item_id),
                                 ADD FOREIGN KEY (order_id) REFERENCES retail.orders,
                                 ADD FOREIGN KEY (store_id) REFERENCES retail.stores,
                                 ADD FOREIGN KEY (product_id) REFERENCES retail.products;
ALTER TABLE retail.product_description_embeddings
                                 ADD PRIMARY KEY (product_id, model_id),
                                 ADD FOREIGN KEY (product_id) REFERENCES retail.products ON DELETE CASCADE;

-- What analytic questions filter and join on: store + date for sales over time,
-- customer for the customers policy, product for top-product questions.
CREATE INDEX orders_store_date_idx       ON retail.orders (store_id, order_date);
CREATE INDEX orders_date_idx             ON retail.orders (order_date);
CREATE INDEX orders_customer_store_idx   ON retail.orders (customer_id, store_id);
CREATE INDEX order_items_order_idx       ON retail.order_items (order_id);
CREATE INDEX order_items_store_prod_idx  ON retail.order_items (store_id, product_id);
CREATE INDEX order_items_product_idx     ON retail.order_items (product_id);
CREATE INDEX customers_primary_store_idx ON retail.customers (primary_store_id);
CREATE INDEX products_category_idx       ON retail.products (category_id, type_id);
CREATE INDEX products_search_idx         ON retail.products USING gin (search_document);
CREATE INDEX inventory_product_idx       ON retail.inventory (product_id);

ANALYZE;
