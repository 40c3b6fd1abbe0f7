import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

/**
 * A minimal MCP Apps host for tests and screenshots: the ext-apps host side (AppBridge) in a
 * page, loading the view into a sandboxed iframe as AI clients do and feeding it one result.
 */
export interface ShowRequest {
  html: string;
  tool: Tool;
  args: Record<string, unknown>;
  result: CallToolResult;
  theme: 'light' | 'dark';
  width: number;
}

declare global {
  interface Window {
    showResult(request: ShowRequest): Promise<void>;
    downloads: { name: string; text: string }[];
  }
}

window.downloads = [];

window.showResult = async ({ html, tool, args, result, theme, width }) => {
  document.querySelector('iframe')?.remove();
  document.documentElement.style.colorScheme = theme;
  document.body.style.background = theme === 'dark' ? '#0f0f12' : '#f5f5f7';
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.title = 'MCP App';
  iframe.style.cssText = `width:${width}px;height:200px;border:1px solid #8886;border-radius:10px;display:block`;
  iframe.srcdoc = html;
  document.body.append(iframe);
  const bridge = new AppBridge(null, { name: 'zava-test-host', version: '1.0.0' }, { downloadFile: {} }, { hostContext: { theme, toolInfo: { tool }, displayMode: 'inline', platform: 'web' } });
  const initialized = new Promise<void>((resolve) => (bridge.oninitialized = () => resolve()));
  bridge.onsizechange = ({ height }) => {
    if (height) iframe.style.height = `${Math.ceil(height) + 2}px`;
  };
  bridge.ondownloadfile = async ({ contents }) => {
    for (const item of contents) {
      if (item.type === 'resource' && 'text' in item.resource) window.downloads.push({ name: item.resource.uri, text: item.resource.text });
    }
    return {};
  };
  await bridge.connect(new PostMessageTransport(iframe.contentWindow!, iframe.contentWindow!));
  await initialized;
  await bridge.sendToolInput({ arguments: args });
  await bridge.sendToolResult(result);
};
