import type pg from 'pg';
import { z } from 'zod';
import { catalogProducts, loadCatalog } from '../db/catalog.ts';
import { CopyWriter } from './copy-writer.ts';
import { STORES } from '../db/identities.ts';
import { AREA_CODES, FIRST_NAMES, LAST_NAMES } from './names.ts';
import { Rng, stableUuid, WeightedPicker } from './random.ts';
import { CATEGORY_SEASONALITY, CATEGORY_SHARE, FIRST_DAY, LAST_DAY, YEAR_GROWTH } from './seasonality.ts';

/** Data sizes: tiny for tests, default is the lab's, large is 10x. */
export const SCALES = {
  tiny: { customers: 1_000, orders: 4_000 },
  small: { customers: 10_000, orders: 40_000 },
  default: { customers: 50_000, orders: 200_000 },
  large: { customers: 500_000, orders: 2_000_000 },
} as const;

export const scaleSchema = z.enum(['tiny', 'small', 'default', 'large'], {
  error: (issue) => `Unknown scale "${String(issue.input)}": use one of tiny, small, default, large.`,
});
const SEED_MESSAGE = 'The seed must be a whole number, e.g. --seed 42.';
/** A number, or decimal digits only: coercion would also take '0x10', '1e3' and ' ' (as 0). */
export const seedSchema = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value),
  z
    .number({ error: SEED_MESSAGE })
    .int(SEED_MESSAGE)
    .min(0, 'The seed must be between 0 and 4294967295.')
    .max(4294967295, 'The seed must be between 0 and 4294967295.'),
);

export type Scale = z.infer<typeof scaleSchema>;
export const DEFAULT_SEED = 42;

export interface GenerateOptions {
  seed: number;
  scale: Scale;
  onProgress?: (done: number, total: number) => void;
}

export type RowCounts = Record<string, number>;

const FIXED_CREATED_AT = '2019-06-01 09:00:00+00';
/** Item lines per order: 1–5, averaging ≈ 2.08 as in the lab (≈ 417k items for 200k orders). */
const ITEMS_PER_ORDER = [0.4, 0.3, 0.17, 0.09, 0.04];
const DISCOUNTS = [
  { percent: 0, weight: 0.8 },
  { percent: 5, weight: 0.08 },
  { percent: 10, weight: 0.07 },
  { percent: 15, weight: 0.03 },
  { percent: 20, weight: 0.02 },
];

/** Connects one client per COPY stream so orders and items load side by side. */
export type Connect = () => Promise<pg.PoolClient | pg.Client>;

/**
 * Builds the whole data set from `seed` and `scale` and loads it with COPY. Every value
 * comes from seeded streams, so one seed and scale always give the same database.
 */
export async function generateData(connect: Connect, options: GenerateOptions): Promise<RowCounts> {
  const { seed, scale } = options;
  const size = SCALES[scale];
  const catalog = loadCatalog();
  const products = catalogProducts(catalog);

  const storeIds = STORES.map((s) => stableUuid(seed, `store:${s.slug}`));
  const categoryIds = new Map(catalog.categories.map((c) => [c.name, stableUuid(seed, `category:${c.name}`)]));
  const typeIds = new Map(
    catalog.categories.flatMap((c) => c.product_types.map((t) => [`${c.name}/${t.name}`, stableUuid(seed, `type:${c.name}/${t.name}`)] as const)),
  );
  const productIds = products.map((p) => stableUuid(seed, `product:${p.sku}`));

  const [catalogClient, ordersClient, itemsClient] = await Promise.all([connect(), connect(), connect()]);
  try {
    const counts: RowCounts = {};
    const load = async (client: pg.PoolClient | pg.Client, table: string, columns: string, rows: (w: CopyWriter) => Promise<void>) => {
      const writer = new CopyWriter(client, `COPY retail.${table} (${columns}) FROM STDIN`);
      await rows(writer);
      await writer.end();
      counts[table] = writer.rows;
    };

    await load(catalogClient, 'stores', 'store_id, store_name, location, is_online, manager_id, created_at', async (w) => {
      STORES.forEach((s, i) => w.row([storeIds[i]!, s.name, s.location, s.isOnline, s.managerId, FIXED_CREATED_AT]));
    });
    await load(catalogClient, 'categories', 'category_id, category_name, created_at', async (w) => {
      for (const c of catalog.categories) w.row([categoryIds.get(c.name)!, c.name, FIXED_CREATED_AT]);
    });
    await load(catalogClient, 'product_types', 'type_id, category_id, type_name, created_at', async (w) => {
      for (const c of catalog.categories)
        for (const t of c.product_types) w.row([typeIds.get(`${c.name}/${t.name}`)!, categoryIds.get(c.name)!, t.name, FIXED_CREATED_AT]);
    });
    await load(
      catalogClient,
      'products',
      'product_id, sku, product_name, category_id, type_id, cost, base_price, gross_margin_percent, product_description, created_at',
      async (w) => {
        products.forEach((p, i) => {
          const margin = ((p.base_price - p.cost) / p.base_price) * 100;
          w.row([productIds[i]!, p.sku, p.name, categoryIds.get(p.category)!, typeIds.get(`${p.category}/${p.type}`)!, p.cost.toFixed(2), p.base_price.toFixed(2), margin.toFixed(2), p.description, FIXED_CREATED_AT]);
        });
      },
    );

    const inventoryRng = new Rng(seed, 'inventory');
    await load(catalogClient, 'inventory', 'store_id, product_id, stock_level, created_at', async (w) => {
      STORES.forEach((s, si) => {
        productIds.forEach((pid) => {
          const cheap = products.length > 0;
          const max = s.isOnline ? 400 : cheap ? 150 : 60;
          w.row([storeIds[si]!, pid, inventoryRng.int(0, max), FIXED_CREATED_AT]);
        });
      });
    });

    // Customers: primary store by customer share; ids kept per store for order assignment.
    const customerRng = new Rng(seed, 'customers');
    const storeByCustomerShare = new WeightedPicker(STORES.map((s) => s.customerShare));
    const customersByStore: string[][] = STORES.map(() => []);
    const allCustomers: string[] = [];
    await load(catalogClient, 'customers', 'customer_id, first_name, last_name, email, phone, primary_store_id, created_at', async (w) => {
      for (let i = 0; i < size.customers; i++) {
        const id = customerRng.uuid();
        const si = storeByCustomerShare.pick(customerRng);
        const first = customerRng.pick(FIRST_NAMES);
        const last = customerRng.pick(LAST_NAMES);
        const email = `${first}.${last}${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
        const area = customerRng.pick(AREA_CODES[STORES[si]!.slug]!);
        const phone = `(${area}) 555-01${String(customerRng.int(0, 99)).padStart(2, '0')}`;
        const created = timestampBetween(customerRng, Date.UTC(2019, 5, 1), Date.UTC(2025, 11, 31));
        customersByStore[si]!.push(id);
        allCustomers.push(id);
        const pending = w.row([id, first, last, email, phone, storeIds[si]!, created]);
        if (pending) await pending;
      }
    });

    counts.orders = 0;
    counts.order_items = 0;
    await generateOrders({ seed, size, products, productIds, storeIds, customersByStore, allCustomers, ordersClient, itemsClient, counts, onProgress: options.onProgress });
    return counts;
  } finally {
    for (const client of [catalogClient, ordersClient, itemsClient]) {
      if ('release' in client && typeof client.release === 'function') client.release();
      else await client.end();
    }
  }
}

interface OrdersInput {
  seed: number;
  size: { customers: number; orders: number };
  products: ReturnType<typeof catalogProducts>;
  productIds: string[];
  storeIds: string[];
  customersByStore: string[][];
  allCustomers: string[];
  ordersClient: pg.PoolClient | pg.Client;
  itemsClient: pg.PoolClient | pg.Client;
  counts: RowCounts;
  onProgress?: (done: number, total: number) => void;
}

async function generateOrders(input: OrdersInput): Promise<void> {
  const { seed, size, products, productIds, storeIds, customersByStore, allCustomers, counts } = input;
  const rng = new Rng(seed, 'orders');
  const popularityRng = new Rng(seed, 'popularity');

  const categories = Object.keys(CATEGORY_SEASONALITY);
  const productsByCategory = categories.map((c) => products.map((p, i) => ({ p, i })).filter(({ p }) => p.category === c));
  // Popularity: a skewed draw per product, damped by price, so top sellers emerge.
  const productPickers = productsByCategory.map(
    (list) => new WeightedPicker(list.map(({ p }) => (0.2 + popularityRng.next()) ** 2.2 / Math.sqrt(p.base_price / 25 + 1))),
  );
  const categoryPickerByMonth = Array.from({ length: 12 }, (_, m) =>
    new WeightedPicker(categories.map((c) => (CATEGORY_SHARE[c] ?? 1) * CATEGORY_SEASONALITY[c]![m]!)),
  );

  const days = dayList();
  const dayPicker = new WeightedPicker(
    days.map((d) => {
      const month = d.month;
      const seasonal = categories.reduce((sum, c) => sum + (CATEGORY_SHARE[c] ?? 1) * CATEGORY_SEASONALITY[c]![month]!, 0) / categories.length;
      const weekend = d.weekday === 0 || d.weekday === 6 ? 1.35 : 1;
      return (YEAR_GROWTH[d.year] ?? 1) * seasonal * weekend;
    }),
  );
  const storePicker = new WeightedPicker(STORES.map((s) => s.weight));
  const itemsPicker = new WeightedPicker(ITEMS_PER_ORDER);
  const discountPicker = new WeightedPicker(DISCOUNTS.map((d) => d.weight));
  const lastDayMs = Date.UTC(2025, 11, 31);

  const orders = new CopyWriter(input.ordersClient, 'COPY retail.orders (order_id, customer_id, store_id, order_date, status, total_amount, created_at) FROM STDIN');
  const items = new CopyWriter(
    input.itemsClient,
    'COPY retail.order_items (order_item_id, order_id, store_id, product_id, quantity, unit_price, discount_percent, discount_amount, total_amount, created_at) FROM STDIN',
  );
  const progressStep = Math.max(1, Math.floor(size.orders / 50));
  for (let n = 0; n < size.orders; n++) {
    const orderId = rng.uuid();
    const si = storePicker.pick(rng);
    const storeId = storeIds[si]!;
    const day = days[dayPicker.pick(rng)]!;
    const local = customersByStore[si]!;
    const customerId = local.length > 0 && rng.next() < 0.85 ? rng.pick(local) : rng.pick(allCustomers);
    const createdAt = `${day.iso} ${String(rng.int(8, 20)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}+00`;
    const lines = itemsPicker.pick(rng) + 1;
    let totalCents = 0;
    for (let l = 0; l < lines; l++) {
      const ci = categoryPickerByMonth[day.month]!.pick(rng);
      const { p, i } = productsByCategory[ci]![productPickers[ci]!.pick(rng)]!;
      const quantity = p.base_price < 15 ? rng.int(1, 6) : p.base_price < 60 ? rng.int(1, 3) : rng.next() < 0.9 ? 1 : 2;
      const discount = DISCOUNTS[discountPicker.pick(rng)]!.percent;
      const unitCents = Math.round(p.base_price * 100);
      const grossCents = unitCents * quantity;
      const discountCents = Math.round((grossCents * discount) / 100);
      const lineCents = grossCents - discountCents;
      totalCents += lineCents;
      const pending = items.row([rng.uuid(), orderId, storeId, productIds[i]!, quantity, cents(unitCents), discount, cents(discountCents), cents(lineCents), createdAt]);
      if (pending) await pending;
    }
    const ageDays = (lastDayMs - day.ms) / 86_400_000;
    const roll = rng.next();
    const status = ageDays < 10 && roll < 0.35 ? 'pending' : roll < 0.03 ? 'cancelled' : roll < 0.07 ? 'returned' : 'completed';
    const pending = orders.row([orderId, customerId, storeId, day.iso, status, cents(totalCents), createdAt]);
    if (pending) await pending;
    if ((n + 1) % progressStep === 0 || n + 1 === size.orders) input.onProgress?.(n + 1, size.orders);
  }
  await Promise.all([orders.end(), items.end()]);
  counts.orders = orders.rows;
  counts.order_items = items.rows;
}

function cents(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

interface Day {
  iso: string;
  ms: number;
  year: number;
  month: number;
  weekday: number;
}

function dayList(): Day[] {
  const days: Day[] = [];
  const end = Date.parse(`${LAST_DAY}T00:00:00Z`);
  for (let ms = Date.parse(`${FIRST_DAY}T00:00:00Z`); ms <= end; ms += 86_400_000) {
    const d = new Date(ms);
    days.push({ iso: d.toISOString().slice(0, 10), ms, year: d.getUTCFullYear(), month: d.getUTCMonth(), weekday: d.getUTCDay() });
  }
  return days;
}

function timestampBetween(rng: Rng, startMs: number, endMs: number): string {
  const ms = startMs + Math.floor(rng.next() * (endMs - startMs));
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '+00');
}
