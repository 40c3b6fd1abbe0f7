SELECT store_id, store_name FROM retail.stores
