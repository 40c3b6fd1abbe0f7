import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_HTTP_TIMEOUTS } from '../kernel/config/http-timeouts.ts';
import type { AppEvents } from '../app/events.ts';
import type { Logger } from '../kernel/logger.ts';
import type { Invoke } from '../ipc/router.ts';
import { allowedHosts, hostAllowed, newToken, originAllowed, sessionCookie, tokenSource } from './auth.ts';
import { SECURITY_HEADERS } from './security-headers.ts';
import { serveStatic } from './static-files.ts';

export interface WebServerOptions {
  invoke: Invoke;
  events: AppEvents;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /** Defaults to a fresh random token. */
  token?: string;
  log?: Logger;
  /** Sent to new event streams first (the current app state). */
  initialEvents?: () => { event: string; payload: unknown }[];
}

export interface WebServer {
  url: string;
  /** The URL with the token, as printed for the user. */
  loginUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/**
 * The web shell: the renderer and the IPC contract over HTTP on 127.0.0.1, events as
 * Server-Sent Events. Every request needs the per-run token (printed URL → HttpOnly
 * SameSite=Strict cookie, or a bearer header); Host and Origin must be our loopback address.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  let hosts = new Set<string>();
  const streams = new Set<http.ServerResponse>();

  const server = http.createServer(LOCAL_HTTP_TIMEOUTS, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostAllowed(req, hosts)) return text(res, 421, `Host "${req.headers.host ?? ''}" is not allowed: use ${[...hosts][0]}.`);
    if (!originAllowed(req, hosts)) return text(res, 403, `Origin "${req.headers.origin}" is not allowed.`);
    const source = tokenSource(req, url, token);
    if (!source) return text(res, 401, 'This dashboard needs its token: open the URL that `zava-mcp web` printed (it ends in ?token=…).');

    if (source === 'query' && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      // First visit: keep the token in a cookie and drop it from the address bar and history.
      res.writeHead(303, { ...SECURITY_HEADERS, 'set-cookie': sessionCookie(token), location: url.pathname }).end();
      return;
    }
    if (url.pathname.startsWith('/api/invoke/') && req.method === 'POST') return void handleInvoke(req, res, url, source);
    if (url.pathname === '/api/events' && req.method === 'GET') return openStream(res);
    if (url.pathname.startsWith('/api/')) return text(res, 404, 'Unknown API path.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed.');
    serveStatic(options.rendererDir, url.pathname, res);
  });

  async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse, url: URL, source: string): Promise<void> {
    // A cookie-authenticated call must come from our own page: JSON content type (no simple form posts) and our Origin.
    if (source === 'cookie' && (!req.headers['content-type']?.startsWith('application/json') || req.headers.origin === undefined)) {
      return text(res, 403, 'Calls must be JSON requests from the dashboard page.');
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      return json(res, 400, { ok: false, error: { code: 'VALIDATION_ERROR', message: (error as Error).message } });
    }
    const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
    const envelope = await options.invoke(channel, body);
    json(res, 200, envelope);
  }

  function openStream(res: http.ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    for (const e of options.initialEvents?.() ?? []) res.write(frame(e.event, e.payload));
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  const unsubscribe = options.events.subscribe((event, payload) => {
    const data = frame(event, payload);
    for (const res of streams) res.write(data);
  });
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);
  const url = `http://127.0.0.1:${port}/`;
  options.log?.info(`web shell listening on ${url}`);
  return {
    url,
    loginUrl: `${url}?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function frame(event: string, payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}

function text(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(message);
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(value));
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('The request body is larger than 1 MiB.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (!raw) return resolve({});
      try {
        resolve(JSON.parse(raw));
      } catch {
        reject(new Error('The request body is not valid JSON.'));
      }
    });
    req.on('error', reject);
  });
}
