import crypto from 'node:crypto';
import type http from 'node:http';

/** The cookie the dashboard's token travels in after the first visit (HttpOnly, SameSite=Strict). */
export const TOKEN_COOKIE = 'zava_token';

/** A fresh per-run token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Hosts a browser may use to reach us: loopback names with our port, nothing else (DNS rebinding). */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function hostAllowed(req: http.IncomingMessage, hosts: Set<string>): boolean {
  return hosts.has((req.headers.host ?? '').toLowerCase());
}

/** A present Origin must be our own (http://127.0.0.1:port or http://localhost:port). */
export function originAllowed(req: http.IncomingMessage, hosts: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && hosts.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

function cookieValue(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** How a request proved it knows the token, if it did. */
export type TokenSource = 'bearer' | 'cookie' | 'query' | undefined;

/** Accepts `Authorization: Bearer`, the session cookie, or `?token=` (the printed URL's first visit). */
export function tokenSource(req: http.IncomingMessage, url: URL, token: string): TokenSource {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && safeEqual(auth.slice(7), token)) return 'bearer';
  const cookie = cookieValue(req, TOKEN_COOKIE);
  if (cookie && safeEqual(cookie, token)) return 'cookie';
  const query = url.searchParams.get('token');
  if (query && safeEqual(query, token)) return 'query';
  return undefined;
}

/** Whether the request carries a session cookie at all (a stale one from an earlier run, when it did not match). */
export function hasSessionCookie(req: http.IncomingMessage): boolean {
  return cookieValue(req, TOKEN_COOKIE) !== undefined;
}

export function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
