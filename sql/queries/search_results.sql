-- The rows a search returns, in the ranked order given. Stock is summed over retail.inventory,
-- which is RLS-protected: run as the caller's identity, only its visible stores count.
-- $1 product ids (ranked), $2 fused score (0..1) for each, same order.
SELECT p.product_id,
       p.sku,
       p.product_name,
       c.category_name AS category,
       t.type_name AS product_type,
       p.base_price,
       r.similarity,
       (SELECT coalesce(sum(i.stock_level), 0) FROM retail.inventory i WHERE i.product_id = p.product_id)::integer AS stock_in_visible_stores,
       (SELECT count(*) FROM retail.inventory i WHERE i.product_id = p.product_id AND i.stock_level > 0)::integer AS visible_stores_in_stock
FROM unnest($1::uuid[], $2::float8[]) WITH ORDINALITY AS r (product_id, similarity, ord)
JOIN retail.products p ON p.product_id = r.product_id
JOIN retail.categories c ON c.category_id = p.category_id
JOIN retail.product_types t ON t.type_id = p.type_id
ORDER BY r.ord
