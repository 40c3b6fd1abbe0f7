#!/usr/bin/env node
// Validates resources/catalog/products.json, its search enrichment resources/catalog/attributes.json
// (every product covered, valid power source and setting, a material, shoppers' words, and no word
// list copied from an evaluation query), and the search eval sets bench/search-eval.json and
// bench/search-eval-holdout.json (no query may appear in both).
// Usage: node scripts/check-catalog.mjs
// Exits 1 with a list of problems on failure; prints a one-line summary on success.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CATALOG = join(root, 'resources', 'catalog', 'products.json');
const ATTRIBUTES = join(root, 'resources', 'catalog', 'attributes.json');
const POWER_SOURCES = new Set(['corded', 'cordless', 'gas', 'none']);
const SETTINGS = new Set(['indoor', 'outdoor', 'both']);
const PRODUCT_KEYS = new Set(['power_source', 'setting', 'material', 'size', 'also_say']);
const EVAL_FILES = ['search-eval.json', 'search-eval-holdout.json'].map((name) => join(root, 'bench', name));

const EXPECTED_PRODUCTS = 423;
const EXPECTED_CATEGORIES = [
  'Electrical',
  'Garden & Outdoor',
  'Hand Tools',
  'Hardware',
  'Lumber & Building Materials',
  'Paint & Finishes',
  'Plumbing',
  'Power Tools',
  'Storage & Organization',
];
const MIN_QUERIES = 40;
const KINDS = new Set(['keyword', 'paraphrase', 'attribute', 'use-case']);
const SKU_RE = /^[A-Z]{2,4}-[A-Z]{2,4}-\d{3}$/;

const errors = [];
const fail = (msg) => errors.push(msg);

function load(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    console.error(`check-catalog: cannot read ${path}: ${err.message}`);
    process.exit(1);
  }
}

/** Price in cents that a 33% gross margin implies: round(cost / 0.67, 2), in exact integer arithmetic. */
function expectedPriceCents(cost) {
  const costCents = Math.round(cost * 100);
  return Math.round((costCents * 100) / 67);
}

/** Sentences end with . ! or ? followed by whitespace and a capital/digit/quote, or by end of text. */
function countSentences(text) {
  return text.trim().split(/(?<=[.!?])\s+(?=[A-Z0-9"'])/).filter((s) => s.trim()).length;
}

// ---- catalog ----
const catalog = load(CATALOG);
if (catalog.version !== 1) fail(`catalog: version must be 1, got ${catalog.version}`);
const categories = Array.isArray(catalog.categories) ? catalog.categories : [];
const names = categories.map((c) => c.name);
const missing = EXPECTED_CATEGORIES.filter((n) => !names.includes(n));
const extra = names.filter((n) => !EXPECTED_CATEGORIES.includes(n));
if (categories.length !== EXPECTED_CATEGORIES.length || missing.length || extra.length) {
  fail(`catalog: expected ${EXPECTED_CATEGORIES.length} categories ${JSON.stringify(EXPECTED_CATEGORIES)}; got ${categories.length}` +
    (missing.length ? `, missing ${JSON.stringify(missing)}` : '') + (extra.length ? `, unexpected ${JSON.stringify(extra)}` : ''));
}

const skus = new Set();
const typeOfSku = new Map();
const productNames = new Set();
let total = 0;
for (const cat of categories) {
  const types = Array.isArray(cat.product_types) ? cat.product_types : [];
  if (types.length < 3 || types.length > 8) fail(`catalog: category "${cat.name}" has ${types.length} product types (want 3-8)`);
  for (const type of types) {
    const products = Array.isArray(type.products) ? type.products : [];
    if (!products.length) fail(`catalog: product type "${cat.name} / ${type.name}" has no products`);
    for (const p of products) {
      total++;
      const where = `product ${p.sku ?? '(no sku)'} "${p.name ?? ''}"`;
      if (typeof p.sku !== 'string' || !SKU_RE.test(p.sku)) fail(`${where}: malformed SKU`);
      else if (skus.has(p.sku)) fail(`${where}: duplicate SKU`);
      skus.add(p.sku);
      typeOfSku.set(p.sku, `${cat.name} / ${type.name}`);
      if (typeof p.name !== 'string' || !p.name.trim()) fail(`${where}: missing name`);
      else if (productNames.has(p.name.toLowerCase())) fail(`${where}: duplicate name`);
      productNames.add(String(p.name).toLowerCase());
      if (typeof p.description !== 'string' || !p.description.trim()) {
        fail(`${where}: missing description`);
      } else {
        const n = countSentences(p.description);
        if (n < 1 || n > 3) fail(`${where}: description has ${n} sentences (want 1-3)`);
        if (!/[.!?]$/.test(p.description.trim())) fail(`${where}: description does not end with a full stop`);
      }
      if (typeof p.cost !== 'number' || !(p.cost > 0) || Math.round(p.cost * 100) / 100 !== p.cost) {
        fail(`${where}: cost must be a positive number with at most 2 decimals, got ${p.cost}`);
      } else if (typeof p.base_price !== 'number' || Math.round(p.base_price * 100) !== expectedPriceCents(p.cost)) {
        fail(`${where}: base_price ${p.base_price} != round(${p.cost} / 0.67, 2) = ${(expectedPriceCents(p.cost) / 100).toFixed(2)}`);
      }
    }
  }
}
if (total !== EXPECTED_PRODUCTS) fail(`catalog: expected ${EXPECTED_PRODUCTS} products, got ${total}`);

// ---- search enrichment ----
const attributes = load(ATTRIBUTES);
/** Every word list of the enrichment, with where it is, for the eval-query check below. */
const termLists = [];
const checkTerms = (where, terms) => {
  if (!Array.isArray(terms) || terms.length === 0) return fail(`${where}: also_say must be a non-empty list`);
  if (terms.length > 24) fail(`${where}: also_say has ${terms.length} terms (at most 24)`);
  const seen = new Set();
  for (const term of terms) {
    if (typeof term !== 'string' || term.trim().length < 2 || term.length > 60) fail(`${where}: term ${JSON.stringify(term)} must be 2-60 characters`);
    else if (seen.has(term.toLowerCase())) fail(`${where}: repeated term ${JSON.stringify(term)}`);
    seen.add(String(term).toLowerCase());
  }
  termLists.push({ where, terms: terms.filter((t) => typeof t === 'string') });
};
if (attributes.version !== 1) fail(`attributes: version must be 1, got ${attributes.version}`);
const typeKeys = new Set(typeOfSku.values());
for (const [key, entry] of Object.entries(attributes.product_types ?? {})) {
  if (!typeKeys.has(key)) fail(`attributes: product type "${key}" is not in the catalog`);
  checkTerms(`attributes: product type "${key}"`, entry?.also_say);
}
for (const key of typeKeys) if (!attributes.product_types?.[key]) fail(`attributes: product type "${key}" has no entry`);
const enriched = attributes.products ?? {};
for (const sku of skus) if (!enriched[sku]) fail(`attributes: product ${sku} has no entry`);
for (const [sku, a] of Object.entries(enriched)) {
  const where = `attributes: product ${sku}`;
  if (!skus.has(sku)) { fail(`${where} is not in the catalog`); continue; }
  for (const key of Object.keys(a)) if (!PRODUCT_KEYS.has(key)) fail(`${where}: unknown field "${key}"`);
  if (!POWER_SOURCES.has(a.power_source)) fail(`${where}: power_source ${JSON.stringify(a.power_source)} (want ${[...POWER_SOURCES].join(' | ')})`);
  if (!SETTINGS.has(a.setting)) fail(`${where}: setting ${JSON.stringify(a.setting)} (want ${[...SETTINGS].join(' | ')})`);
  if (typeof a.material !== 'string' || a.material.trim().length < 2) fail(`${where}: missing material`);
  if (a.size !== undefined && (typeof a.size !== 'string' || !a.size.trim())) fail(`${where}: size must be a non-empty string when given`);
  checkTerms(where, a.also_say);
}

// ---- search eval sets ----
const seenQueries = new Set();
const setSummaries = [];
for (const file of EVAL_FILES) {
  const name = file.split(/[\\/]/).pop();
  const evalSet = load(file);
  if (evalSet.version !== 1) fail(`${name}: version must be 1, got ${evalSet.version}`);
  const queries = Array.isArray(evalSet.queries) ? evalSet.queries : [];
  if (queries.length < MIN_QUERIES) fail(`${name}: expected at least ${MIN_QUERIES} queries, got ${queries.length}`);
  const kindCounts = {};
  for (const q of queries) {
    const where = `${name} query ${JSON.stringify(q.query)}`;
    if (typeof q.query !== 'string' || !q.query.trim()) fail(`${where}: empty query text`);
    else if (seenQueries.has(q.query.toLowerCase())) fail(`${where}: duplicate query`);
    seenQueries.add(String(q.query).toLowerCase());
    if (!KINDS.has(q.kind)) fail(`${where}: unknown kind ${JSON.stringify(q.kind)}`);
    kindCounts[q.kind] = (kindCounts[q.kind] ?? 0) + 1;
    const rel = Array.isArray(q.relevant_skus) ? q.relevant_skus : [];
    if (rel.length < 1 || rel.length > 6) fail(`${where}: has ${rel.length} relevant SKUs (want 1-6)`);
    if (new Set(rel).size !== rel.length) fail(`${where}: repeated relevant SKU`);
    for (const sku of rel) if (!skus.has(sku)) fail(`${where}: relevant SKU ${sku} is not in the catalog`);
  }
  setSummaries.push(`${name} ${queries.length} queries (${Object.entries(kindCounts).map(([k, n]) => `${k} ${n}`).join(', ')})`);
}

// The enrichment must be written from the products, not from the evaluation: no term may be an
// eval query (case, spacing and punctuation aside), nor contain one of four words or more.
const normalise = (text) => String(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const evalQueries = [...seenQueries].map(normalise);
for (const { where, terms } of termLists) {
  for (const term of terms) {
    const t = ` ${normalise(term)} `;
    const copied = evalQueries.find((q) => t.trim() === q || (q.split(' ').length >= 4 && t.includes(` ${q} `)));
    if (copied) fail(`${where}: term ${JSON.stringify(term)} copies the eval query ${JSON.stringify(copied)}`);
  }
}

if (errors.length) {
  console.error(`check-catalog: ${errors.length} problem(s):`);
  for (const e of errors.slice(0, 50)) console.error(`  - ${e}`);
  if (errors.length > 50) console.error(`  ... and ${errors.length - 50} more`);
  process.exit(1);
}

const termCount = termLists.reduce((sum, l) => sum + l.terms.length, 0);
console.log(`check-catalog: OK - ${total} products in ${categories.length} categories, ${skus.size} unique SKUs; attributes for ${Object.keys(enriched).length} products with ${termCount} shoppers' terms; ${setSummaries.join('; ')}.`);
