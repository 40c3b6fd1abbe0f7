-- The newest order date this identity can see (the data set ends there).
SELECT max(order_date)::text AS last_order_date FROM retail.orders
