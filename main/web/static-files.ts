import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { SECURITY_HEADERS } from './security-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the built renderer from `root`. Paths are resolved inside `root` only; unknown
 * paths without an extension get index.html (the app has a single page).
 */
export function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, SECURITY_HEADERS).end('Bad path.');
    return;
  }
  let file = path.resolve(root, `.${relative}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403, SECURITY_HEADERS).end('Forbidden.');
    return;
  }
  if (relative === '/' || (!path.extname(relative) && !fs.existsSync(file))) file = path.join(root, 'index.html');
  fs.stat(file, (error, st) => {
    if (error || !st.isFile()) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
    const immutable = relative.startsWith('/assets/');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': st.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    fs.createReadStream(file).pipe(res);
  });
}
