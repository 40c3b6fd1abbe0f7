SELECT c.category_name, t.type_name
FROM retail.product_types t JOIN retail.categories c USING (category_id)
ORDER BY c.category_name, t.type_name
