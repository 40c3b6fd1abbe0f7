import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { build } from 'esbuild';
import type { Frame, Page } from 'playwright-core';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';

/** The test host page (apps/test-host/host.ts bundled with esbuild: ext-apps' AppBridge and a sandboxed iframe). */
export async function appHostPage(): Promise<string> {
  const out = await build({ entryPoints: [path.join(APP_ROOT, 'apps', 'test-host', 'host.ts')], bundle: true, write: false, format: 'iife', target: 'chrome120', logLevel: 'silent' });
  const script = out.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
  return `<!doctype html><html><head><meta charset="utf-8"><title>MCP App test host</title></head><body style="margin:0;padding:16px;font-family:system-ui"><script>${script}</script></body></html>`;
}

/**
 * Calls a tool on the real bridge, reads the view the tool links to, and shows the result in
 * the host page; resolves with the view's frame once it has drawn.
 */
export async function showToolResult(page: Page, client: Client, name: string, args: Record<string, unknown>, theme: 'light' | 'dark' = 'light', width = 760): Promise<{ frame: Frame; result: CallToolResult }> {
  const { tools } = await client.listTools();
  const tool = tools.find((t) => t.name === name) as Tool | undefined;
  if (!tool) throw new Error(`the bridge lists no tool ${name}`);
  const uri = (tool._meta as { ui?: { resourceUri?: string } } | undefined)?.ui?.resourceUri;
  if (!uri) throw new Error(`${name} links no MCP App view`);
  const resource = await client.readResource({ uri });
  const html = (resource.contents[0] as { text: string }).text;
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  await page.evaluate((request) => (globalThis as unknown as HostWindow).showResult(request), { html, tool, args, result, theme, width });
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  if (!frame) throw new Error('the view frame did not load');
  await frame.waitForSelector('#view[data-state="ready"], #view[data-state="error"]', { timeout: 15_000 });
  return { frame, result };
}

/** What the host page puts on `window` (apps/test-host/host.ts). */
export interface HostWindow {
  showResult(request: unknown): Promise<void>;
  downloads: { name: string; text: string }[];
}
