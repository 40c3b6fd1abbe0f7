import pg from 'pg';
import type { SemanticModel } from '../db/semantic-model.ts';
import type { QueryExecutor } from './executor.ts';

/** Enough values to show a column's vocabulary; categorical columns here have at most ~10. */
const MAX_SAMPLES = 25;

/**
 * The SQL listing one column's distinct values, built from the model's names (escaped as
 * identifiers, never concatenated as values). It runs as the calling identity, so RLS scopes
 * store-owned tables; catalog tables that RLS leaves open carry their own `sample_scope`.
 */
export function sampleValuesSql(table: string, column: string, scope?: string): string {
  const col = pg.escapeIdentifier(column);
  return `SELECT DISTINCT ${col} AS value FROM retail.${pg.escapeIdentifier(table)}${scope ? ` WHERE ${scope}` : ''} ORDER BY 1 LIMIT ${MAX_SAMPLES}`;
}

/** Sample values of every categorical column of `tables`, as the executor's identity sees them. */
export async function sampleValues(
  executor: QueryExecutor,
  model: SemanticModel,
  tables: readonly string[],
  signal?: AbortSignal,
): Promise<Record<string, Record<string, unknown[]>>> {
  const jobs = tables.flatMap((table) =>
    Object.entries(model.tables[table]?.columns ?? {})
      .filter(([, column]) => column.categorical)
      .map(async ([column]) => {
        const result = await executor.run(sampleValuesSql(table, column, model.tables[table]!.sample_scope), { ...(signal ? { signal } : {}), rowCap: MAX_SAMPLES });
        return { table, column, values: result.rows.map((row) => row[0]) };
      }),
  );
  const out: Record<string, Record<string, unknown[]>> = {};
  for (const { table, column, values } of await Promise.all(jobs)) (out[table] ??= {})[column] = values;
  return out;
}
