/** Fifteen typical analyst questions as SQL: the fixed set every tools/scale benchmark runs. */
export interface AnalyticQuestion {
  id: string;
  title: string;
  sql: string;
  /**
   * The same answer from the summary tables (sql/migrations/020_sales_summaries.sql and
   * 023_customer_sales.sql), as a model told about them writes it: what the large-scale target
   * is measured on.
   */
  summarySql?: string;
}

export const QUESTIONS: AnalyticQuestion[] = [
  {
    id: 'top_products_revenue',
    title: 'Top 20 products by revenue',
    sql: `SELECT p.product_name, sum(oi.total_amount) AS revenue, sum(oi.quantity) AS units
FROM retail.order_items oi JOIN retail.products p USING (product_id)
GROUP BY p.product_name ORDER BY revenue DESC LIMIT 20`,
  },
  {
    id: 'sales_by_store_month',
    title: 'Sales by store and month, 2025',
    sql: `SELECT s.store_name, date_trunc('month', o.order_date)::date AS month, sum(o.total_amount) AS revenue, count(*) AS orders
FROM retail.orders o JOIN retail.stores s USING (store_id)
WHERE o.order_date >= '2025-01-01' AND o.order_date < '2026-01-01'
GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    id: 'category_quarter_trend',
    title: 'Revenue by category and quarter',
    sql: `SELECT c.category_name, date_trunc('quarter', o.order_date)::date AS quarter, sum(oi.total_amount) AS revenue
FROM retail.order_items oi JOIN retail.orders o USING (order_id)
JOIN retail.products p ON p.product_id = oi.product_id JOIN retail.categories c USING (category_id)
WHERE o.order_date >= '2024-01-01'
GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    id: 'margin_by_category',
    title: 'Gross margin by category',
    sql: `SELECT c.category_name, sum(oi.total_amount) AS revenue, sum(oi.total_amount - oi.quantity * p.cost) AS gross_profit,
  round(100 * sum(oi.total_amount - oi.quantity * p.cost) / sum(oi.total_amount), 2) AS margin_pct
FROM retail.order_items oi JOIN retail.products p USING (product_id) JOIN retail.categories c USING (category_id)
GROUP BY 1 ORDER BY margin_pct DESC`,
    summarySql: `SELECT c.category_name, sum(m.revenue) AS revenue, sum(m.revenue - m.units * p.cost) AS gross_profit,
  round(100 * sum(m.revenue - m.units * p.cost) / sum(m.revenue), 2) AS margin_pct
FROM (SELECT product_id, sum(revenue) AS revenue, sum(units) AS units FROM retail.product_store_month_sales GROUP BY product_id) m
JOIN retail.products p USING (product_id) JOIN retail.categories c USING (category_id)
GROUP BY 1 ORDER BY margin_pct DESC`,
  },
  {
    id: 'inventory_vs_sales',
    title: 'Stock on hand vs units sold in the last 90 days',
    sql: `SELECT p.product_name, sum(i.stock_level) AS stock, coalesce(s.units, 0) AS units_90d
FROM retail.inventory i JOIN retail.products p USING (product_id)
LEFT JOIN (SELECT oi.product_id, sum(oi.quantity) AS units FROM retail.order_items oi JOIN retail.orders o USING (order_id)
           WHERE o.order_date > DATE '2025-12-31' - 90 GROUP BY 1) s ON s.product_id = p.product_id
GROUP BY p.product_name, s.units ORDER BY units_90d DESC LIMIT 20`,
  },
  {
    id: 'customers_per_store',
    title: 'Customers per primary store',
    sql: `SELECT s.store_name, count(*) AS customers FROM retail.customers c JOIN retail.stores s ON s.store_id = c.primary_store_id GROUP BY 1 ORDER BY 2 DESC`,
  },
  {
    id: 'avg_order_value_store',
    title: 'Average order value by store',
    sql: `SELECT s.store_name, round(avg(o.total_amount), 2) AS aov, count(*) AS orders FROM retail.orders o JOIN retail.stores s USING (store_id)
WHERE o.status = 'completed' GROUP BY 1 ORDER BY aov DESC`,
  },
  {
    id: 'online_vs_physical',
    title: 'Online vs physical revenue by month, 2025',
    sql: `SELECT date_trunc('month', o.order_date)::date AS month, sum(o.total_amount) FILTER (WHERE s.is_online) AS online,
  sum(o.total_amount) FILTER (WHERE NOT s.is_online) AS stores
FROM retail.orders o JOIN retail.stores s USING (store_id) WHERE o.order_date >= '2025-01-01' GROUP BY 1 ORDER BY 1`,
  },
  {
    id: 'top_customers',
    title: 'Top 20 customers by spend',
    sql: `SELECT c.first_name || ' ' || c.last_name AS customer, count(*) AS orders, sum(o.total_amount) AS spend
FROM retail.orders o JOIN retail.customers c USING (customer_id) GROUP BY c.customer_id, 1 ORDER BY spend DESC LIMIT 20`,
    summarySql: `SELECT c.first_name || ' ' || c.last_name AS customer, t.orders, t.spend
FROM retail.customer_sales t JOIN retail.customers c USING (customer_id) ORDER BY t.spend DESC LIMIT 20`,
  },
  {
    id: 'discount_impact',
    title: 'Revenue and units by discount level',
    sql: `SELECT discount_percent, count(*) AS lines, sum(quantity) AS units, sum(discount_amount) AS discount_given, sum(total_amount) AS revenue
FROM retail.order_items GROUP BY 1 ORDER BY 1`,
  },
  {
    id: 'daily_sales_recent',
    title: 'Daily sales, last 30 days of data',
    sql: `SELECT o.order_date, count(*) AS orders, sum(o.total_amount) AS revenue FROM retail.orders o
WHERE o.order_date > DATE '2025-12-31' - 30 GROUP BY 1 ORDER BY 1`,
  },
  {
    id: 'type_rank_in_category',
    title: 'Product types ranked within each category',
    sql: `SELECT category_name, type_name, revenue, rank() OVER (PARTITION BY category_name ORDER BY revenue DESC) AS rank_in_category
FROM (SELECT c.category_name, t.type_name, sum(oi.total_amount) AS revenue
      FROM retail.order_items oi JOIN retail.products p USING (product_id)
      JOIN retail.product_types t ON t.type_id = p.type_id JOIN retail.categories c ON c.category_id = p.category_id
      GROUP BY 1, 2) x ORDER BY 1, 4`,
  },
  {
    id: 'returns_by_store',
    title: 'Return and cancellation rate by store',
    sql: `SELECT s.store_name, round(100.0 * count(*) FILTER (WHERE o.status = 'returned') / count(*), 2) AS returned_pct,
  round(100.0 * count(*) FILTER (WHERE o.status = 'cancelled') / count(*), 2) AS cancelled_pct
FROM retail.orders o JOIN retail.stores s USING (store_id) GROUP BY 1 ORDER BY 1`,
  },
  {
    id: 'repeat_customers',
    title: 'Repeat customers per store',
    sql: `SELECT s.store_name, count(*) FILTER (WHERE n > 1) AS repeat_customers, count(*) AS customers
FROM (SELECT store_id, customer_id, count(*) AS n FROM retail.orders GROUP BY 1, 2) x JOIN retail.stores s USING (store_id) GROUP BY 1 ORDER BY 1`,
    summarySql: `SELECT s.store_name, x.repeat_customers, x.customers
FROM (SELECT store_id, count(*) FILTER (WHERE orders > 1) AS repeat_customers, count(*) AS customers
      FROM retail.customer_store_sales GROUP BY store_id) x
JOIN retail.stores s USING (store_id) ORDER BY 1`,
  },
  {
    id: 'yoy_category_growth',
    title: 'Year-over-year revenue growth by category',
    sql: `SELECT c.category_name,
  sum(oi.total_amount) FILTER (WHERE o.order_date >= '2025-01-01') AS revenue_2025,
  sum(oi.total_amount) FILTER (WHERE o.order_date < '2025-01-01') AS revenue_2024
FROM retail.order_items oi JOIN retail.orders o USING (order_id)
JOIN retail.products p ON p.product_id = oi.product_id JOIN retail.categories c ON c.category_id = p.category_id
WHERE o.order_date >= '2024-01-01' GROUP BY 1 ORDER BY 1`,
  },
];
