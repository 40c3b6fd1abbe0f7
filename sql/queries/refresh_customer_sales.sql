-- Rebuilds retail.customer_sales (023) for the identity → stores mapping just written.
CALL retail.refresh_customer_sales()
