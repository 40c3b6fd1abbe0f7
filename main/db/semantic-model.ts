import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { APP_ROOT } from '../kernel/config/app-root.ts';

/**
 * The semantic layer: what every column of the retail tables means, business metrics as exact
 * SQL, dimensions, join paths and verified question→SQL pairs. One file
 * (resources/semantic-model.json) feeds the schema tool, the `zava://semantic-model` resource
 * and `find_verified_queries`; test/integration/semantic-model.test.ts holds it to the live schema.
 */

/**
 * The file's schema, built on first use: every bridge imports this module (the schema tool
 * reads the model when called), and building zod schemas is a cost of its own at start-up.
 */
function buildSemanticModelSchema() {
  const columnSchema = z.strictObject({
    description: z.string().min(10).max(300),
    /** Few distinct values worth listing (computed per identity at run time). */
    categorical: z.boolean().optional(),
  });

  const tableSchema = z.strictObject({
    description: z.string().min(10),
    /** A predicate limiting sample values to what the identity may see, for catalog tables RLS does not scope. */
    sample_scope: z.string().optional(),
    columns: z.record(z.string().regex(/^[a-z_]+$/), columnSchema),
  });

  const metricSchema = z.strictObject({
    name: z.string().regex(/^[a-z_]+$/),
    description: z.string().min(5),
    sql: z.string().min(3),
    /** The WHERE condition the metric assumes, e.g. which order statuses count. */
    filter: z.string().optional(),
    /** A derived table to aggregate over instead of the joined tables. */
    from: z.string().optional(),
    tables: z.array(z.string()).min(1),
  });

  const dimensionSchema = z.strictObject({
    name: z.string().regex(/^[a-z_]+$/),
    sql: z.string().min(1),
    table: z.string(),
    description: z.string(),
  });

  const joinSchema = z.strictObject({
    from: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
    to: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
    relationship: z.enum(['many_to_one', 'one_to_one', 'one_to_many']),
    sql: z.string(),
  });

  const verifiedQuerySchema = z.strictObject({
    question: z.string().min(10).max(300),
    /** Other ways people ask the same thing ("best sellers" for "top products by revenue"): matched like the question. */
    also_asked: z.array(z.string().min(5).max(300)).optional(),
    sql: z.string().regex(/^\s*(WITH|SELECT)\b/i, 'a verified query is one SELECT (or WITH … SELECT)'),
  });

  return z.strictObject({
    $comment: z.string().optional(),
    version: z.literal(1),
    aliases: z.record(z.string(), z.string()),
    conventions: z.array(z.string()),
    tables: z.record(z.string(), tableSchema),
    metrics: z.array(metricSchema).min(1),
    dimensions: z.array(dimensionSchema).min(1),
    joins: z.array(joinSchema).min(1),
    verified_queries: z.array(verifiedQuerySchema).min(40),
  });
}

let semanticModelSchema: ReturnType<typeof buildSemanticModelSchema> | undefined;

export type SemanticModel = z.infer<ReturnType<typeof buildSemanticModelSchema>>;
export type VerifiedQuery = SemanticModel['verified_queries'][number];

export const SEMANTIC_MODEL_FILE = path.join(APP_ROOT, 'resources', 'semantic-model.json');

let cached: SemanticModel | undefined;

/** Reads and validates the model once per process; a broken file fails loudly with the field named. */
export function loadSemanticModel(file = SEMANTIC_MODEL_FILE): SemanticModel {
  if (file === SEMANTIC_MODEL_FILE && cached) return cached;
  semanticModelSchema ??= buildSemanticModelSchema();
  const parsed = semanticModelSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file} is not a valid semantic model at ${issue.path.join('.')}: ${issue.message}`);
  }
  if (file === SEMANTIC_MODEL_FILE) cached = parsed.data;
  return parsed.data;
}

/** The one-line description of `table.column`, if the model has it. */
export function columnDescription(model: SemanticModel, table: string, column: string): string | undefined {
  return model.tables[table]?.columns[column]?.description;
}
