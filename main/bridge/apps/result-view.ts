import fs from 'node:fs';
import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { APP_ROOT } from '../../kernel/config/app-root.ts';
import { ZavaError } from '../../kernel/errors.ts';

/**
 * The MCP App (io.modelcontextprotocol/ui) that charts query results inside the AI client.
 * Its one HTML document is built from apps/result-view/ into resources/apps/ and committed,
 * so the bridge serves it without a build step.
 */
export const RESULT_VIEW_URI = 'ui://zava/result-view.html';

// The MCP Apps extension's names, as @modelcontextprotocol/ext-apps/server exports them (a test
// checks they still agree). Not imported from there: that module builds the extension's whole
// zod protocol when loaded, ≈ 12 ms of every bridge's start, for two strings.
export const RESOURCE_MIME_TYPE = 'text/html;profile=mcp-app';
export const RESOURCE_URI_META_KEY = 'ui/resourceUri';
export const RESULT_VIEW_FILE = path.join(APP_ROOT, 'resources', 'apps', 'result-view.html');

/** Tool `_meta` linking a tool to the view: the current key and the older flat one hosts still read. */
export const resultViewMeta = { ui: { resourceUri: RESULT_VIEW_URI }, [RESOURCE_URI_META_KEY]: RESULT_VIEW_URI } as const;

/** The view's HTML, or a clear error saying how to build it. */
export function readResultView(file = RESULT_VIEW_FILE): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ZavaError('UNAVAILABLE', `The result view of the MCP App is missing (${file} could not be read).`, {
      hint: 'Build it with `npm run build:apps` (a checkout ships it built; reinstall the app otherwise). Tool results still arrive as text.',
      cause: error,
    });
  }
}

/** Self-contained: no network origin at all, so the host's CSP can stay closed. */
const VIEW_RESOURCE_META = { ui: { csp: { connectDomains: [], resourceDomains: [] }, prefersBorder: true } };

export function registerResultView(server: McpServer): void {
  server.registerResource(
    'result-view',
    RESULT_VIEW_URI,
    {
      title: 'Result view',
      description: 'Charts, a sortable table and CSV download for query, store performance and product search results (MCP App).',
      mimeType: RESOURCE_MIME_TYPE,
      _meta: VIEW_RESOURCE_META,
    },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: RESOURCE_MIME_TYPE, text: readResultView(), _meta: VIEW_RESOURCE_META }] }),
  );
}
