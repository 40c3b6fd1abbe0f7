import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppEvents } from '../app/events.ts';
import type { Invoke } from '../ipc/router.ts';
import { startWebServer, type WebServer } from './server.ts';
import { tempDir } from '../../test/helpers/temp-dirs.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(server: WebServer, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('web shell server', () => {
  let server: WebServer;
  const events = new AppEvents();
  const calls: { channel: unknown; request: unknown }[] = [];
  const invoke: Invoke = async (channel, req) => {
    calls.push({ channel, request: req });
    return { ok: true, data: { echoed: req } };
  };
  const root = tempDir('zava-renderer-');
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>dash</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'do not serve');

  before(async () => {
    server = await startWebServer({ invoke, events, rendererDir: root, initialEvents: () => [{ event: 'app:state-changed', payload: { phase: 'ready' } }] });
  });
  after(() => server.close());

  const host = () => ({ host: `127.0.0.1:${server.port}` });
  const bearer = () => ({ ...host(), authorization: `Bearer ${server.token}` });

  test('listens on 127.0.0.1 only and prints a URL with the token', () => {
    assert.match(server.loginUrl, new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  test('rejects requests without the token, for pages and API alike', async () => {
    assert.equal((await request(server, '/', { headers: host() })).status, 401);
    assert.equal((await request(server, '/assets/app.js', { headers: host() })).status, 401);
    assert.equal((await request(server, '/api/invoke/app:get-state', { method: 'POST', headers: { ...host(), authorization: 'Bearer wrong' }, body: '{}' })).status, 401);
    assert.equal(calls.length, 0);
  });

  test('a tab from an earlier run (stale cookie) gets a page saying how to get back in, not a bare 401', async () => {
    const stale = await request(server, '/', { headers: { ...host(), cookie: 'zava_token=from-an-earlier-run' } });
    assert.equal(stale.status, 401);
    assert.match(stale.headers['content-type'] ?? '', /text\/html/);
    assert.match(stale.body, /earlier run/);
    assert.match(stale.body, /npx zava-mcp web/);
    assert.doesNotMatch(stale.body, /<script|<style|style=/, 'nothing the CSP would block');
    const fresh = await request(server, '/', { headers: host() });
    assert.doesNotMatch(fresh.body, /earlier run/);
    assert.match(fresh.body, /\?token=/);
    const api = await request(server, '/api/invoke/app:get-state', { method: 'POST', headers: { ...host(), cookie: 'zava_token=old', 'content-type': 'application/json', origin: `http://127.0.0.1:${server.port}` }, body: '{}' });
    assert.equal(api.status, 401);
    assert.match(api.body, /earlier run/);
  });

  test('a remembered port that is taken falls back to a free one; a port asked for fails loudly', async () => {
    const second = await startWebServer({ invoke, events, rendererDir: root, port: server.port, portFallback: true });
    try {
      assert.notEqual(second.port, server.port);
    } finally {
      await second.close();
    }
    await assert.rejects(startWebServer({ invoke, events, rendererDir: root, port: server.port }), /EADDRINUSE/);
  });

  test('rejects a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    assert.equal((await request(server, `/?token=${server.token}`, { headers: { host: `evil.example:${server.port}` } })).status, 421);
    const res = await request(server, '/api/invoke/app:get-state', { method: 'POST', headers: { ...bearer(), origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 403);
  });

  test('first visit with ?token= sets an HttpOnly SameSite=Strict cookie and drops the token from the URL', async () => {
    const res = await request(server, `/?token=${server.token}`, { headers: host() });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/');
    assert.match(String(res.headers['set-cookie']), /zava_token=.+; HttpOnly; SameSite=Strict; Path=\//);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const page = await request(server, '/', { headers: { ...host(), cookie } });
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>dash<\/title>/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
  });

  test('a cookie call must be a JSON request with our Origin (no cross-site form posts)', async () => {
    const cookie = `zava_token=${server.token}`;
    const noOrigin = await request(server, '/api/invoke/app:get-state', { method: 'POST', headers: { ...host(), cookie, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(noOrigin.status, 403);
    const form = await request(server, '/api/invoke/app:get-state', { method: 'POST', headers: { ...host(), cookie, origin: `http://127.0.0.1:${server.port}`, 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(form.status, 403);
    const ok = await request(server, '/api/invoke/app:get-state', { method: 'POST', headers: { ...host(), cookie, origin: `http://localhost:${server.port}`, 'content-type': 'application/json' }, body: '{"a":1}' });
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(ok.body), { ok: true, data: { echoed: { a: 1 } } });
  });

  test('passes the channel and body to the router', async () => {
    const res = await request(server, '/api/invoke/logs:read-tail', { method: 'POST', headers: { ...bearer(), 'content-type': 'application/json' }, body: '{"id":"main"}' });
    assert.equal(res.status, 200);
    assert.deepEqual(calls.at(-1), { channel: 'logs:read-tail', request: { id: 'main' } });
    const bad = await request(server, '/api/invoke/logs:read-tail', { method: 'POST', headers: bearer(), body: '{oops' });
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).error.code, 'VALIDATION_ERROR');
  });

  test('never serves files outside the renderer directory', async () => {
    const res = await request(server, '/..%2Fsecret.txt', { headers: bearer() });
    assert.ok([403, 404].includes(res.status), String(res.status));
    assert.doesNotMatch(res.body, /do not serve/);
  });

  test('streams events as Server-Sent Events, current state first', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: bearer() }, (res) => {
        assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes('event: app:state-changed') && !text.includes('bridge:state-changed')) {
            events.emit('bridge:state-changed', { status: 'ready', identity: 'x', pid: 1, restarts: 0, lastError: null, lastErrorAt: null, readySince: null, nextRetryAt: null });
          }
          if (text.includes('event: bridge:state-changed')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    });
    assert.match(received, /event: app:state-changed\ndata: \{"phase":"ready"\}/);
    assert.match(received, /event: bridge:state-changed\ndata: \{"status":"ready"/);
  });
});
