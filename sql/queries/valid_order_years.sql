-- Years with orders visible to this identity (RLS applies), and the order statuses in use.
SELECT array_agg(DISTINCT extract(year FROM order_date)::int ORDER BY extract(year FROM order_date)::int) AS years,
       array_agg(DISTINCT status ORDER BY status) AS statuses,
       min(order_date)::text AS first_order_date,
       max(order_date)::text AS last_order_date
FROM retail.orders
