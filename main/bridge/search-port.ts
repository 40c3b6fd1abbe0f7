import type { DatabaseTarget } from '../db/database.ts';
import { createSearchService, toColumnar } from '../search/service.ts';
import type { Logger } from './logger.ts';
import type { SearchPort } from './tools/search-tools.ts';

/**
 * Connects `semantic_search_products` to the search service. The offline encoder loads in
 * the background right after start, so the first search does not pay for it in full.
 * Every search runs on the caller's identity connection (RLS covers the stock figures).
 */
export async function loadSearchPort(_target: DatabaseTarget, log: Logger): Promise<{ search?: SearchPort; unavailableReason?: string }> {
  const service = createSearchService();
  const began = performance.now();
  service.warmUp().then(
    () => log.info('search encoder warm', { ms: Math.round(performance.now() - began), model: service.provider.modelId }),
    (error: Error) => log.warn('search encoder failed to load', { message: error.message }),
  );
  return {
    search: {
      search: async (executor, input, signal) => {
        const result = await executor.readOnly((client) => service.search(client, input, signal), signal);
        const { columns, rows } = toColumnar(result.products);
        return { columns, rows, path: result.path, model: result.modelId };
      },
    },
  };
}
