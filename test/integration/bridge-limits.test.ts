// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppEvents } from '../../main/app/events.ts';
import { startWebServer } from '../../main/web/server.ts';
import { CLI, REPO_ROOT } from '../helpers/bridge.ts';
import { createTestDatabase, rowCounts, type TestDatabase } from '../helpers/database.ts';

/** A raw stdio bridge: lines in, JSON-RPC lines out. */
function rawBridge(db: TestDatabase): { child: ChildProcessWithoutNullStreams; send: (line: string) => void; answer: (id: number) => Promise<any> } {
  const child = spawn(process.execPath, [CLI, 'serve', '--user', 'seattle'], { env: db.env, cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  return {
    child,
    send: (line) => void child.stdin.write(`${line}\n`),
    answer: async (id) => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const line = stdout.split('\n').find((l) => l.includes(`"id":${id}`));
        if (line) return JSON.parse(line);
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no answer to ${id}; stdout: ${stdout.slice(-500)}`);
    },
  };
}

/** Seconds until the server closes a connection that sent only half its request headers. */
function halfSentHeaders(port: number, giveUpMs: number): Promise<number> {
  return new Promise((resolve) => {
    const began = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Infinity);
    }, giveUpMs);
    socket.on('error', () => undefined);
    socket.resume(); // read the 408, so the close that follows it is seen
    socket.on('close', () => {
      clearTimeout(timer);
      resolve((Date.now() - began) / 1000);
    });
  });
}

/** Input and connection limits of the bridge and the dashboard (issue 10, items 6, 9 and 10). */
describe('bridge limits', () => {
  let db: TestDatabase;
  let countsBefore: Record<string, number>;

  before(async () => {
    db = await createTestDatabase({ scale: 'tiny' });
    const admin = await db.admin();
    countsBefore = await rowCounts(admin);
    await admin.end();
  });

  after(async () => {
    const admin = await db.admin();
    assert.deepEqual(await rowCounts(admin), countsBefore);
    await admin.end();
    await db.close();
  });

  it('6. a 10 MiB stdio message gets a JSON-RPC error naming the 4 MiB limit, and the next call is served', async () => {
    const bridge = rawBridge(db);
    try {
      bridge.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }));
      await bridge.answer(1);
      bridge.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      const huge = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'execute_sales_query', arguments: { postgresql_query: `SELECT '${'x'.repeat(10 * 1024 * 1024)}'` } } });
      bridge.send(huge);
      const refused = await bridge.answer(2);
      assert.equal(refused.error.code, -32600);
      assert.match(refused.error.message, /4 MiB limit/);
      bridge.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT count(*) FROM retail.orders' } } }));
      const next = await bridge.answer(3);
      assert.equal(next.result.isError, undefined);
      assert.ok(Number(next.result.structuredContent.r[0][0]) > 0);
      assert.equal(bridge.child.exitCode, null, 'still running');
    } finally {
      bridge.child.kill('SIGTERM');
    }
  });

  it('6. over HTTP the same size gets 413, and the endpoint keeps serving', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--user', 'seattle', '--http'], { env: db.env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const first = await new Promise<string>((resolve) => child.stdout.once('data', (c: Buffer) => resolve(c.toString('utf8'))));
      const { url, tokenFile } = JSON.parse(first.split('\n')[0]!);
      const token = fs.readFileSync(tokenFile, 'utf8');
      const post = (body: string) =>
        fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body });
      const big = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { padding: 'x'.repeat(10 * 1024 * 1024) } }));
      assert.equal(big.status, 413);
      assert.match(await big.text(), /4 MiB limit/);
      const init = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }));
      assert.equal(init.status, 200);
      await init.text();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('9. a secrets file readable by group or others: serve refuses to start, naming the file and the chmod', () => {
    const file = path.join(db.paths.secrets, 'roles.json');
    fs.chmodSync(file, 0o644);
    try {
      const result = spawnSync(process.execPath, [CLI, 'serve', '--user', 'seattle'], { env: db.env, encoding: 'utf8', input: '', timeout: 30_000 });
      assert.notEqual(result.status, 0);
      assert.ok(result.stderr.includes(file), result.stderr);
      assert.ok(result.stderr.includes(`chmod 600 '${file}'`), result.stderr);
      assert.equal(result.stdout, '');
    } finally {
      fs.chmodSync(file, 0o600);
    }
  });

  it('10. half-sent request headers are dropped after about 10 s by the HTTP bridge and the web dashboard', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--user', 'seattle', '--http'], { env: db.env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const renderer = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-renderer-'));
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>dash</title>');
    const web = await startWebServer({ invoke: async () => ({ ok: true, data: null }) as any, events: new AppEvents(), rendererDir: renderer });
    try {
      const first = await new Promise<string>((resolve) => child.stdout.once('data', (c: Buffer) => resolve(c.toString('utf8'))));
      const bridgePort = Number(new URL(JSON.parse(first.split('\n')[0]!).url).port);
      const closedAfter = await Promise.all([...Array(10)].map((_, i) => halfSentHeaders(i % 2 ? web.port : bridgePort, 16_000)));
      console.log(`half-sent headers closed after ${closedAfter.map((s) => s.toFixed(1)).join(', ')} s`);
      for (const seconds of closedAfter) assert.ok(seconds >= 9 && seconds <= 12.5, `closed after ${seconds} s`);
      // A normal request still works afterwards.
      const ok = await new Promise<number>((resolve) => http.get({ host: '127.0.0.1', port: web.port, path: '/' }, (res) => resolve(res.statusCode ?? 0)).on('error', () => resolve(0)));
      assert.equal(ok, 401);
    } finally {
      child.kill('SIGTERM');
      await web.close();
      fs.rmSync(renderer, { recursive: true, force: true });
    }
  });
});
