import type { DataPaths } from '../kernel/config/paths.ts';
import { isZavaError, ZavaError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import type { VerifiedQueryIndex } from '../search/verified-queries.ts';
import type { SearchPort } from './tools/search-tools.ts';

/**
 * Connects `semantic_search_products` to the search service with the provider chosen in
 * settings (offline encoder by default; the API key arrives in the environment, never a
 * file). Every search runs on the caller's identity connection, so stock figures cover only
 * the stores RLS lets it see.
 *
 * The search code is imported, and the provider configured, on the first search, not at start:
 * most bridges an AI client launches never search, and their start-up should not parse it.
 * The encoder itself loads on the first search too (≈ 0.3 s, ≈ 70 MiB): sixteen bridges loading
 * it at once starved their queries.
 */
export function lazySearchPort(paths: DataPaths, log: Logger): SearchPort {
  let loading: Promise<SearchPort> | undefined;
  const load = async (): Promise<SearchPort> => {
    const [{ SettingsFile }, { createEmbeddingProvider }, { providerConfigFromSettings }, { createSearchService, toColumnar }] = await Promise.all([
      import('../kernel/config/settings-file.ts'),
      import('../search/provider-config.ts'),
      import('../search/provider-from-settings.ts'),
      import('../search/service.ts'),
    ]);
    let service: ReturnType<typeof createSearchService>;
    try {
      const config = providerConfigFromSettings(new SettingsFile(paths.settings).read().embeddings);
      service = createSearchService({ provider: createEmbeddingProvider(config) });
    } catch (error) {
      const reason = isZavaError(error) ? error.message.replace(/\.$/, '') : String(error);
      log.warn('semantic search unavailable', { reason });
      throw new ZavaError('UNAVAILABLE', `Semantic search is not available: ${reason}.`, {
        hint: 'Use execute_sales_query with ILIKE on retail.products.product_name / product_description meanwhile.',
      });
    }
    return {
      search: async (executor, input, signal) => {
        const result = await executor.readOnly((client) => service.search(client, input, signal), signal);
        const { columns, rows } = toColumnar(result.products);
        const { meaningText, constraints } = result.understood;
        return { columns, rows, path: result.path, model: result.modelId, understood: { meaning_text: meaningText, power_source: constraints.power, setting: constraints.setting } };
      },
    };
  };
  return {
    search: async (executor, input, signal) => {
      // A failed set-up (no vectors for the chosen provider yet) is tried again by the next search.
      const port = await (loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      }));
      return port.search(executor, input, signal);
    },
  };
}

/** The verified-query index over the semantic model's questions, read and built on first use. */
export function lazyVerifiedQueryIndex(cacheFile: string): () => Promise<VerifiedQueryIndex> {
  let index: Promise<VerifiedQueryIndex> | undefined;
  return () =>
    (index ??= Promise.all([import('../db/semantic-model.ts'), import('../search/verified-queries.ts')]).then(
      ([{ loadSemanticModel }, { VerifiedQueryIndex }]) => new VerifiedQueryIndex(loadSemanticModel().verified_queries, { cacheFile }),
    ));
}
