import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { DataPaths } from '../kernel/config/paths.ts';
import { LOCAL_HTTP_TIMEOUTS } from '../kernel/config/http-timeouts.ts';
import { readOrCreateSecret } from '../db/secrets.ts';
import type { BridgeRuntime } from './bridge-runtime.ts';
import { formatBytes } from './stdio-transport.ts';

export interface HttpBridge {
  url: string;
  port: number;
  token: string;
  close: () => Promise<void>;
}

/** The bearer token of one identity's HTTP endpoint, 0600 in the data dir, stable across restarts. */
export function httpToken(paths: DataPaths, slug: string): string {
  return readOrCreateSecret(path.join(paths.secrets, `http-token-${slug}`), () => crypto.randomBytes(32).toString('base64url'));
}

function send(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(status === 401 ? { 'www-authenticate': 'Bearer realm="zava-mcp"' } : {}),
    // An unread body cannot be skipped cheaply: close the connection instead of draining it.
    ...(status === 413 ? { connection: 'close' } : {}),
  });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }));
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Streamable HTTP on 127.0.0.1 only. Every request needs the identity's bearer token, and
 * Host/Origin must name this loopback endpoint, so a web page cannot reach it through
 * DNS rebinding. One MCP server instance per session, all sharing the runtime's pool.
 */
export async function startHttpBridge(runtime: BridgeRuntime, paths: DataPaths, port = 0): Promise<HttpBridge> {
  const token = httpToken(paths, runtime.identity.slug);
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  let allowedHosts: Set<string> = new Set();

  const limit = runtime.settings.maxMessageBytes;
  const server = http.createServer(LOCAL_HTTP_TIMEOUTS, async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (!allowedHosts.has(host)) return send(res, 403, `Host "${host}" is not allowed: connect to 127.0.0.1 or localhost.`);
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^https?:\/\//, ''))) return send(res, 403, `Origin "${origin}" is not allowed.`);
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !safeEqual(auth.slice(7), token)) return send(res, 401, 'Missing or wrong bearer token.');
      if (!req.url?.startsWith('/mcp')) return send(res, 404, 'Not found: the MCP endpoint is /mcp.');

      // Every POST body is read here, against the bridge's own limit, and handed to the SDK parsed.
      const body = req.method === 'POST' ? await readJson(req, limit) : undefined;
      if (body === TOO_LARGE) return send(res, 413, `The request body is over the bridge's ${formatBytes(limit)} limit per message (bridge.maxMessageBytes / ZAVA_MAX_MESSAGE_BYTES).`);
      if (req.method === 'POST' && body === undefined) return send(res, 400, 'Parse error: the request body is not JSON.');
      const sessionId = req.headers['mcp-session-id'];
      let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
      if (!transport) {
        if (sessionId !== undefined || !isInitializeRequest(body)) return send(res, 400, 'No valid session: start with an initialize request.');
        transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => crypto.randomUUID(),
          onsessioninitialized: (id) => void sessions.set(id, transport!),
        });
        transport.onclose = () => {
          if (transport!.sessionId) sessions.delete(transport!.sessionId);
        };
        await (await runtime.createServer()).connect(transport);
        return await transport.handleRequest(req, res, body);
      }
      await transport.handleRequest(req, res, body);
    } catch (error) {
      runtime.log.error('http request failed', { message: (error as Error).message });
      if (!res.headersSent) send(res, 500, 'Internal error.');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as { port: number }).port;
  allowedHosts = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`]);
  return {
    url: `http://127.0.0.1:${actual}/mcp`,
    port: actual,
    token,
    close: async () => {
      for (const t of sessions.values()) await t.close().catch(() => undefined);
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

const TOO_LARGE = Symbol('too large');

/**
 * The parsed JSON body; TOO_LARGE past `limit` bytes (reading stops there, the socket stays
 * open for the 413); undefined when it is not JSON.
 */
function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      req.pause();
      resolve(TOO_LARGE);
    };
    const onEnd = () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}
