import path from 'node:path';
import { z } from 'zod';
import type { Identity } from '../db/identities.ts';
import { APP_ROOT } from '../kernel/config/app-root.ts';

export const clientKindSchema = z.enum(['claude', 'vscode', 'cursor'], {
  error: (issue) => `Unknown client "${String(issue.input)}": use claude, vscode or cursor.`,
});
export type ClientKind = z.infer<typeof clientKindSchema>;

/** How the bridge is launched: `node bin/zava-mcp.mjs` in a checkout, the app's own binary when packaged. */
export interface BridgeLauncher {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

// In a packaged app, the plain-file copy beside the prebuilt bundle (see electron-builder.yml).
export const REPO_BIN = path.join(APP_ROOT.replace(/app\.asar$/, 'app.asar.unpacked'), 'bin', 'zava-mcp.mjs');

export function defaultLauncher(): BridgeLauncher {
  return { command: process.execPath, args: [REPO_BIN] };
}

export interface ClientConfigOptions {
  dataDir: string;
  launcher?: BridgeLauncher;
  /** When the HTTP bridge runs: VS Code can use it directly. */
  http?: { url: string; token: string };
}

/** What to paste where: the file name the client reads and the JSON to put in it. */
export interface ClientConfig {
  client: ClientKind;
  file: string;
  config: Record<string, unknown>;
}

/**
 * A ready-to-paste MCP client config for one identity. Absolute paths only: Claude Desktop
 * does not search PATH reliably, and the data dir must be the app's so the bridge attaches.
 */
export function clientConfig(client: ClientKind, identity: Identity, options: ClientConfigOptions): ClientConfig {
  const launcher = options.launcher ?? defaultLauncher();
  const name = `zava-${identity.slug}`;
  const stdio = {
    command: launcher.command,
    args: [...launcher.args, 'serve', '--user', identity.slug],
    env: { ...launcher.env, ZAVA_DATA_DIR: options.dataDir },
  };
  switch (client) {
    case 'claude':
      return { client, file: 'claude_desktop_config.json', config: { mcpServers: { [name]: stdio } } };
    case 'cursor':
      return { client, file: '.cursor/mcp.json', config: { mcpServers: { [name]: stdio } } };
    case 'vscode':
      return {
        client,
        file: '.vscode/mcp.json',
        config: {
          servers: {
            [name]: options.http
              ? { type: 'http', url: options.http.url, headers: { Authorization: `Bearer ${options.http.token}` } }
              : { type: 'stdio', ...stdio },
          },
        },
      };
  }
}
