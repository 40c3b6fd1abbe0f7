import path from 'node:path';
import type { DataPaths } from '../kernel/config/paths.ts';
import { identityConfig, openDatabase, type DatabaseTarget } from '../db/database.ts';
import type { Identity } from '../db/identities.ts';
import { ZavaError } from '../kernel/errors.ts';
import { assertSecretsPrivate } from '../db/secrets.ts';
import { ResultCache } from './cache.ts';
import type { QueryExecutor, QueryResult } from './executor.ts';
import { RecoveringExecutor } from './database-recovery.ts';
import type { Logger, LogLevel } from '../kernel/logger.ts';
import { JsonLogger } from './json-logger.ts';
import { MetricsRecorder } from './metrics.ts';
import { registerPrompts } from './prompts.ts';
import { registerResources } from './resources.ts';
import { RESULT_VIEW_FILE, registerResultView } from './apps/result-view.ts';
import fs from 'node:fs';
import { announceBridge } from './registry.ts';
import { createBridgeServer } from './server.ts';
import { loadBridgeSettings, type BridgeSettings } from '../kernel/config/bridge-settings.ts';
import { loadSemanticModel } from '../db/semantic-model.ts';
import { VerifiedQueryIndex } from '../search/verified-queries.ts';
import { analyticsTools } from './tools/analytics-tools.ts';
import { answerTools } from './tools/answer-tools.ts';
import { salesTools } from './tools/sales-tools.ts';
import { schemaTools } from './tools/schema-tools.ts';
import { loadSearchPort } from './search-port.ts';
import { searchTools } from './tools/search-tools.ts';
import { loadStatementParser } from './statement-kind.ts';

export const BRIDGE_VERSION = '0.1.0';

/** Everything one bridge process holds: database lease, the identity's pool, cache, metrics. */
export interface BridgeRuntime {
  identity: Identity;
  settings: BridgeSettings;
  target: DatabaseTarget;
  executor: QueryExecutor;
  log: Logger;
  /** A fresh MCP server over the shared runtime (one per HTTP session, one for stdio). */
  createServer: () => ReturnType<typeof createBridgeServer>;
  close: () => Promise<void>;
}

/**
 * Opens the database (attaching to the app's server or starting it), logs in as the
 * identity's own role and proves the login works, before any MCP traffic is accepted.
 */
export async function startBridgeRuntime(
  paths: DataPaths,
  identity: Identity,
  options: { logLevel?: LogLevel; transport?: 'stdio' | 'http' } = {},
): Promise<BridgeRuntime> {
  const log = new JsonLogger({ component: 'bridge', identity: identity.slug, pid: process.pid }, paths.logs, options.logLevel ?? 'info', `bridge-${identity.slug}.log`);
  assertSecretsPrivate(paths.secrets);
  const settings = loadBridgeSettings(paths);
  const target = await openDatabase(paths, { onLog: (line) => log.debug(line) });
  let executor: QueryExecutor | undefined;
  try {
    executor = new RecoveringExecutor(identityConfig(target, identity), settings, `zava-mcp:${identity.slug}`, target, log);
    await executor.run('SELECT 1').catch((error: ZavaError) => {
      throw new ZavaError('UNAVAILABLE', `Cannot log in as ${identity.slug} (${identity.role}): ${error.message}`, {
        hint: 'Build the database first with `zava-mcp db reset --yes`, or check that ZAVA_DATA_DIR points at the app’s data.',
        cause: error,
      });
    });
  } catch (error) {
    await executor?.close().catch(() => undefined);
    await target.engine?.release();
    throw error;
  }
  const ready = executor;
  const cache = new ResultCache<QueryResult>(settings.cache, path.join(paths.run, 'build-id'));
  const metrics = new MetricsRecorder(paths.metrics, paths.logs, settings.slowQueryMs);
  const search = await loadSearchPort(target, log);
  // The question vectors are shared by every bridge of this data dir through a small cache file.
  const verifiedQueries = new VerifiedQueryIndex(loadSemanticModel().verified_queries, { cacheFile: path.join(paths.run, 'verified-question-vectors.json') });
  // The SQL parser (WebAssembly, ≈ 70 ms) warms up once the bridge is ready, off the start-up
  // path; a first execute_sales_query that comes sooner waits for the same load.
  setImmediate(() => void loadStatementParser().catch((error: Error) => log.error('SQL parser failed to load', { message: error.message })));
  const tools = [
    ...answerTools({ executor: ready, index: verifiedQueries }),
    ...schemaTools({ executor: ready, identity }),
    ...salesTools({ executor: ready, identity, cache, settings }),
    ...searchTools({ executor: ready, ...search }),
    ...analyticsTools({ executor: ready }),
  ];
  if (!fs.existsSync(RESULT_VIEW_FILE)) log.warn('MCP App view missing: results are sent as text only; run `npm run build:apps`', { file: RESULT_VIEW_FILE });
  const withdraw = announceBridge(paths, { identity: identity.slug, transport: options.transport ?? 'stdio' });
  log.info('bridge ready', { database: `${target.kind}:${target.port}`, rowCap: settings.rowCap, timeoutMs: settings.statementTimeoutMs });
  return {
    identity,
    settings,
    target,
    executor: ready,
    log,
    createServer: () =>
      createBridgeServer({
        identity,
        tools,
        metrics,
        log,
        version: BRIDGE_VERSION,
        extend: (server) => {
          registerResources(server, { identity, executor: ready });
          registerResultView(server);
          registerPrompts(server, { executor: ready });
        },
      }),
    close: async () => {
      withdraw();
      metrics.close();
      await ready.close().catch(() => undefined);
      await target.engine?.release().catch(() => undefined);
    },
  };
}
