-- The first and last order dates the caller can see (as an identity, RLS applies): the span the data covers.
SELECT min(order_date)::text AS first_order_date, max(order_date)::text AS last_order_date FROM retail.orders
