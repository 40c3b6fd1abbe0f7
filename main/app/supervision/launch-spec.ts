import path from 'node:path';
import { APP_ROOT } from '../../kernel/config/app-root.ts';
import type { LaunchSpec } from '../../kernel/contract.ts';


/**
 * The `zava-mcp` entry script the bridge runs from. In the packaged app that is the copy in
 * app.asar.unpacked: plain files beside the prebuilt bundle (dist/cli), sql/ and resources/,
 * so the bridge reads nothing through Electron's asar layer (and plain Node can run it too).
 */
export function bridgeEntry(root = APP_ROOT): string {
  return path.join(root.replace(/app\.asar$/, 'app.asar.unpacked'), 'bin', 'zava-mcp.mjs');
}

export interface LaunchOptions {
  /** Identity slug or manager UUID passed to `--user`. */
  identity: string;
  /** The data dir the bridge must use (absolute). */
  dataDir: string;
  /** Run the Streamable HTTP transport on this port instead of stdio. */
  httpPort?: number;
  /** Overrides for tests and the packaged app. */
  execPath?: string;
  isElectron?: boolean;
  root?: string;
}

/**
 * How to start the bridge, with absolute paths: the same spec the app spawns and the client
 * configs hand to Claude Desktop, VS Code and Cursor. Under Electron the app's own binary
 * runs as plain Node (`ELECTRON_RUN_AS_NODE=1`), so no separate Node install is needed.
 */
export function bridgeLaunchSpec(options: LaunchOptions): LaunchSpec {
  const isElectron = options.isElectron ?? Boolean(process.versions.electron);
  const args = [bridgeEntry(options.root), 'serve', '--user', options.identity];
  if (options.httpPort !== undefined) args.push('--http', '--port', String(options.httpPort));
  const env: Record<string, string> = { ZAVA_DATA_DIR: path.resolve(options.dataDir) };
  if (isElectron) env.ELECTRON_RUN_AS_NODE = '1';
  return { command: options.execPath ?? process.execPath, args, env };
}

/** ZAVA_* variables of this process that a child bridge must see too (external database, binary overrides). */
export function inheritedZavaEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (key.startsWith('ZAVA_') && value) out[key] = value;
  return out;
}
