import type { DatabaseTarget } from '../db/database.ts';
import type { Logger } from './logger.ts';
import type { SearchPort } from './tools/search-tools.ts';

/**
 * Connects the bridge to the search service when it is present. Until it is, the tool
 * answers with a clear UNAVAILABLE error: never invented results.
 */
export async function loadSearchPort(_target: DatabaseTarget, log: Logger): Promise<{ search?: SearchPort; unavailableReason?: string }> {
  log.debug('semantic search not wired yet');
  return { unavailableReason: 'the offline search service is not installed in this build' };
}
