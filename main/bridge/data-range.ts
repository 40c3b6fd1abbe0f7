import { query } from '../db/sql-files.ts';
import type { ResultCache } from './cache.ts';
import type { QueryExecutor, QueryResult } from './executor.ts';

/** The order dates an identity can see: what "the data covers" means for its answers. */
export interface OrderDateRange {
  first_order_date: string;
  last_order_date: string;
}

/**
 * First and last order date visible to the executor's identity (RLS applies), cached like any
 * result so the empty-result note and the date tool cost one query per identity and build.
 */
export async function visibleOrderRange(executor: QueryExecutor, cache: ResultCache<QueryResult>, role: string, signal?: AbortSignal): Promise<OrderDateRange | undefined> {
  const sql = query('order_date_range');
  const key = cache.key(role, sql);
  const result = cache.get(key) ?? (await executor.run(sql, signal ? { signal } : {}));
  cache.set(key, result, result.bytes);
  const [first, last] = result.rows[0] ?? [];
  return typeof first === 'string' && typeof last === 'string' ? { first_order_date: first, last_order_date: last } : undefined;
}

/** The sentence an empty answer carries: it is empty, and which dates the data covers. */
export function emptyResultNote(range: OrderDateRange | undefined): string {
  if (!range) return 'No rows: there are no orders you can see at all.';
  return (
    `No rows. The orders you can see run from ${range.first_order_date} to ${range.last_order_date}: ` +
    'check that date filters fall inside that range and that names match get_multiple_table_schemas exactly.'
  );
}

/** How to narrow a result that hit a cap, in the words a model can act on. */
export function truncationNote(rows: number, by: 'row_cap' | 'byte_cap', caps: { rowCap: number; byteCap: number }): string {
  const cap = by === 'row_cap' ? `the ${caps.rowCap}-row cap` : `the ${Math.round(caps.byteCap / 1024)} KB size cap`;
  return (
    `Truncated: only the first ${rows} rows are shown (${cap}). Narrow the query: aggregate with GROUP BY, filter with ` +
    'WHERE (dates, store, category), select only the columns you need, and ORDER BY … LIMIT 20.'
  );
}
