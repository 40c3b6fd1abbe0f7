import { z } from 'zod';
import { dataPaths } from '../kernel/config/paths.ts';
import { startWebShell } from '../web/web-shell.ts';
import { parseFlags } from './args.ts';
import { progressLine, UsageError } from './output.ts';

const portSchema = z.coerce.number().int().min(0).max(65535);

/**
 * `zava-mcp web [--port N]`: the dashboard for a browser on 127.0.0.1, with a per-run token.
 * Prints the URL (with its token) on stdout, and runs until interrupted.
 */
export async function webCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { port: { type: 'string' } });
  const port = portSchema.safeParse(values.port ?? 0);
  if (!port.success) throw new UsageError('--port must be a number between 0 and 65535 (0 picks a free one).');
  const shell = await startWebShell(dataPaths(), { port: port.data, echo: false });
  process.stdout.write(`Zava MCP Desktop dashboard: ${shell.server.loginUrl}\n`);
  progressLine(`web: serving on 127.0.0.1:${shell.server.port} (data dir ${shell.core.paths.root}); Ctrl+C stops it.`);
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
