SELECT category_name FROM retail.categories ORDER BY category_name
