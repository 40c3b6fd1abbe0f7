import { z } from 'zod';
import { query } from '../../db/sql-files.ts';
import { ZavaError } from '../../kernel/errors.ts';
import type { QueryExecutor } from '../executor.ts';
import { defineTool, READ_ONLY, type ToolDefinition } from '../tool-kit.ts';
import { resultViewMeta } from '../apps/result-view.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2025-10-01').refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

const storeRow = z.object({
  store_name: z.string(),
  is_online: z.boolean(),
  revenue: z.number(),
  orders: z.number(),
  units: z.number(),
  avg_order_value: z.number().nullable(),
  gross_margin_percent: z.number().nullable(),
  customers: z.number(),
  previous_year_revenue: z.number().nullable(),
  yoy_growth_percent: z.number().nullable(),
  top_category: z.string().nullable(),
});
type StoreRow = z.infer<typeof storeRow>;

const money = (n: number) => `$${n.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

/** Plain-language findings a manager can act on, derived only from the visible rows. */
export function storeInsights(rows: StoreRow[]): string[] {
  if (rows.length === 0) return ['No orders in this period for the stores you can see.'];
  const total = rows.reduce((s, r) => s + r.revenue, 0);
  const insights = [`Revenue across your ${rows.length} store${rows.length > 1 ? 's' : ''}: ${money(total)}.`];
  const top = rows[0]!;
  if (rows.length > 1) insights.push(`${top.store_name} led with ${money(top.revenue)} (${((100 * top.revenue) / total).toFixed(1)}% of the total).`);
  const withGrowth = rows.filter((r) => r.yoy_growth_percent !== null);
  if (withGrowth.length > 0) {
    const best = withGrowth.reduce((a, b) => (b.yoy_growth_percent! > a.yoy_growth_percent! ? b : a));
    const worst = withGrowth.reduce((a, b) => (b.yoy_growth_percent! < a.yoy_growth_percent! ? b : a));
    insights.push(`${best.store_name} grew ${best.yoy_growth_percent! >= 0 ? '+' : ''}${best.yoy_growth_percent}% against the same period a year earlier.`);
    if (worst !== best) insights.push(`${worst.store_name} changed ${worst.yoy_growth_percent! >= 0 ? '+' : ''}${worst.yoy_growth_percent}%: the weakest trend of your stores.`);
  }
  const withMargin = rows.filter((r) => r.gross_margin_percent !== null);
  if (withMargin.length > 1) {
    const low = withMargin.reduce((a, b) => (b.gross_margin_percent! < a.gross_margin_percent! ? b : a));
    insights.push(`Lowest gross margin: ${low.store_name} at ${low.gross_margin_percent}% (discounts and product mix).`);
  }
  if (top.top_category) insights.push(`Top category at ${top.store_name}: ${top.top_category}.`);
  return insights;
}

/** A business tool in the spirit of the lab's analytics service: store performance with insights, under RLS. */
export function analyticsTools(deps: { executor: QueryExecutor }): ToolDefinition[] {
  return [
    defineTool({
      name: 'get_store_performance',
      title: 'Store performance for a period',
      description: [
        'Summarise performance per store you can see for a period: revenue, orders, units, average order value, gross',
        'margin %, customers, year-over-year growth against the same dates a year earlier, top category, and',
        'plain-language insights. Use this for "how are my stores doing" questions; use execute_sales_query for',
        'anything more specific. Without dates it covers the last 3 months of available data.',
      ].join(' '),
      input: z.object({
        start_date: isoDate.optional().describe('First day of the period (YYYY-MM-DD), inclusive.'),
        end_date: isoDate.optional().describe('Last day of the period (YYYY-MM-DD), inclusive.'),
      }),
      output: z.object({
        period: z.object({ start_date: z.string(), end_date: z.string() }),
        stores: z.array(storeRow),
        insights: z.array(z.string()),
      }),
      annotations: { ...READ_ONLY, title: 'Store performance for a period' },
      meta: resultViewMeta,
      handler: async ({ start_date, end_date }, ctx) => {
        let end = end_date;
        if (!end) end = String((await deps.executor.run(query('last_order_date'), { signal: ctx.signal })).rows[0]?.[0] ?? new Date().toISOString().slice(0, 10));
        const start = start_date ?? shiftMonths(end, -3);
        if (start > end) throw new ZavaError('VALIDATION_ERROR', `start_date ${start} is after end_date ${end}.`, { hint: 'Swap the dates.' });
        const result = await deps.executor.run(query('store_performance'), { params: [start, end], signal: ctx.signal, rowCap: 100 });
        const stores = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, r[i]])) as StoreRow);
        return { structured: { period: { start_date: start, end_date: end }, stores, insights: storeInsights(stores) }, rows: stores.length, bytes: result.bytes };
      },
    }),
  ];
}

function shiftMonths(isoDay: string, months: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
