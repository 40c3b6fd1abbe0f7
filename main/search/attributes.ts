import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { APP_ROOT } from '../kernel/config/app-root.ts';

/** What powers a product: mains (plug-in, hard-wired or a mains compressor), battery or solar, a fuel, or nothing. */
export const POWER_SOURCES = ['corded', 'cordless', 'gas', 'none'] as const;
export type PowerSource = (typeof POWER_SOURCES)[number];
/** Where a product is meant to be used. */
export const SETTINGS = ['indoor', 'outdoor', 'both'] as const;
export type Setting = (typeof SETTINGS)[number];

const termsSchema = z.array(z.string().trim().min(2).max(60)).max(24);

const productAttributesSchema = z.strictObject({
  power_source: z.enum(POWER_SOURCES),
  setting: z.enum(SETTINGS),
  material: z.string().trim().min(2),
  size: z.string().trim().min(1).optional(),
  also_say: termsSchema.min(1),
});

const attributesFileSchema = z.strictObject({
  version: z.literal(1),
  about: z.string(),
  /** Keyed "Category / Type", as in products.json. */
  product_types: z.record(z.string(), z.strictObject({ also_say: termsSchema.min(1) })),
  /** Keyed by SKU. */
  products: z.record(z.string(), productAttributesSchema),
});

/** One product's merchandising data as written in resources/catalog/attributes.json. */
export type ProductAttributes = z.infer<typeof productAttributesSchema>;
/** The whole file. */
export type AttributesFile = z.infer<typeof attributesFileSchema>;

/** resources/catalog/attributes.json (ZAVA_ATTRIBUTES_FILE overrides it, like ZAVA_CATALOG_FILE). */
export const ATTRIBUTES_FILE =
  process.env.ZAVA_ATTRIBUTES_FILE ??
  path.join(APP_ROOT, 'resources', 'catalog', 'attributes.json');

let cached: AttributesFile | undefined;

/** The attributes file, validated (throws a zod error naming the field on a bad file). */
export function loadAttributes(file = ATTRIBUTES_FILE): AttributesFile {
  if (file !== ATTRIBUTES_FILE) return attributesFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  cached ??= attributesFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return cached;
}

/** A product's attributes with every word shoppers also say for it: its type's, then its own (deduplicated). */
export interface ResolvedAttributes extends ProductAttributes {
  sku: string;
}

/**
 * The attributes of `sku` (of product type `typeKey`, "Category / Type"), with the type's terms
 * merged in; undefined for a SKU the file does not cover.
 */
export function resolveAttributes(sku: string, typeKey: string, file: AttributesFile = loadAttributes()): ResolvedAttributes | undefined {
  const own = file.products[sku];
  if (!own) return undefined;
  const seen = new Set<string>();
  const also_say = [...(file.product_types[typeKey]?.also_say ?? []), ...own.also_say].filter((term) => {
    const key = term.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { sku, ...own, also_say };
}

/** The words shoppers also say for a catalog product (type's and its own), or [] if the file does not cover it. */
export function alsoSayOf(product: { sku: string; category: string; type: string }): string[] {
  return resolveAttributes(product.sku, `${product.category} / ${product.type}`)?.also_say ?? [];
}
