import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ToolService } from './tool-service.ts';

/**
 * The MCP SDK's server over the bridge's tool service: tools/list and tools/call go to the
 * service (as a stdio bridge's transport sends them there itself), everything else (resources,
 * prompts, completion, logging) is the SDK's. One per HTTP session; a stdio bridge builds its one
 * only when a client first asks for more than initialize, ping and the tools (cli/serve.ts).
 */
export function createBridgeServer(service: ToolService, extend?: (server: McpServer) => void): McpServer {
  const server = new McpServer(service.serverInfo, {
    capabilities: { tools: { listChanged: false }, resources: {}, prompts: {}, logging: {} },
    instructions: service.instructions,
  });
  server.server.setRequestHandler(ListToolsRequestSchema, async () => service.listTools());
  // tools/call is served as the fallback handler, which gets the request as the transport
  // parsed it: the SDK's own handler for it would run its zod request schema twice and a result
  // schema once per call (a tenth of a light call's CPU here). `toolCall` checks the same shape.
  // McpServer installs its own tools/call handler for the declared capability: it goes.
  server.server.removeRequestHandler('tools/call');
  server.server.fallbackRequestHandler = async (message, extra) => {
    if (message.method !== 'tools/call') throw new McpError(ErrorCode.MethodNotFound, `Method not found: ${message.method}`);
    return service.callTool(message, extra.signal);
  };
  extend?.(server);
  return server;
}
