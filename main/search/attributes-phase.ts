import type pg from 'pg';
import { query } from '../db/sql-files.ts';
import { loadAttributes, resolveAttributes, type AttributesFile } from './attributes.ts';

/** What the attributes phase loaded. */
export interface AttributesPhaseResult {
  /** Products given attributes. */
  products: number;
  /** Products in the database the file does not cover (searched by name and description only). */
  uncovered: number;
  /** Words in the spelling lexicon. */
  lexicon: number;
}

/**
 * Part of `db reset`, before the embeddings phase (product documents include the shoppers' words):
 * loads resources/catalog/attributes.json into retail.product_attributes, with each product
 * type's terms merged into its products', and rebuilds the spelling lexicon. Runs as the superuser.
 */
export async function loadProductAttributes(client: pg.ClientBase, file: AttributesFile = loadAttributes()): Promise<AttributesPhaseResult> {
  const { rows } = await client.query<{ sku: string; type_key: string }>(query('product_type_keys'));
  const resolved = rows.flatMap((r) => resolveAttributes(r.sku, r.type_key, file) ?? []);
  await client.query('BEGIN');
  try {
    await client.query('DELETE FROM retail.product_attributes');
    const loaded = await client.query(query('load_product_attributes'), [JSON.stringify(resolved)]);
    await client.query('DELETE FROM retail.search_lexicon');
    const lexicon = await client.query(query('load_search_lexicon'));
    await client.query('ANALYZE retail.product_attributes, retail.search_lexicon');
    await client.query('COMMIT');
    return { products: loaded.rowCount ?? 0, uncovered: rows.length - (loaded.rowCount ?? 0), lexicon: lexicon.rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
