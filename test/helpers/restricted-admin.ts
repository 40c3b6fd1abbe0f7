import type pg from 'pg';
import { analystTypes } from '../../main/bridge/pg-types.ts';

/** Tables whose rows belong to a store; the catalog tables are readable by every identity. */
const STORE_TABLES = ['orders', 'order_items', 'inventory', 'customer_store_sales', 'product_store_month_sales'] as const;

/**
 * Ground truth for "what may these stores see", written without RLS: as the superuser, inside a
 * transaction that is always rolled back, the store-owned tables are renamed and replaced by
 * views holding only the given stores' rows (customers: the lab's rule, primary store or
 * ordered there; customer_sales: per-customer totals over exactly those stores). The same SQL the identity ran then reads the restricted data under the same
 * names, and values come back through the bridge's own type parsers, so results compare exactly.
 */
export async function runAsRestrictedAdmin(admin: pg.Client, storeNames: readonly string[], sql: string): Promise<unknown[][]> {
  await admin.query('BEGIN');
  try {
    const ids = (await admin.query<{ store_id: string }>('SELECT store_id FROM retail.stores WHERE store_name = ANY ($1)', [storeNames])).rows.map((r) => r.store_id);
    if (ids.length !== storeNames.length) throw new Error(`Unknown store among ${storeNames.join(', ')}`);
    const list = `ARRAY[${ids.map((id) => admin.escapeLiteral(id)).join(', ')}]::uuid[]`;
    for (const table of [...STORE_TABLES, 'customers', 'customer_sales']) await admin.query(`ALTER TABLE retail.${table} RENAME TO ${table}_all`);
    for (const table of STORE_TABLES) await admin.query(`CREATE VIEW retail.${table} AS SELECT * FROM retail.${table}_all WHERE store_id = ANY (${list})`);
    // Per-customer totals over exactly these stores, summed from the orders themselves.
    await admin.query(`CREATE VIEW retail.customer_sales AS
      SELECT retail.store_scope(${list}) AS scope, customer_id, count(*)::integer AS orders, sum(total_amount)::numeric(14,2) AS spend,
             min(order_date) AS first_order_date, max(order_date) AS last_order_date, count(DISTINCT store_id)::smallint AS stores
      FROM retail.orders_all WHERE store_id = ANY (${list}) GROUP BY customer_id`);
    await admin.query(`CREATE VIEW retail.customers AS SELECT * FROM retail.customers_all c
      WHERE c.primary_store_id = ANY (${list})
         OR EXISTS (SELECT 1 FROM retail.orders_all o WHERE o.customer_id = c.customer_id AND o.store_id = ANY (${list}))`);
    const result = await admin.query({ text: sql, rowMode: 'array', types: analystTypes() });
    return JSON.parse(JSON.stringify(result.rows)) as unknown[][];
  } finally {
    await admin.query('ROLLBACK');
  }
}
