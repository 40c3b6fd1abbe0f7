import { z } from 'zod';
import { startupNarrator } from '../app/startup-narrator.ts';
import type { AppState } from '../kernel/contract.ts';
import { dataPaths } from '../kernel/config/paths.ts';
import { startWebShell } from '../web/web-shell.ts';
import { parseFlags } from './args.ts';
import { progressLine, UsageError } from './output.ts';

const portSchema = z.coerce.number().int().min(0).max(65535);

/**
 * `zava-mcp web [--port N]`: the dashboard for a browser on 127.0.0.1, with a per-run token.
 * Without --port it keeps the last run's port when free. Prints the URL (with its token) on
 * stdout at once, the start-up's progress on stderr, and one `ready:` line with the URL when
 * the app is ready; runs until interrupted.
 */
export async function webCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { port: { type: 'string' } });
  const port = values.port === undefined ? undefined : portSchema.safeParse(values.port);
  if (port && !port.success) throw new UsageError('--port must be a number between 0 and 65535 (0 picks a free one).');
  const shell = await startWebShell(dataPaths(), { ...(port ? { port: port.data } : {}), echo: false });
  const url = shell.server.loginUrl;
  process.stdout.write(`Zava MCP Desktop dashboard: ${url}\n`);
  progressLine(`web: serving on 127.0.0.1:${shell.server.port} (data dir ${shell.core.paths.root}); open the URL above to watch the start-up; Ctrl+C stops it.`);
  const narrate = startupNarrator(() => `ready: Zava MCP Desktop is ready ({elapsed}): ${url}`);
  const say = (state: AppState) => {
    for (const line of narrate(state)) {
      // The closing line goes to stdout with the URL (what a user or script waits for); progress to stderr.
      if (line.startsWith('ready:')) process.stdout.write(`${line}\n`);
      else progressLine(`web: ${line}`);
    }
  };
  say(shell.core.state());
  shell.core.events.subscribe((event, payload) => {
    if (event === 'app:state-changed') say(payload as AppState);
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      progressLine(`web: ${signal}: stopping the bridge and the database…`);
      void shell.stop().then(() => {
        // Everything we started is stopped; do not let a stray handle keep the process alive.
        setTimeout(() => process.exit(0), 2_000).unref();
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
