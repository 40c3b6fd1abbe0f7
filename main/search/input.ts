import { z } from 'zod';
import { ZavaError } from '../kernel/errors.ts';

/** The lab's limits for semantic_search_products. */
export const SEARCH_LIMITS = {
  queryMaxChars: 1000,
  maxRows: { min: 1, max: 100, default: 20 },
  similarityThreshold: { min: 20, max: 80, default: 30 },
} as const;

const { maxRows, similarityThreshold, queryMaxChars } = SEARCH_LIMITS;

/**
 * Input of `semantic_search_products`, with the lab's names, limits and defaults. Every
 * message names the limit it enforces, so a model can correct its call. The bridge uses this
 * schema for the tool's input.
 */
export const semanticSearchInputSchema = z.object({
  query_description: z
    .string({ error: 'query_description must be a string describing the product' })
    .trim()
    .min(1, 'query_description is empty: describe the product in 1 to 1000 characters')
    .max(queryMaxChars, `query_description is longer than the limit of ${queryMaxChars} characters`)
    .describe('What the shopper wants, in plain words, e.g. "containers for paint" or "cordless drill for decks".'),
  max_rows: z
    .number({ error: `max_rows must be a whole number from ${maxRows.min} to ${maxRows.max}` })
    .int(`max_rows must be a whole number from ${maxRows.min} to ${maxRows.max}`)
    .min(maxRows.min, `max_rows must be at least ${maxRows.min}`)
    .max(maxRows.max, `max_rows must be at most ${maxRows.max}`)
    .default(maxRows.default)
    .describe(`How many products to return (${maxRows.min}–${maxRows.max}, default ${maxRows.default}).`),
  similarity_threshold: z
    .number({ error: `similarity_threshold must be a number from ${similarityThreshold.min} to ${similarityThreshold.max} (percent)` })
    .min(similarityThreshold.min, `similarity_threshold must be at least ${similarityThreshold.min} (percent)`)
    .max(similarityThreshold.max, `similarity_threshold must be at most ${similarityThreshold.max} (percent)`)
    .default(similarityThreshold.default)
    .describe(
      `Minimum similarity in percent (${similarityThreshold.min}–${similarityThreshold.max}, default ${similarityThreshold.default}); lower finds more, higher only close matches.`,
    ),
});

/** Validated input (defaults applied). */
export type SemanticSearchInput = z.output<typeof semanticSearchInputSchema>;
/** What callers may pass (defaults optional). */
export type SemanticSearchInputRaw = z.input<typeof semanticSearchInputSchema>;

/** Parses input or throws VALIDATION_ERROR whose message names the violated limit(s). */
export function parseSearchInput(input: unknown): SemanticSearchInput {
  const parsed = semanticSearchInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.map((issue) => issue.message);
  throw new ZavaError('VALIDATION_ERROR', `Invalid search input: ${messages.join('; ')}.`, {
    hint: `Use query_description (1–${queryMaxChars} characters), max_rows ${maxRows.min}–${maxRows.max} and similarity_threshold ${similarityThreshold.min}–${similarityThreshold.max}.`,
    details: { issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) },
  });
}
