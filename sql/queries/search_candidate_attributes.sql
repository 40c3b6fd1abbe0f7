-- Power source and setting of the candidate products (for the query's attribute filter and boost).
-- Catalog data, readable by every identity. $1 product ids.
SELECT product_id, power_source, setting
FROM retail.product_attributes
WHERE product_id = ANY ($1::uuid[])
