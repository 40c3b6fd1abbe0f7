import { reportError, UsageError } from './output.ts';

const USAGE = `zava-mcp — Zava MCP Desktop command line

  zava-mcp status [--json]                       probe database, data, embeddings, bridge (exit 0 when healthy)
  zava-mcp db reset [--scale tiny|small|default|large] [--seed N] [--as-of YYYY-MM-DD] [--port N] [--yes] [--json]
  zava-mcp db start [--port N] | db stop         keep the embedded server running / stop it
  zava-mcp users [--json]                        identities and the stores each may see
  zava-mcp serve --user <identity> [--http [--port N]]   the MCP bridge (stdio, or Streamable HTTP on 127.0.0.1)

  zava-mcp stats [--json]                        per-tool performance of every bridge process
  zava-mcp client-config --client claude|vscode|cursor [--user <identity>]   a config snippet with absolute paths
  zava-mcp embeddings build                      compute product vectors for the provider chosen in settings
  zava-mcp web [--port N]                        the dashboard in a browser (127.0.0.1, per-run token)
  zava-mcp start                                 the desktop app (or, without Electron/display, the web dashboard)

Environment: ZAVA_DATA_DIR (cluster, secrets, logs), ZAVA_DATABASE_URL (use an existing PostgreSQL), ZAVA_PG_PORT.
`;

type Command = (args: string[]) => Promise<number>;

// Each command loads only its own modules: a bridge (`serve`) never parses the dataset
// generator, the web server or the embeddings job, which keeps its start-up short.
const COMMANDS: Record<string, Command> = {
  status: (args) => import('./status.ts').then((m) => m.statusCommand(args)),
  serve: (args) => import('./serve.ts').then((m) => m.serveCommand(args)),
  stats: (args) => import('./stats.ts').then((m) => m.statsCommand(args)),
  'client-config': (args) => import('./client-config.ts').then((m) => m.clientConfigCommand(args)),
  db: (args) => import('./db.ts').then((m) => m.dbCommand(args)),
  users: (args) => import('./users.ts').then((m) => m.usersCommand(args)),
  embeddings: (args) => import('./embeddings.ts').then((m) => m.embeddingsCommand(args)),
  web: (args) => import('./web.ts').then((m) => m.webCommand(args)),
  start: (args) => import('./start.ts').then((m) => m.startCommand(args)),
  help: async () => {
    process.stdout.write(USAGE);
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`Unknown command "${name}".`);
  return command(args);
}

/**
 * Runs the command line. Exported rather than run on import: bin/zava-mcp.mjs loads the
 * bundle while it checks that the bundle matches the sources, and only then starts it.
 */
export function runCli(argv: string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(error);
    },
  );
}
