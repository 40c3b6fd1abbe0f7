-- Exact row counts of the retail tables (run as the superuser: RLS does not apply).
SELECT 'stores' AS table_name, count(*)::bigint AS row_count FROM retail.stores
UNION ALL SELECT 'categories', count(*) FROM retail.categories
UNION ALL SELECT 'product_types', count(*) FROM retail.product_types
UNION ALL SELECT 'products', count(*) FROM retail.products
UNION ALL SELECT 'customers', count(*) FROM retail.customers
UNION ALL SELECT 'inventory', count(*) FROM retail.inventory
UNION ALL SELECT 'orders', count(*) FROM retail.orders
UNION ALL SELECT 'order_items', count(*) FROM retail.order_items
UNION ALL SELECT 'product_description_embeddings', count(*) FROM retail.product_description_embeddings
