import { query } from '../db/sql-files.ts';
import { run, type Queryable } from './queryable.ts';

/** One product in a search result. */
export interface SemanticSearchProduct {
  product_id: string;
  sku: string;
  product_name: string;
  category: string;
  product_type: string;
  base_price: number;
  /** Cosine similarity to the query in percent, one decimal (the lab's meaning). */
  similarity_percent: number;
  /** Units on hand summed over the stores the caller may see (RLS on retail.inventory). */
  stock_in_visible_stores: number;
  /** How many of those stores have it in stock. */
  visible_stores_in_stock: number;
}

/** Reads the result rows for ranked products, keeping their order, as the caller's role. */
export async function fetchResultRows(db: Queryable, ranked: { productId: string; similarity: number | undefined }[]): Promise<SemanticSearchProduct[]> {
  if (ranked.length === 0) return [];
  const rows = await run(db, query('search_results'), [ranked.map((r) => r.productId), ranked.map((r) => r.similarity ?? 0)]);
  return rows.map((r) => ({
    product_id: r.product_id,
    sku: r.sku,
    product_name: r.product_name,
    category: r.category,
    product_type: r.product_type,
    base_price: Number(r.base_price),
    similarity_percent: Math.round(Number(r.similarity) * 1000) / 10,
    stock_in_visible_stores: Number(r.stock_in_visible_stores),
    visible_stores_in_stock: Number(r.visible_stores_in_stock),
  }));
}

/** The compact columnar form the bridge's tools answer with (`c` columns, `r` rows). */
export function toColumnar(products: SemanticSearchProduct[]): { columns: string[]; rows: unknown[][] } {
  const columns = ['product_id', 'sku', 'product_name', 'category', 'product_type', 'base_price', 'similarity_percent', 'stock_in_visible_stores', 'visible_stores_in_stock'] as const;
  return { columns: [...columns], rows: products.map((p) => columns.map((c) => p[c])) };
}
