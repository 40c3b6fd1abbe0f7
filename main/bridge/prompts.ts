import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { query } from '../db/sql-files.ts';
import type { QueryExecutor } from './executor.ts';

/** The lab's sample questions, as prompts a client can offer with one click. */
export const SAMPLE_QUESTIONS: { name: string; title: string; text: string }[] = [
  { name: 'sales_by_store', title: 'Sales by store', text: 'Show total sales revenue and number of orders by store for the last full year of data, highest first.' },
  { name: 'top_products', title: 'Top products', text: 'What are the top 20 products by revenue? Include category and units sold.' },
  { name: 'category_trends', title: 'Category trends by quarter', text: 'Show revenue by product category for each quarter of the most recent year, and point out seasonal patterns.' },
  { name: 'low_stock', title: 'Low stock', text: 'Which products are low in stock (fewer than 10 units) at my stores? Group by store.' },
  { name: 'online_vs_stores', title: 'Online vs physical stores', text: 'Compare online sales with physical store sales by month for the last year.' },
  { name: 'margins', title: 'Margins by category', text: 'What is the gross margin by category (revenue minus cost, and as a percentage)?' },
  { name: 'similar_products', title: 'Find products by description', text: 'Find products suitable for mixing and storing paint, and show which of my stores have them in stock.' },
];

/** Most completion values a client is offered at once (the MCP limit is 100). */
const MAX_COMPLETIONS = 50;

/** Values containing what was typed (any case), in their own order. */
export function matchCompletions(values: readonly string[], typed: string): string[] {
  const needle = typed.trim().toLowerCase();
  return values.filter((v) => v.toLowerCase().includes(needle)).slice(0, MAX_COMPLETIONS);
}

/**
 * Completion sources for prompt arguments, queried as the bridge's identity: store names it
 * may see, the categories, and the years (and quarters) that have orders it can see.
 */
export function promptCompletions(executor: QueryExecutor) {
  const column = async (name: string, index = 0) => (await executor.run(query(name))).rows.map((r) => String(r[index]));
  const years = async () => ((await executor.run(query('valid_order_years'))).rows[0]?.[0] as number[] | null | undefined)?.map(String).reverse() ?? [];
  return {
    stores: async (typed: string) => matchCompletions(await column('valid_stores'), typed),
    categories: async (typed: string) => matchCompletions(await column('valid_categories'), typed),
    years: async (typed: string) => matchCompletions(await years(), typed),
    periods: async (typed: string) => matchCompletions((await years()).flatMap((y) => [y, `${y} Q4`, `${y} Q3`, `${y} Q2`, `${y} Q1`]), typed),
  };
}

export function registerPrompts(server: McpServer, deps: { executor: QueryExecutor }): void {
  const complete = promptCompletions(deps.executor);
  for (const q of SAMPLE_QUESTIONS) {
    server.registerPrompt(q.name, { title: q.title, description: q.text }, async () => ({
      messages: [{ role: 'user', content: { type: 'text', text: q.text } }],
    }));
  }
  server.registerPrompt(
    'store_review',
    {
      title: 'Review one store',
      description: 'A performance review of one store for a period.',
      argsSchema: {
        store_name: completable(z.string().describe('Exact store name, e.g. Zava Retail Seattle'), (typed) => complete.stores(typed)),
        period: completable(z.string().optional().describe('A year or quarter, e.g. 2025 or 2025 Q4'), (typed) => complete.periods(typed ?? '')),
      },
    },
    async ({ store_name, period }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: `Review the performance of ${store_name}${period ? ` for ${period}` : ' for the most recent quarter of data'}: revenue, orders, average order value, margin, top categories and year-over-year change, with three recommendations.`,
          },
        },
      ],
    }),
  );
  server.registerPrompt(
    'category_review',
    {
      title: 'Review one category',
      description: 'Revenue, units, margin and top products of one product category for a year, with its monthly seasonality.',
      argsSchema: {
        category_name: completable(z.string().describe('Exact category name, e.g. Power Tools'), (typed) => complete.categories(typed)),
        year: completable(z.string().optional().describe('A year with orders, e.g. 2025'), (typed) => complete.years(typed ?? '')),
      },
    },
    async ({ category_name, year }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: `Review the ${category_name} category${year ? ` in ${year}` : ' over the most recent 12 months of data'} at my stores: revenue, units, gross margin %, the top 5 products, and revenue by month to show its seasonality.`,
          },
        },
      ],
    }),
  );
}
