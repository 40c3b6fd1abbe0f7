import type { AppCore } from '../app/app-core.ts';
import type { HandlerGroup } from './router.ts';

/** Performance: per-tool summaries from every bridge's call log, and pg_stat_statements' top statements. */
export function performanceHandlers(core: Pick<AppCore, 'performance'>): HandlerGroup<'performance:get-summary' | 'performance:get-statements'> {
  return {
    'performance:get-summary': ({ windowMinutes }) => core.performance.summary(windowMinutes),
    'performance:get-statements': ({ limit, includeAdmin }) => core.performance.statements(limit, includeAdmin),
  };
}
