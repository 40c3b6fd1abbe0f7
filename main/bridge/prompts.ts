import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** The lab's sample questions, as prompts a client can offer with one click. */
const SAMPLE_QUESTIONS: { name: string; title: string; text: string }[] = [
  { name: 'sales_by_store', title: 'Sales by store', text: 'Show total sales revenue and number of orders by store for the last full year of data, highest first.' },
  { name: 'top_products', title: 'Top products', text: 'What are the top 20 products by revenue? Include category and units sold.' },
  { name: 'category_trends', title: 'Category trends by quarter', text: 'Show revenue by product category for each quarter of the most recent year, and point out seasonal patterns.' },
  { name: 'low_stock', title: 'Low stock', text: 'Which products are low in stock (fewer than 10 units) at my stores? Group by store.' },
  { name: 'online_vs_stores', title: 'Online vs physical stores', text: 'Compare online sales with physical store sales by month for the last year.' },
  { name: 'margins', title: 'Margins by category', text: 'What is the gross margin by category (revenue minus cost, and as a percentage)?' },
  { name: 'similar_products', title: 'Find products by description', text: 'Find products suitable for mixing and storing paint, and show which of my stores have them in stock.' },
];

export function registerPrompts(server: McpServer): void {
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
      argsSchema: { store_name: z.string().describe('Exact store name, e.g. Zava Retail Seattle'), period: z.string().optional().describe('e.g. 2025 Q4') },
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
}
