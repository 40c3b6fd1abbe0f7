import type { AppCore } from '../app/app-core.ts';
import { performanceSummary } from '../app/supervision/performance-summary.ts';
import { query } from '../db/sql-files.ts';
import type { HandlerGroup } from './router.ts';

type Deps = Pick<AppCore, 'paths' | 'settings' | 'database'>;

/** Performance: per-tool summaries from every bridge's call log, and pg_stat_statements' top statements. */
export function performanceHandlers(core: Deps): HandlerGroup<'performance:get-summary' | 'performance:get-statements'> {
  return {
    'performance:get-summary': ({ windowMinutes }) =>
      performanceSummary(core.paths, { windowMinutes, slowThresholdMs: core.settings.read().bridge.slowQueryMs }),
    'performance:get-statements': async ({ limit, includeAdmin }) => {
      const client = await core.database.admin();
      try {
        const loaded = await client.query<{ setting: string }>("SELECT current_setting('shared_preload_libraries') AS setting");
        if (!loaded.rows[0]?.setting.includes('pg_stat_statements')) {
          return { available: false, reason: 'pg_stat_statements is not loaded by this server (shared_preload_libraries).', statements: [] };
        }
        // The extension's view lives in the database; the superuser creates it on first use.
        const created = await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').then(
          () => null,
          (error: Error) => error.message,
        );
        if (created) return { available: false, reason: `pg_stat_statements cannot be enabled here: ${created}`, statements: [] };
        const { rows } = await client.query<{ role: string; query: string; calls: string; total_ms: number; mean_ms: number; rows: string }>(query('top_statements'), [limit, includeAdmin]);
        return {
          available: true,
          reason: null,
          statements: rows.map((r) => ({
            role: r.role,
            query: r.query,
            calls: Number(r.calls),
            totalMs: Math.round(r.total_ms * 100) / 100,
            meanMs: Math.round(r.mean_ms * 1000) / 1000,
            rows: Number(r.rows),
          })),
        };
      } finally {
        await client.end();
      }
    },
  };
}
