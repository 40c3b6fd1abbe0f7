import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { DataPaths } from '../kernel/config/paths.ts';
import { identityConfig, openDatabase, type DatabaseTarget } from '../db/database.ts';
import type { Identity } from '../db/identities.ts';
import { ZavaError } from '../kernel/errors.ts';
import { saveStartupCodeCache } from '../kernel/code-cache.ts';
import { assertSecretsPrivate } from '../db/secrets.ts';
import { ResultCache } from './cache.ts';
import { PendingExecutor, type QueryExecutor, type QueryResult } from './executor.ts';
import { RecoveringExecutor } from './database-recovery.ts';
import type { Logger, LogLevel } from '../kernel/logger.ts';
import { JsonLogger } from './json-logger.ts';
import { MetricsRecorder } from './metrics.ts';
import { RESULT_VIEW_FILE, registerResultView } from './apps/result-view.ts';
import { announceBridge } from './registry.ts';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createToolService, type ToolService } from './tool-service.ts';
import { loadBridgeSettings, type BridgeSettings } from '../kernel/config/bridge-settings.ts';
import { analyticsTools } from './tools/analytics-tools.ts';
import { answerTools } from './tools/answer-tools.ts';
import { salesTools } from './tools/sales-tools.ts';
import { schemaTools } from './tools/schema-tools.ts';
import { lazySearchPort, lazyVerifiedQueryIndex } from './search-port.ts';
import { searchTools } from './tools/search-tools.ts';
import { loadStatementParser } from './statement-kind.ts';

export const BRIDGE_VERSION = '0.1.0';
/** A stdio bridge whose client has not listed the tools or called one by then opens the database anyway. */
const OPEN_DATABASE_AFTER_MS = 150;

/** Everything one bridge process holds: database lease, the identity's pool, cache, metrics. */
export interface BridgeRuntime {
  identity: Identity;
  settings: BridgeSettings;
  /** The identity's executor; calls made before the database is open wait for it. */
  executor: QueryExecutor;
  log: Logger;
  /**
   * Settles once the database is open and the identity's login is proven; rejects with the
   * reason the bridge cannot serve (no database built, login refused), which ends the bridge.
   */
  ready: Promise<void>;
  /** The tools, served without the MCP SDK (a stdio bridge's initialize, tools/list and tools/call). */
  tools: ToolService;
  /**
   * A fresh MCP SDK server over the shared runtime (one per HTTP session; a stdio bridge's one,
   * when a client asks for more than the tools). The SDK's modules load on the first call.
   */
  createServer: () => Promise<McpServer>;
  close: () => Promise<void>;
}

/**
 * Resolves everything a client sees before its first call (identity, settings, tools) at once,
 * and opens the database in the background: attaching to the app's server or starting it, then
 * logging in as the identity's own role to prove the login works. A client's `initialize` and
 * `tools/list` are answered meanwhile; a tool call waits for the login. If the database cannot
 * be opened, `ready` rejects with the reason and the bridge exits non-zero (cli/serve.ts).
 */
export async function startBridgeRuntime(
  paths: DataPaths,
  identity: Identity,
  options: { logLevel?: LogLevel; transport?: 'stdio' | 'http' } = {},
): Promise<BridgeRuntime> {
  const log = new JsonLogger({ component: 'bridge', identity: identity.slug, pid: process.pid }, paths.logs, options.logLevel ?? 'info', `bridge-${identity.slug}.log`);
  assertSecretsPrivate(paths.secrets);
  const settings = loadBridgeSettings(paths);
  // The SQL parser (WebAssembly, ≈ 70 ms) loads off the start-up path: once the tools have been
  // listed (a call is likely next) or the database is open, whichever comes first; a first
  // execute_sales_query that comes sooner waits for the same load.
  const warmParser = () => {
    // Start-up is done: the next launch's code cache holds what it compiled. Written before the
    // parser's load and the flag set below, which change V8's flags (a cache made under other
    // flags is rejected).
    saveStartupCodeCache();
    void loadStatementParser().catch((error: Error) => log.error('SQL parser failed to load', { message: error.message }));
  };
  let target: DatabaseTarget | undefined;
  // A stdio client's initialize and tools/list are answered before the database is opened (its
  // files, a login with SCRAM: ≈ 15–25 ms of this thread's time that would otherwise come
  // between them), then it opens while the client reads the list. A call that comes first, or a
  // client that says nothing for a while, opens it at once. HTTP opens it at once.
  let openingBegun = false;
  let allowOpening!: () => void;
  const openingAllowed = new Promise<void>((resolve) => (allowOpening = resolve));
  const beginOpening = () => {
    openingBegun = true;
    allowOpening();
  };
  if (options.transport === 'http') beginOpening();
  else setTimeout(beginOpening, OPEN_DATABASE_AFTER_MS).unref();
  const opening = (async () => {
    await openingAllowed;
    target = await openDatabase(paths, { onLog: (line) => log.debug(line) });
    const executor = new RecoveringExecutor(identityConfig(target, identity), settings, `zava-mcp:${identity.slug}`, target, log);
    try {
      await executor.run('SELECT 1').catch((error: ZavaError) => {
        throw new ZavaError('UNAVAILABLE', `Cannot log in as ${identity.slug} (${identity.role}): ${error.message}`, {
          hint: 'Build the database first with `zava-mcp db reset --yes`, or check that ZAVA_DATA_DIR points at the app’s data.',
          cause: error,
        });
      });
    } catch (error) {
      await executor.close().catch(() => undefined);
      throw error;
    }
    log.info('bridge ready', { database: `${target.kind}:${target.port}`, rowCap: settings.rowCap, timeoutMs: settings.statementTimeoutMs });
    saveStartupCodeCache();
    // From here on V8 gives each function baseline (Sparkplug) code at its first call rather than
    // after it has warmed up in the interpreter: 4 fresh bridges × 50 light calls ran about 5%
    // faster (4 of 4 alternating runs). Not before: set at launch it slowed start-up by 45–65 ms.
    v8.setFlagsFromString('--always-sparkplug');
    setTimeout(warmParser, 20).unref();
    return executor;
  })();
  const opened = opening.catch(async (error: unknown) => {
    await target?.engine?.release().catch(() => undefined);
    throw error;
  });
  const ready = new PendingExecutor(opened, beginOpening);
  const cache = new ResultCache<QueryResult>(settings.cache, path.join(paths.run, 'build-id'));
  const metrics = new MetricsRecorder(paths.metrics, paths.logs, settings.slowQueryMs);
  const tools = [
    // The question vectors are shared by every bridge of this data dir through a small cache file.
    ...answerTools({ executor: ready, index: lazyVerifiedQueryIndex(path.join(paths.run, 'verified-question-vectors.json')) }),
    ...schemaTools({ executor: ready, identity }),
    ...salesTools({ executor: ready, identity, cache, settings }),
    ...searchTools({ executor: ready, search: lazySearchPort(paths, log) }),
    ...analyticsTools({ executor: ready }),
  ];
  const service = createToolService({
    identity,
    tools,
    metrics,
    log,
    version: BRIDGE_VERSION,
    onToolsListed: () => {
      beginOpening();
      warmParser();
    },
  });
  if (!fs.existsSync(RESULT_VIEW_FILE)) log.warn('MCP App view missing: results are sent as text only; run `npm run build:apps`', { file: RESULT_VIEW_FILE });
  const withdraw = announceBridge(paths, { identity: identity.slug, transport: options.transport ?? 'stdio' });
  return {
    identity,
    settings,
    executor: ready,
    log,
    ready: opened.then(() => undefined),
    tools: service,
    createServer: async () => {
      const [{ createBridgeServer }, { registerResources }, { registerPrompts }] = await Promise.all([import('./server.ts'), import('./resources.ts'), import('./prompts.ts')]);
      return createBridgeServer(service, (server) => {
        registerResources(server, { identity, executor: ready });
        registerResultView(server);
        registerPrompts(server, { executor: ready });
      });
    },
    close: async () => {
      withdraw();
      metrics.close();
      // A bridge closed before it began opening the database has nothing to close there.
      if (!openingBegun) return;
      const executor = await opened.catch(() => undefined);
      await executor?.close().catch(() => undefined);
      await target?.engine?.release().catch(() => undefined);
    },
  };
}
