-- Each product's SKU with its "Category / Type" key (how resources/catalog/attributes.json names types).
SELECT p.sku, c.category_name || ' / ' || t.type_name AS type_key
FROM retail.products p
JOIN retail.product_types t ON t.type_id = p.type_id
JOIN retail.categories c ON c.category_id = p.category_id
