import { z } from 'zod';
import { dataPaths } from '../kernel/config/paths.ts';
import { resolveIdentity } from '../db/identities.ts';
import { startBridgeRuntime } from '../bridge/bridge-runtime.ts';
import { parseFlags } from './args.ts';
import { reportError, UsageError } from './output.ts';
import { LimitedStdioServerTransport } from '../bridge/stdio-transport.ts';

/**
 * `zava-mcp serve --user <identity> [--http [--port N]]`. The identity is resolved before
 * anything else: none, or an unknown one, exits non-zero — the bridge never defaults.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    user: { type: 'string' },
    http: { type: 'boolean', default: false },
    port: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
  });
  const identity = resolveIdentity(values.user);
  const logLevel = z.enum(['debug', 'info', 'warn', 'error']).safeParse(values['log-level']);
  if (!logLevel.success) throw new UsageError('--log-level must be debug, info, warn or error.');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number between 1 and 65535.');

  const paths = dataPaths();
  const runtime = await startBridgeRuntime(paths, identity, { logLevel: logLevel.data, transport: values.http ? 'http' : 'stdio' });
  let closing = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (closing) return;
    closing = true;
    runtime.log.info('bridge stopping', { reason });
    await runtime.close();
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Tools are served while the database opens; if it cannot be opened (no data built, login
  // refused) the bridge says why on stderr and exits non-zero, as it would before serving.
  runtime.ready.catch((error: unknown) => void shutdown('database unavailable', reportError(error)));

  if (values.http) {
    // Loaded only here: a stdio bridge never parses the HTTP server (Hono, Streamable HTTP).
    const { startHttpBridge } = await import('../bridge/http.ts');
    const bridge = await startHttpBridge(runtime, paths, port);
    // The URL goes to stdout for people and scripts; the token stays in the 0600 file.
    process.stdout.write(`${JSON.stringify({ url: bridge.url, tokenFile: `${paths.secrets}/http-token-${identity.slug}` })}\n`);
    runtime.log.info('http bridge listening', { url: bridge.url });
    await new Promise(() => undefined);
    return 0;
  }
  const transport = new LimitedStdioServerTransport(runtime.settings.maxMessageBytes);
  transport.onclose = () => void shutdown('stdin closed');
  process.stdin.on('end', () => void shutdown('stdin ended'));
  // The client's initialize, ping and the tools are answered without the MCP SDK; its modules
  // (≈ 25 ms of a start, its protocol's zod schemas mostly) load when a client first asks for
  // anything else: resources, prompts, completion, logging.
  const { tools } = runtime;
  transport.answerDirectly('initialize', async (request) => tools.initialize(request));
  transport.answerDirectly('ping', async () => ({}));
  transport.answerDirectly('tools/list', async () => tools.listTools());
  transport.answerDirectly('tools/call', tools.callTool);
  transport.ignoreNotification('notifications/initialized');
  transport.onunserved = () => {
    runtime
      .createServer()
      .then((server) => server.connect(transport))
      .catch((error: unknown) => void shutdown('MCP server failed to start', reportError(error)));
  };
  transport.listen();
  await new Promise(() => undefined);
  return 0;
}
