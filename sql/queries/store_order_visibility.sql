-- Every store with the orders the session can see: sent through the bridge as the identity
-- (RLS applies) and run as the superuser for the totals (the RLS page's proof).
SELECT s.store_name, count(o.*) AS orders FROM retail.stores s LEFT JOIN retail.orders o USING (store_id) GROUP BY 1 ORDER BY 1
