-- zava:after-data
-- Summary tables: the questions that read every order or order line (top customers, repeat
-- customers, margin by category, revenue by product) answered from a few thousand or a few
-- hundred thousand pre-aggregated rows instead of millions. Built from the loaded data by
-- every `db reset` (the data never changes in between), kept under the same row-level
-- security as the tables they summarise: a store_id column and the same two policies, so a
-- manager's sums are exactly the sums of the orders that manager may see.

-- One row per store and customer: that customer's orders at that store (all statuses).
CREATE TABLE retail.customer_store_sales AS
SELECT store_id, customer_id,
       count(*)::integer                AS orders,
       sum(total_amount)::numeric(14,2) AS spend,
       min(order_date)                  AS first_order_date,
       max(order_date)                  AS last_order_date
FROM retail.orders
GROUP BY store_id, customer_id;
ALTER TABLE retail.customer_store_sales
    ALTER COLUMN orders SET NOT NULL, ALTER COLUMN spend SET NOT NULL,
    ALTER COLUMN first_order_date SET NOT NULL, ALTER COLUMN last_order_date SET NOT NULL,
    ADD PRIMARY KEY (store_id, customer_id),
    ADD FOREIGN KEY (store_id) REFERENCES retail.stores (store_id),
    ADD FOREIGN KEY (customer_id) REFERENCES retail.customers (customer_id);
CREATE INDEX customer_store_sales_customer_idx ON retail.customer_store_sales (customer_id) INCLUDE (orders, spend);

-- One row per store, product and month: order lines (all statuses) summed.
CREATE TABLE retail.product_store_month_sales AS
SELECT oi.store_id, oi.product_id,
       date_trunc('month', o.order_date)::date AS month,
       count(*)::integer                        AS lines,
       sum(oi.quantity)::bigint                 AS units,
       sum(oi.discount_amount)::numeric(14,2)   AS discount_amount,
       sum(oi.total_amount)::numeric(14,2)      AS revenue
FROM retail.order_items oi
JOIN retail.orders o USING (order_id)
GROUP BY 1, 2, 3;
ALTER TABLE retail.product_store_month_sales
    ALTER COLUMN month SET NOT NULL, ALTER COLUMN lines SET NOT NULL, ALTER COLUMN units SET NOT NULL,
    ALTER COLUMN discount_amount SET NOT NULL, ALTER COLUMN revenue SET NOT NULL,
    ADD PRIMARY KEY (store_id, product_id, month),
    ADD FOREIGN KEY (store_id) REFERENCES retail.stores (store_id),
    ADD FOREIGN KEY (product_id) REFERENCES retail.products (product_id);
CREATE INDEX product_store_month_sales_product_idx ON retail.product_store_month_sales (product_id);

-- The same row-level security as retail.orders / retail.order_items (002, 010); 021 forces it
-- where the owner is a superuser, as for every RLS table.
ALTER TABLE retail.customer_store_sales ENABLE ROW LEVEL SECURITY;
CREATE POLICY store_scope ON retail.customer_store_sales FOR SELECT TO store_managers, regional_managers
    USING (store_id = ANY ((SELECT retail.get_user_store_list())::uuid[]));
CREATE POLICY all_stores ON retail.customer_store_sales FOR SELECT TO head_office USING (true);

ALTER TABLE retail.product_store_month_sales ENABLE ROW LEVEL SECURITY;
CREATE POLICY store_scope ON retail.product_store_month_sales FOR SELECT TO store_managers, regional_managers
    USING (store_id = ANY ((SELECT retail.get_user_store_list())::uuid[]));
CREATE POLICY all_stores ON retail.product_store_month_sales FOR SELECT TO head_office USING (true);

GRANT SELECT ON retail.customer_store_sales, retail.product_store_month_sales TO zava_reader;

COMMENT ON TABLE retail.customer_store_sales IS
    'Summary of retail.orders: one row per (store_id, customer_id) with orders, spend, first/last order date (all statuses). Use for per-customer totals and repeat customers.';
COMMENT ON TABLE retail.product_store_month_sales IS
    'Summary of retail.order_items: one row per (store_id, product_id, month) with lines, units, discount_amount, revenue (all statuses). Use for revenue, units and margin by product, category or month.';

ANALYZE retail.customer_store_sales;
ANALYZE retail.product_store_month_sales;
