import { z } from 'zod';
import { loadSemanticModel } from '../../db/semantic-model.ts';
import { query } from '../../db/sql-files.ts';
import { storeBySlug, type Identity } from '../../db/identities.ts';
import { ZavaError } from '../../kernel/errors.ts';
import type { QueryExecutor } from '../executor.ts';
import { sampleValues } from '../sample-values.ts';
import { defineTool, READ_ONLY, type ToolDefinition } from '../tool-kit.ts';

export const RETAIL_TABLES = [
  'stores',
  'customers',
  'categories',
  'product_types',
  'products',
  'inventory',
  'orders',
  'order_items',
  'customer_sales',
  'customer_store_sales',
  'product_store_month_sales',
  'product_description_embeddings',
] as const;

const tableSchema = z.object({
  table: z.string(),
  description: z.string().optional(),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      nullable: z.boolean(),
      description: z.string().optional().describe('what the column means: units, currency, status values, join keys'),
      sample_values: z.array(z.unknown()).optional().describe('distinct values you can see (categorical columns)'),
    }),
  ),
  primary_key: z.string().optional(),
  relationships: z.array(z.string()),
  valid_values: z.record(z.string(), z.unknown()).optional(),
  notes: z.array(z.string()).optional(),
});

export type TableSchema = z.infer<typeof tableSchema>;

/** Habits the lab teaches, per table, in the words a model needs. */
const TABLE_NOTES: Record<string, string[]> = {
  stores: ['is_online = true marks the online store; join on store_id to show store_name instead of ids.'],
  orders: ['One row per order; order_date is a date; total_amount is the order total after discounts; status is completed, pending, cancelled or returned.'],
  order_items: ['Revenue = SUM(total_amount) (after discount); units = SUM(quantity); join products for names and cost (margin = total_amount - quantity * cost).'],
  products: ['base_price is the list price, cost the unit cost; gross_margin_percent is at list price. Join categories and product_types for names.'],
  inventory: ['One row per store and product; stock_level is units on hand now.'],
  customers: ['Visible when their primary store is one of yours or they ordered at one of your stores.'],
  customer_sales: [
    'Summary of orders, one row per customer you can see: orders, spend (sum of total_amount), first/last order date, stores; all statuses, over all of your stores together.',
    'Use it for top customers and per-customer totals (ORDER BY spend DESC LIMIT n reads a few index rows); no GROUP BY or store filter needed.',
  ],
  customer_store_sales: [
    'Summary of orders, one row per (store_id, customer_id): orders, spend (sum of total_amount), first/last order date; all statuses.',
    'Prefer it to scanning retail.orders for per-store customer figures such as repeat customers per store (orders > 1); for totals per customer across stores use retail.customer_sales.',
    'Aggregate it by store_id in a subquery first, then join retail.stores for names: the join then touches one row per store, not one per customer.',
  ],
  product_store_month_sales: [
    'Summary of order lines, one row per (store_id, product_id, month): lines, units, discount_amount, revenue (sum of total_amount); all statuses.',
    'Prefer it to scanning retail.order_items for revenue, units or margin by product, category, store, month, quarter or year (margin = revenue - units * products.cost).',
    'Aggregate it by its keys in a subquery first (GROUP BY product_id, or store_id, month), then join products, categories or stores: the join then touches hundreds of rows, not hundreds of thousands.',
  ],
  product_description_embeddings: ['Vectors for semantic search; use semantic_search_products instead of querying this table.'],
};

/** Looks up one table's columns, keys, relationships and the values this identity may see. */
export async function describeTables(executor: QueryExecutor, names: string[]): Promise<TableSchema[]> {
  const wanted = names.map(normaliseTableName);
  const unknown = wanted.filter((n) => !(RETAIL_TABLES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new ZavaError('VALIDATION_ERROR', `Unknown table${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, {
      hint: `Valid tables: ${RETAIL_TABLES.map((t) => `retail.${t}`).join(', ')}.`,
    });
  }
  const [columns, constraints] = await Promise.all([
    executor.run(query('table_columns'), { params: [wanted], rowCap: 10_000 }),
    executor.run(query('table_constraints'), { params: [wanted], rowCap: 10_000 }),
  ]);
  const model = loadSemanticModel();
  const [valid, samples] = await Promise.all([validValues(executor, wanted), sampleValues(executor, model, wanted)]);
  return wanted.map((table) => {
    const cols = columns.rows
      .filter((r) => r[0] === table)
      .map((r) => {
        const name = String(r[1]);
        const description = model.tables[table]?.columns[name]?.description ?? (r[4] ? String(r[4]) : undefined);
        const values = samples[table]?.[name];
        return { name, type: String(r[2]), nullable: Boolean(r[3]), ...(description ? { description } : {}), ...(values ? { sample_values: values } : {}) };
      });
    const tableDescription = model.tables[table]?.description;
    const cons = constraints.rows.filter((r) => r[0] === table);
    const pk = cons.find((r) => r[1] === 'p');
    return {
      table: `retail.${table}`,
      ...(tableDescription ? { description: tableDescription } : {}),
      columns: cols,
      ...(pk ? { primary_key: String(pk[2]) } : {}),
      relationships: cons.filter((r) => r[1] === 'f').map((r) => String(r[2]).replace(/REFERENCES (?!retail\.)(\w+)\(/, 'REFERENCES retail.$1(')),
      ...(valid[table] ? { valid_values: valid[table] } : {}),
      ...(TABLE_NOTES[table] ? { notes: TABLE_NOTES[table] } : {}),
    };
  });
}

export function normaliseTableName(name: string): string {
  return name.trim().toLowerCase().replace(/^"?retail"?\./, '').replace(/"/g, '');
}

async function validValues(executor: QueryExecutor, tables: string[]): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  if (tables.includes('stores')) {
    const r = await executor.run(query('valid_stores'));
    out.stores = { store_name: r.rows.map((x) => x[0]), online_store_name: r.rows.filter((x) => x[1]).map((x) => x[0]) };
  }
  if (tables.includes('categories')) out.categories = { category_name: (await executor.run(query('valid_categories'))).rows.map((x) => x[0]) };
  if (tables.includes('product_types')) {
    const r = await executor.run(query('valid_product_types'));
    const byCategory: Record<string, string[]> = {};
    for (const [category, type] of r.rows as [string, string][]) (byCategory[category] ??= []).push(type);
    out.product_types = { type_name_by_category: byCategory };
  }
  if (tables.includes('orders')) {
    const [row] = (await executor.run(query('valid_order_years'))).rows;
    if (row) out.orders = { years: row[0], status: row[1], first_order_date: row[2], last_order_date: row[3] };
  }
  return out;
}

/** `get_multiple_table_schemas`, the lab's first call before writing SQL. */
export function schemaTools(deps: { executor: QueryExecutor; identity: Identity }): ToolDefinition[] {
  return [
    defineTool({
      name: 'get_multiple_table_schemas',
      title: 'Get table schemas',
      description: [
        'Get the schemas of Zava Retail tables: columns with types and a description of each (units, currency, status',
        'meanings, join keys), primary key, relationships (foreign keys) and the valid values you may use in filters',
        '(store names you can see, category names, product types, order years, statuses, the first and last order',
        'date). Call this for every table you will query (after find_verified_queries) and use the exact names it',
        'returns: guessing column or store names is the most common cause of wrong answers.',
        `Tables: ${RETAIL_TABLES.map((t) => `retail.${t}`).join(', ')}.`,
      ].join(' '),
      input: z.object({
        table_names: z
          .array(z.string().min(1).max(100))
          .min(1, 'table_names needs at least 1 table')
          .max(RETAIL_TABLES.length, `table_names takes at most ${RETAIL_TABLES.length} tables`)
          .describe("Table names, schema-qualified like 'retail.orders' (or bare like 'orders')."),
      }),
      output: z.object({
        tables: z.array(tableSchema),
        identity: z.object({ slug: z.string(), stores: z.array(z.string()) }),
        data: z
          .object({ first_order_date: z.string().nullable(), last_order_date: z.string().nullable() })
          .describe('the span of the orders you can see; "this year" or "last 30 days" must fall inside it'),
      }),
      annotations: { ...READ_ONLY, title: 'Get table schemas' },
      handler: async ({ table_names }, ctx) => {
        const [tables, range] = await Promise.all([describeTables(deps.executor, table_names), deps.executor.run(query('order_date_range'), { signal: ctx.signal })]);
        const [first, last] = range.rows[0] ?? [];
        return {
          structured: {
            tables,
            identity: { slug: deps.identity.slug, stores: deps.identity.stores.map((s) => storeBySlug(s).name) },
            data: { first_order_date: first == null ? null : String(first), last_order_date: last == null ? null : String(last) },
          },
        };
      },
    }),
  ];
}
