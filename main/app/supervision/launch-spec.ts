import path from 'node:path';
import { APP_ROOT } from '../../kernel/config/app-root.ts';
import type { LaunchSpec } from '../../kernel/contract.ts';


/** The `zava-mcp` entry script the bridge runs from. */
export function bridgeEntry(root = APP_ROOT): string {
  return path.join(root, 'bin', 'zava-mcp.mjs');
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
  const root = options.root ?? APP_ROOT;
  // In the packaged app tsx's esbuild binary must be spawned from app.asar.unpacked (spawn ignores asar).
  if (/app\.asar$/.test(root)) env.ESBUILD_BINARY_PATH = esbuildBinary(root.replace(/app\.asar$/, 'app.asar.unpacked'));
  return { command: options.execPath ?? process.execPath, args, env };
}

function esbuildBinary(unpackedRoot: string): string {
  const exe = process.platform === 'win32' ? 'esbuild.exe' : path.join('bin', 'esbuild');
  return path.join(unpackedRoot, 'node_modules', '@esbuild', `${process.platform}-${process.arch}`, exe);
}

/** ZAVA_* variables of this process that a child bridge must see too (external database, binary overrides). */
export function inheritedZavaEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (key.startsWith('ZAVA_') && value) out[key] = value;
  return out;
}
