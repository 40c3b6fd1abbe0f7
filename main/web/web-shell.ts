import { AppCore, type ShellHost } from '../app/app-core.ts';
import { FileLogger } from '../app/file-logger.ts';
import type { DataPaths } from '../kernel/config/paths.ts';
import { createAppRouter } from '../ipc/handlers.ts';
import { ensureRendererBuilt } from './renderer-build.ts';
import { rememberedPort, rememberPort } from './port-memory.ts';
import { startWebServer, type WebServer } from './server.ts';

/** A browser cannot open the OS file manager: "show file" answers with the path instead. */
const webHost: ShellHost = { kind: 'web', revealFile: async () => false };

export interface WebShell {
  core: AppCore;
  server: WebServer;
  stop(): Promise<void>;
}

/**
 * The whole headless app: the core (database, bridge, …) plus the HTTP server exposing the
 * same handlers. The server is up before the core starts, so the first-run progress shows.
 */
/**
 * `port`: the one to use (0 = any free one); without it, the port of the last run in this data
 * dir when it is free (a tab's address then stays valid), else a free one.
 */
export async function startWebShell(paths: DataPaths, options: { port?: number; echo?: boolean } = {}): Promise<WebShell> {
  const log = new FileLogger(paths.logs, 'main', { echo: options.echo ?? false });
  const rendererDir = await ensureRendererBuilt((line) => log.info(line));
  const core = new AppCore({ paths, host: webHost, log });
  const server = await startWebServer({
    invoke: createAppRouter(core),
    events: core.events,
    rendererDir,
    log,
    ...(options.port !== undefined ? { port: options.port } : { port: rememberedPort(paths) ?? 0, portFallback: true }),
    initialEvents: () => [
      { event: 'app:state-changed', payload: core.state() },
      { event: 'bridge:state-changed', payload: core.bridges.state() },
    ],
  });
  if (options.port === undefined) rememberPort(paths, server.port);
  void core.start();
  let stopping: Promise<void> | undefined;
  return {
    core,
    server,
    stop: () =>
      (stopping ??= (async () => {
        await server.close();
        await core.stop();
      })()),
  };
}
