import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { APP_ROOT } from '../kernel/config/app-root.ts';
import { readEnvVar } from '../kernel/config/env.ts';

const productSchema = z.object({
  sku: z.string().regex(/^[A-Z0-9-]+$/),
  name: z.string().min(3),
  description: z.string().min(10),
  cost: z.number().positive(),
  base_price: z.number().positive(),
});

const catalogSchema = z.object({
  version: z.literal(1),
  categories: z
    .array(
      z.object({
        name: z.string(),
        product_types: z.array(z.object({ name: z.string(), products: z.array(productSchema).min(1) })).min(1),
      }),
    )
    .length(9),
});

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogProduct = z.infer<typeof productSchema> & { category: string; type: string };

export const CATALOG_FILE =
  readEnvVar('ZAVA_CATALOG_FILE') ??
  path.join(APP_ROOT, 'resources', 'catalog', 'products.json');

let cached: Catalog | undefined;

/** The 423-product catalog we wrote (resources/catalog/products.json), validated. */
export function loadCatalog(): Catalog {
  cached ??= catalogSchema.parse(JSON.parse(fs.readFileSync(CATALOG_FILE, 'utf8')));
  return cached;
}

export function catalogProducts(catalog = loadCatalog()): CatalogProduct[] {
  return catalog.categories.flatMap((c) =>
    c.product_types.flatMap((t) => t.products.map((p) => ({ ...p, category: c.name, type: t.name }))),
  );
}
