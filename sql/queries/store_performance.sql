-- Store performance for a period ($1..$2) against the same period a year earlier.
-- Runs as the caller's identity role: RLS limits every table to its stores.
WITH current_period AS (
    SELECT oi.store_id,
           sum(oi.total_amount)                          AS revenue,
           count(DISTINCT oi.order_id)                   AS orders,
           sum(oi.quantity)                              AS units,
           sum(oi.total_amount - oi.quantity * p.cost)   AS gross_profit,
           count(DISTINCT o.customer_id)                 AS customers
    FROM retail.order_items oi
    JOIN retail.orders o   ON o.order_id = oi.order_id
    JOIN retail.products p ON p.product_id = oi.product_id
    WHERE o.order_date BETWEEN $1::date AND $2::date
      AND o.status IN ('completed', 'pending')
    GROUP BY oi.store_id
), previous_period AS (
    SELECT oi.store_id, sum(oi.total_amount) AS revenue
    FROM retail.order_items oi
    JOIN retail.orders o ON o.order_id = oi.order_id
    WHERE o.order_date BETWEEN ($1::date - interval '1 year')::date AND ($2::date - interval '1 year')::date
      AND o.status IN ('completed', 'pending')
    GROUP BY oi.store_id
), category_revenue AS (
    SELECT DISTINCT ON (oi.store_id) oi.store_id, c.category_name, sum(oi.total_amount) AS revenue
    FROM retail.order_items oi
    JOIN retail.orders o     ON o.order_id = oi.order_id
    JOIN retail.products p   ON p.product_id = oi.product_id
    JOIN retail.categories c ON c.category_id = p.category_id
    WHERE o.order_date BETWEEN $1::date AND $2::date
      AND o.status IN ('completed', 'pending')
    GROUP BY oi.store_id, c.category_name
    ORDER BY oi.store_id, revenue DESC
)
SELECT s.store_name,
       s.is_online,
       round(cp.revenue, 2)                                                     AS revenue,
       cp.orders,
       cp.units,
       round(cp.revenue / nullif(cp.orders, 0), 2)                              AS avg_order_value,
       round(100 * cp.gross_profit / nullif(cp.revenue, 0), 2)                  AS gross_margin_percent,
       cp.customers,
       round(pp.revenue, 2)                                                     AS previous_year_revenue,
       round(100 * (cp.revenue - pp.revenue) / nullif(pp.revenue, 0), 2)        AS yoy_growth_percent,
       cr.category_name                                                         AS top_category
FROM current_period cp
JOIN retail.stores s           ON s.store_id = cp.store_id
LEFT JOIN previous_period pp   ON pp.store_id = cp.store_id
LEFT JOIN category_revenue cr  ON cr.store_id = cp.store_id
ORDER BY cp.revenue DESC
