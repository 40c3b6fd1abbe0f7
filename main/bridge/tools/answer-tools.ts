import { z } from 'zod';
import type { VerifiedQueryIndex } from '../../search/verified-queries.ts';
import type { QueryExecutor } from '../executor.ts';
import { defineTool, READ_ONLY, type ToolDefinition } from '../tool-kit.ts';

const MAX_RESULTS = 10;

/** `find_verified_queries`: known-good SQL for a business question, to adapt instead of writing from scratch. */
export function answerTools(deps: { executor: QueryExecutor; index: () => Promise<VerifiedQueryIndex> }): ToolDefinition[] {
  return [
    defineTool({
      name: 'find_verified_queries',
      title: 'Find verified SQL for a question',
      description: [
        'Call this BEFORE writing SQL for any business question (sales, revenue, margin, stock, customers, trends).',
        'Returns the verified questions nearest yours by meaning, each with SQL that is tested to give correct answers',
        'for every identity and uses the business definitions (revenue excludes cancelled and returned orders, margin',
        'after discounts, …). Adapt the closest one (dates, filters, LIMIT) and run it with execute_sales_query; if none',
        'fits, use get_multiple_table_schemas and write your own. Read-only; needs no table names.',
      ].join(' '),
      input: z.object({
        question: z
          .string({ error: 'question must be a string: the business question in plain words' })
          .trim()
          .min(3, 'question is empty: ask it in plain words, e.g. "top products by revenue this year"')
          .max(1000, 'question is longer than 1000 characters')
          .describe('The business question in plain words, e.g. "Top 5 products by revenue in my store this year".'),
        max_results: z
          .number({ error: `max_results must be a whole number from 1 to ${MAX_RESULTS}` })
          .int(`max_results must be a whole number from 1 to ${MAX_RESULTS}`)
          .min(1, 'max_results must be at least 1')
          .max(MAX_RESULTS, `max_results must be at most ${MAX_RESULTS}`)
          .default(3)
          .describe(`How many verified queries to return (1–${MAX_RESULTS}, default 3).`),
      }),
      output: z.object({
        matches: z.array(
          z.object({
            question: z.string(),
            sql: z.string(),
            score: z.number().describe('fused rank score, higher is closer'),
            similarity_percent: z.number().optional().describe('meaning similarity of the two questions'),
          }),
        ),
        note: z.string(),
      }),
      annotations: { ...READ_ONLY, title: 'Find verified SQL for a question' },
      handler: async ({ question, max_results }, ctx) => {
        const index = await deps.index();
        const matches = await deps.executor.readOnly((client) => index.find(client, question, max_results, ctx.signal), ctx.signal);
        const note =
          'Adapt the closest query to the exact question (period, store, category, LIMIT) and run it with execute_sales_query. ' +
          'Relative dates use current_date or the data’s last order date; get_current_utc_date gives both.';
        return { structured: { matches, note }, rows: matches.length, trusted: true };
      },
    }),
  ];
}
