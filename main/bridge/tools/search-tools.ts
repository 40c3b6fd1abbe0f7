import { z } from 'zod';
import { ZavaError } from '../../kernel/errors.ts';
import type { QueryExecutor } from '../executor.ts';
import { semanticSearchInputSchema } from '../../search/input.ts';
import { defineTool, READ_ONLY, type ToolDefinition } from '../tool-kit.ts';
import { resultViewMeta } from '../apps/result-view.ts';

/** The lab's parameters and limits, owned by the search service. */
export const semanticSearchInput = semanticSearchInputSchema;

export type SemanticSearchInput = z.output<typeof semanticSearchInput>;

/** What the search service gives back; `c`/`r` columnar like every query result. */
export interface SearchPort {
  search(
    executor: QueryExecutor,
    input: SemanticSearchInput,
    signal: AbortSignal,
  ): Promise<{ columns: string[]; rows: unknown[][]; path: string; model: string; understood?: z.output<typeof understoodSchema> }>;
}

const valuesSchema = z.object({ want: z.array(z.string()), exclude: z.array(z.string()) });

/** How the query was read: what was matched, and the attribute filters (exclude) and boosts (want) applied. */
export const understoodSchema = z
  .object({
    meaning_text: z.string().describe('what was matched by meaning: the query without the phrases it negates'),
    power_source: valuesSchema.describe('corded | cordless | gas | none: exclude drops products, want ranks them higher'),
    setting: valuesSchema.describe('indoor | outdoor | both: exclude drops products, want ranks them higher'),
  })
  .describe('how the query was read');

export function searchTools(deps: { executor: QueryExecutor; search?: SearchPort }): ToolDefinition[] {
  return [
    defineTool({
      name: 'semantic_search_products',
      title: 'Find products by meaning',
      description: [
        'Find products by what the shopper means, in their own words: "containers for paint", "something to cut wood',
        'without electricity", "spanner", "unclog a drain". Ranks by meaning (vector similarity) fused with word matches',
        "over each product's name, description and the names shoppers use for it (typos corrected), and reads power",
        'source and indoor/outdoor from the query: "cordless drill" drops corded ones, "not cordless" drops cordless ones.',
        'similarity_percent is the score results are ranked by. Use this to find products; then use execute_sales_query',
        'with the returned SKUs for sales and stock questions.',
      ].join(' '),
      input: semanticSearchInput,
      output: z.object({
        c: z.array(z.string()),
        r: z.array(z.array(z.unknown())),
        n: z.number().int(),
        truncated: z.boolean(),
        search_path: z.string().describe('which ranking path served this: hnsw, exact-scan, …'),
        model: z.string(),
        understood: understoodSchema.optional(),
      }),
      annotations: { ...READ_ONLY, title: 'Find products by meaning' },
      meta: resultViewMeta,
      handler: async (input, ctx) => {
        if (!deps.search) {
          throw new ZavaError('UNAVAILABLE', 'Semantic search is not available: the search service is not installed.', {
            hint: 'Use execute_sales_query with ILIKE on retail.products.product_name / product_description meanwhile.',
          });
        }
        const result = await deps.search.search(deps.executor, input, ctx.signal);
        return {
          structured: {
            c: result.columns,
            r: result.rows,
            n: result.rows.length,
            truncated: false,
            search_path: result.path,
            model: result.model,
            ...(result.understood ? { understood: result.understood } : {}),
          },
          rows: result.rows.length,
        };
      },
    }),
  ];
}
