import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(REPO_ROOT, 'bin', 'zava-mcp.mjs');

/** A real bridge child process over stdio with the SDK client connected to it. */
export interface BridgeHandle {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
  pid: number | null;
  close(): Promise<void>;
}

export async function startBridge(dataDir: string, user: string, extraEnv: Record<string, string> = {}): Promise<BridgeHandle> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'serve', '--user', user],
    env: { ...(process.env as Record<string, string>), ZAVA_DATA_DIR: dataDir, ...extraEnv },
    stderr: 'pipe',
    cwd: REPO_ROOT,
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'zava-test', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    transport,
    stderr: () => stderr,
    pid: transport.pid,
    close: async () => {
      await client.close().catch(() => undefined);
    },
  };
}

/** Calls a tool and returns its structured content, failing loudly on isError. */
export async function callOk(client: Client, name: string, args: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Record<string, any>;
}

/** Calls a tool that must fail and returns the error payload ({ code, message, hint, sqlState }). */
export async function callError(client: Client, name: string, args: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const result = await client.callTool({ name, arguments: args });
  if (!result.isError) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(result.structuredContent).slice(0, 500)}`);
  return (result.structuredContent as { error: Record<string, any> }).error;
}
