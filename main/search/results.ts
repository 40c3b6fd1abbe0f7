import { query } from '../db/sql-files.ts';
import { run, type Queryable } from './queryable.ts';
import { scorePercent } from './ranking.ts';

/** One product in a search result (what a shopper reads first comes first; the id last). */
export interface SemanticSearchProduct {
  product_name: string;
  sku: string;
  category: string;
  product_type: string;
  base_price: number;
  /**
   * The fused score the results are ranked by, in percent with one decimal: the cosine similarity
   * raised by matching words and attributes (main/search/ranking.ts). Never increases down the list.
   */
  similarity_percent: number;
  /** Units on hand summed over the stores the caller may see (RLS on retail.inventory). */
  stock_in_visible_stores: number;
  /** How many of those stores have it in stock. */
  visible_stores_in_stock: number;
  product_id: string;
}

/** Reads the result rows for ranked products, keeping their order, as the caller's role. */
export async function fetchResultRows(db: Queryable, ranked: { productId: string; score: number }[]): Promise<SemanticSearchProduct[]> {
  if (ranked.length === 0) return [];
  const rows = await run(db, query('search_results'), [ranked.map((r) => r.productId), ranked.map((r) => r.score)]);
  return rows.map((r) => ({
    product_name: r.product_name,
    sku: r.sku,
    category: r.category,
    product_type: r.product_type,
    base_price: Number(r.base_price),
    similarity_percent: scorePercent(Number(r.similarity)),
    stock_in_visible_stores: Number(r.stock_in_visible_stores),
    visible_stores_in_stock: Number(r.visible_stores_in_stock),
    product_id: r.product_id,
  }));
}

/** The compact columnar form the bridge's tools answer with (`c` columns, `r` rows). */
export function toColumnar(products: SemanticSearchProduct[]): { columns: string[]; rows: unknown[][] } {
  const columns = ['product_name', 'sku', 'category', 'product_type', 'base_price', 'similarity_percent', 'stock_in_visible_stores', 'visible_stores_in_stock', 'product_id'] as const;
  return { columns: [...columns], rows: products.map((p) => columns.map((c) => p[c])) };
}
