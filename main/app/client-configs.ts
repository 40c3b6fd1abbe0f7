import os from 'node:os';
import path from 'node:path';
import type { ClientKind } from '../kernel/contract.ts';

/** Where Claude Desktop keeps its config on each OS. */
export function claudeConfigPath(platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  if (platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
  return path.join(home, '.config', 'Claude', 'claude_desktop_config.json');
}

export const CLIENT_TITLES: Record<ClientKind, string> = { claude: 'Claude Desktop', vscode: 'VS Code', cursor: 'Cursor' };

/** Where each client reads the snippet, in words a user can follow on this OS. */
export function configFileHint(client: ClientKind): string {
  if (client === 'claude') return `${claudeConfigPath()} (Claude Desktop → Settings → Developer → Edit Config)`;
  if (client === 'vscode') return '.vscode/mcp.json in your workspace (or "MCP: Open User Configuration")';
  return '.cursor/mcp.json in your project, or ~/.cursor/mcp.json for every project';
}
