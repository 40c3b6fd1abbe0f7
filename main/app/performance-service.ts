import type pg from 'pg';
import { defineQuery } from '../db/typed-query.ts';
import type { DataPaths } from '../kernel/config/paths.ts';
import type { SettingsFile } from '../kernel/config/settings-file.ts';
import { performanceSummary } from './supervision/performance-summary.ts';

const preloadLibraries = defineQuery<[], { setting: string }>('preload_libraries');
const enablePgStatStatements = defineQuery<[], never>('enable_pg_stat_statements');
const topStatements = defineQuery<[limit: number, includeAdmin: boolean], { role: string; query: string; calls: string; total_ms: number; mean_ms: number; rows: string }>('top_statements');

export interface PerformanceServiceDeps {
  paths: DataPaths;
  settings: Pick<SettingsFile, 'read'>;
  /** A superuser connection to the app database (the caller's to end). */
  admin: () => Promise<pg.Client>;
}

/** Performance: per-tool summaries from every bridge's call log, and pg_stat_statements' top statements. */
export class PerformanceService {
  constructor(private readonly deps: PerformanceServiceDeps) {}

  summary(windowMinutes: number) {
    return performanceSummary(this.deps.paths, { windowMinutes, slowThresholdMs: this.deps.settings.read().bridge.slowQueryMs });
  }

  /**
   * The top statements, or why there are none (the module is not loaded, or its extension cannot be created).
   * The admin's and the data loader's own statements only with `includeAdmin` (they would crowd out the tools').
   */
  async statements(limit: number, includeAdmin = false) {
    const client = await this.deps.admin();
    try {
      const loaded = await preloadLibraries.first(client);
      if (!loaded?.setting.includes('pg_stat_statements')) {
        return { available: false, reason: 'pg_stat_statements is not loaded by this server (shared_preload_libraries).', statements: [] };
      }
      // The extension's view lives in the database; the superuser creates it on first use.
      const created = await enablePgStatStatements.rows(client).then(
        () => null,
        (error: Error) => error.message,
      );
      if (created) return { available: false, reason: `pg_stat_statements cannot be enabled here: ${created}`, statements: [] };
      const rows = await topStatements.rows(client, limit, includeAdmin);
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
  }
}
