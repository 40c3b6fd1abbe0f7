-- Store names this identity may see (stores is a catalog table; visibility comes from the mapping).
SELECT store_name, is_online FROM retail.stores
WHERE store_id = ANY (retail.get_user_store_list())
ORDER BY store_name
