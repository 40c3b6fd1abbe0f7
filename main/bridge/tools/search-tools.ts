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
  search(executor: QueryExecutor, input: SemanticSearchInput, signal: AbortSignal): Promise<{ columns: string[]; rows: unknown[][]; path: string; model: string }>;
}

export function searchTools(deps: { executor: QueryExecutor; search?: SearchPort; unavailableReason?: string }): ToolDefinition[] {
  return [
    defineTool({
      name: 'semantic_search_products',
      title: 'Find products by meaning',
      description: [
        'Find products whose description matches what the shopper means, not just the words: "containers for paint",',
        '"something to keep my drill charged". Ranks by meaning (vector similarity) fused with exact-word matches, so',
        '"cordless drill" prefers cordless ones. Each result has similarity_percent. Use this to find products; then use',
        'execute_sales_query with the returned product names or SKUs for sales and stock questions.',
      ].join(' '),
      input: semanticSearchInput,
      output: z.object({
        c: z.array(z.string()),
        r: z.array(z.array(z.unknown())),
        n: z.number().int(),
        truncated: z.boolean(),
        search_path: z.string().describe('which ranking path served this: hnsw, exact-scan, …'),
        model: z.string(),
      }),
      annotations: { ...READ_ONLY, title: 'Find products by meaning' },
      meta: resultViewMeta,
      handler: async (input, ctx) => {
        if (!deps.search) {
          throw new ZavaError('UNAVAILABLE', `Semantic search is not available: ${deps.unavailableReason ?? 'the search service is not installed'}.`, {
            hint: 'Use execute_sales_query with ILIKE on retail.products.product_name / product_description meanwhile.',
          });
        }
        const result = await deps.search.search(deps.executor, input, ctx.signal);
        return {
          structured: { c: result.columns, r: result.rows, n: result.rows.length, truncated: false, search_path: result.path, model: result.model },
          rows: result.rows.length,
        };
      },
    }),
  ];
}
