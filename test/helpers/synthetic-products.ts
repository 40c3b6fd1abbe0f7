import type pg from 'pg';
import { LOCAL_MODEL_ID } from '../../main/search/local-encoder.ts';
import { contentHash, productDocument } from '../../main/search/product-documents.ts';
import { normalize } from '../../main/search/provider.ts';
import { realArray } from '../../main/search/vector-store.ts';

/** A small deterministic PRNG (mulberry32), so synthetic catalogs are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Grows the catalog to test and measure search at scale (tests and bench only, as superuser):
 * each synthetic product mixes two real products of one product type (name of one, description
 * of both) and gets a vector near theirs (0.7·a + 0.3·b + noise, normalised) instead of a
 * computed one, because encoding 10,000 texts would take minutes and the point is the index.
 * The vector set's version changes, so caches notice.
 */
export async function addSyntheticProducts(admin: pg.Client, count: number, seed = 7): Promise<void> {
  const random = rng(seed);
  const { rows } = await admin.query(
    `SELECT p.product_id, p.product_name, p.product_description, p.category_id, p.type_id, p.cost, p.base_price, e.description_embedding
     FROM retail.products p JOIN retail.product_description_embeddings e ON e.product_id = p.product_id AND e.model_id = $1
     WHERE p.sku NOT LIKE 'SYN-%' ORDER BY p.sku`,
    [LOCAL_MODEL_ID],
  );
  const byType = new Map<string, typeof rows>();
  for (const r of rows) byType.set(r.type_id, [...(byType.get(r.type_id) ?? []), r]);
  const groups = [...byType.values()];
  // The vector indexes are built once over all rows afterwards, as a build does: inserting
  // thousands of rows into an HNSW graph one by one costs more than building it.
  const { rows: vectorIndexes } = await admin.query<{ name: string; definition: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
     WHERE i.indrelid = 'retail.product_description_embeddings'::regclass AND am.amname IN ('hnsw', 'ivfflat')`,
  );
  for (const index of vectorIndexes) await admin.query(`DROP INDEX ${index.name}`);
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const cols = { sku: [] as string[], name: [] as string[], desc: [] as string[], cat: [] as string[], type: [] as string[], cost: [] as string[], price: [] as string[], hash: [] as string[], vec: [] as string[] };
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const group = groups[Math.floor(random() * groups.length)]!;
      const a = group[Math.floor(random() * group.length)]!;
      const b = group[Math.floor(random() * group.length)]!;
      const name = `${a.product_name} (Series ${i + 1})`;
      const description = `${a.product_description} ${String(b.product_description).split('. ')[0]}.`;
      const v = new Float32Array(a.description_embedding.length);
      for (let k = 0; k < v.length; k++) v[k] = 0.7 * a.description_embedding[k] + 0.3 * b.description_embedding[k] + (random() - 0.5) * 0.02;
      cols.sku.push(`SYN-${String(i + 1).padStart(6, '0')}`);
      cols.name.push(name);
      cols.desc.push(description);
      cols.cat.push(a.category_id);
      cols.type.push(a.type_id);
      cols.cost.push(a.cost);
      cols.price.push(a.base_price);
      cols.hash.push(contentHash(productDocument({ name, description })));
      cols.vec.push(realArray(normalize(v)));
    }
    await admin.query(
      `WITH input AS (
         SELECT gen_random_uuid() AS product_id, * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::numeric[], $7::numeric[], $8::text[], $9::text[])
           AS t (sku, name, description, category_id, type_id, cost, price, hash, vec)
       ), products AS (
         INSERT INTO retail.products (product_id, sku, product_name, category_id, type_id, cost, base_price, gross_margin_percent, product_description, created_at)
         SELECT product_id, sku, name, category_id, type_id, cost, price, round((price - cost) / price * 100, 2), description, now() FROM input
       )
       INSERT INTO retail.product_description_embeddings (product_id, model_id, dimensions, description_embedding, content_hash)
       SELECT product_id, $10, cardinality(vec::real[]), vec::real[], hash FROM input`,
      [cols.sku, cols.name, cols.desc, cols.cat, cols.type, cols.cost, cols.price, cols.hash, cols.vec, LOCAL_MODEL_ID],
    );
  }
  for (const index of vectorIndexes) await admin.query(index.definition);
  await admin.query(
    `UPDATE zava_meta.embedding_models SET version = gen_random_uuid(), vectors = (SELECT count(*) FROM retail.product_description_embeddings WHERE model_id = $1)
     WHERE model_id = $1`,
    [LOCAL_MODEL_ID],
  );
  await admin.query('ANALYZE retail.products');
  await admin.query('ANALYZE retail.product_description_embeddings');
}
