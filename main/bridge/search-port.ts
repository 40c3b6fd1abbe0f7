import { SettingsFile } from '../kernel/config/settings-file.ts';
import type { DatabaseTarget } from '../db/database.ts';
import { isZavaError } from '../kernel/errors.ts';
import { createEmbeddingProvider } from '../search/provider-config.ts';
import { providerConfigFromSettings } from '../search/provider-from-settings.ts';
import { createSearchService, toColumnar } from '../search/service.ts';
import type { Logger } from '../kernel/logger.ts';
import type { SearchPort } from './tools/search-tools.ts';

/**
 * Connects `semantic_search_products` to the search service with the provider chosen in
 * settings (offline encoder by default; the API key arrives in the environment, never a
 * file). Every search runs on the
 * caller's identity connection, so stock figures cover only the stores RLS lets it see.
 */
export async function loadSearchPort(target: DatabaseTarget, log: Logger): Promise<{ search?: SearchPort; unavailableReason?: string }> {
  let service;
  try {
    const config = providerConfigFromSettings(new SettingsFile(target.paths.settings).read().embeddings);
    service = createSearchService({ provider: createEmbeddingProvider(config) });
  } catch (error) {
    const reason = isZavaError(error) ? error.message.replace(/\.$/, '') : String(error);
    log.warn('semantic search unavailable', { reason });
    return { unavailableReason: reason };
  }
  // The encoder loads on the first search (≈ 0.3 s, ≈ 70 MiB), not at start: most bridges an AI
  // client launches never search, and sixteen bridges loading it at once starved their queries.
  return {
    search: {
      search: async (executor, input, signal) => {
        const result = await executor.readOnly((client) => service.search(client, input, signal), signal);
        const { columns, rows } = toColumnar(result.products);
        const { meaningText, constraints } = result.understood;
        return { columns, rows, path: result.path, model: result.modelId, understood: { meaning_text: meaningText, power_source: constraints.power, setting: constraints.setting } };
      },
    },
  };
}
