import type pg from 'pg';
import type { Settings } from '../kernel/config/settings-schema.ts';
import { embeddingsStatus, searchStatus } from '../search/status.ts';

/** What the app can say about the embeddings provider. */
export interface EmbeddingsStatus {
  status: 'ok' | 'warn' | 'error' | 'unavailable';
  summary: string;
  details: Record<string, string | number | boolean | null>;
  error?: string;
}

/**
 * Probes embeddings for Health with the search service's own checks: whether the provider
 * can work in this process (the offline encoder's weights are installed), and whether the
 * database holds a complete vector set for it and which path (HNSW, exact scan) serves it.
 */
export async function probeEmbeddings(admin: () => Promise<pg.Client>, settings: Settings): Promise<EmbeddingsStatus> {
  const details: EmbeddingsStatus['details'] = { configuredProvider: settings.embeddings.provider };
  const provider = await embeddingsStatus();
  Object.assign(details, { provider: provider.provider, model: provider.model ?? null });
  if (!provider.ok) return { status: 'error', summary: `The ${provider.provider} provider cannot run here.`, details, error: provider.reason ?? 'no reason given' };
  let client: pg.Client | undefined;
  try {
    client = await admin();
    const search = await searchStatus(client);
    Object.assign(details, { path: search.path, vectorsStored: search.vectorsStored, products: search.products, dimensions: search.dimensions });
    if (!search.ok) return { status: 'error', summary: 'Product vectors are not ready.', details, error: search.reason ?? 'unknown reason' };
    const note = settings.embeddings.provider !== provider.provider ? ` (settings ask for ${settings.embeddings.provider}; the bridges use ${provider.provider})` : '';
    return {
      status: 'ok',
      summary: `${search.provider} · ${search.model}: ${search.vectorsStored} of ${search.products} products embedded, served by ${search.path}${note}.`,
      details,
    };
  } catch (error) {
    return { status: 'error', summary: 'The search status check failed.', details, error: (error as Error).message };
  } finally {
    await client?.end().catch(() => undefined);
  }
}
