import type { Columnar } from '../../main/kernel/contract.ts';
import type { Table } from './chart-shape.ts';

/** A tool's structured content made drawable: a table, a few lines of prose, a caption. */
export interface ViewModel {
  table: Table;
  /** Sentences the tool wrote for people (store performance insights). */
  notes: string[];
  caption: string;
  truncated: boolean;
}

export function isColumnar(value: unknown): value is Columnar {
  const v = value as Partial<Columnar> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.c) && Array.isArray(v.r);
}

interface StorePerformance {
  period: { start_date: string; end_date: string };
  stores: Record<string, unknown>[];
  insights: string[];
}

function isStorePerformance(value: unknown): value is StorePerformance {
  const v = value as Partial<StorePerformance> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.stores) && typeof v.period === 'object';
}

/**
 * The view of execute_sales_query, semantic_search_products (both columnar) and
 * get_store_performance (rows of objects); undefined for anything else.
 */
export function viewModelOf(structured: unknown): ViewModel | undefined {
  if (isColumnar(structured)) {
    const extra = structured as Columnar & { search_path?: string; note?: string };
    const caption = `${structured.r.length} row${structured.r.length === 1 ? '' : 's'}${extra.search_path ? ` · search path ${extra.search_path}` : ''}`;
    return { table: { columns: structured.c, rows: structured.r }, notes: extra.note ? [extra.note] : [], caption, truncated: Boolean(structured.truncated) };
  }
  if (isStorePerformance(structured)) {
    const columns = [...new Set(structured.stores.flatMap((s) => Object.keys(s)))];
    return {
      table: { columns, rows: structured.stores.map((s) => columns.map((c) => s[c] ?? null)) },
      notes: structured.insights,
      caption: `${structured.stores.length} store${structured.stores.length === 1 ? '' : 's'} · ${structured.period.start_date} to ${structured.period.end_date}`,
      truncated: false,
    };
  }
  return undefined;
}
