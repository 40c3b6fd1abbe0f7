SELECT count(*) AS n FROM retail.products
