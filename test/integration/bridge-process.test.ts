// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { CLI, REPO_ROOT, callOk, startBridge } from '../helpers/bridge.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('the bridge process', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase({ scale: 'tiny' });
  });
  after(async () => {
    await db.close();
  });

  describe('fails closed without a valid identity', () => {
    for (const [label, args, message] of [
      ['no --user', [], /No identity given/],
      ['an empty --user', ['--user', ''], /No identity given/],
      ['an unknown slug', ['--user', 'gotham'], /Unknown identity "gotham"/],
      ['an unknown UUID', ['--user', '11111111-2222-3333-4444-555555555555'], /Unknown identity/],
    ] as const) {
      it(`exits non-zero with a clear message for ${label}`, () => {
        const result = spawnSync(process.execPath, [CLI, 'serve', ...args], { env: db.env, encoding: 'utf8', input: '', timeout: 30_000 });
        assert.notEqual(result.status, 0);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '', 'nothing on stdout');
      });
    }
  });

  it('exits non-zero with the reason when it cannot log in (the database opens after the transport is up)', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-no-data-'));
    try {
      const env = { ...db.env, ZAVA_DATA_DIR: empty, ZAVA_DATABASE_URL: 'postgresql://nobody:nothing@127.0.0.1:9/zava' };
      const child = spawn(process.execPath, [CLI, 'serve', '--user', 'seattle'], { env, cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } })}\n`);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 1);
      assert.match(stderr, /no login for seattle/);
      for (const line of stdout.split('\n').filter(Boolean)) assert.equal(JSON.parse(line).jsonrpc, '2.0', 'nothing but JSON-RPC on stdout');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('writes only JSON-RPC on stdout, even for malformed input, and stays up', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--user', 'seattle'], { env: db.env, cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    const send = (msg: unknown) => child.stdin.write((typeof msg === 'string' ? msg : JSON.stringify(msg)) + '\n');
    const waitFor = async (id: number) => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        if (stdout.split('\n').some((l) => l.includes(`"id":${id}`))) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no answer to ${id}; stdout: ${stdout.slice(-500)}`);
    };
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    await waitFor(1);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send('this is not json');
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT count(*) FROM retail.orders' } } });
    send({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'execute_sales_query', arguments: { postgresql_query: ['not', 'a', 'string'] } } });
    send({ jsonrpc: '2.0', id: 5, method: 'no/such/method' });
    send({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT nope' } } });
    await waitFor(6);
    assert.equal(child.exitCode, null, 'still running');
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));
    const lines = stdout.split('\n').filter((l) => l.length > 0);
    assert.ok(lines.length >= 6);
    for (const line of lines) {
      const message = JSON.parse(line);
      assert.equal(message.jsonrpc, '2.0', line);
    }
    const byId = new Map(lines.map((l) => JSON.parse(l)).filter((m) => 'id' in m).map((m) => [m.id, m]));
    assert.equal(byId.get(3).result.isError, undefined);
    assert.equal(byId.get(4).result.isError, true);
    assert.equal(byId.get(4).result.structuredContent.error.code, 'VALIDATION_ERROR');
    assert.equal(byId.get(5).error.code, -32601);
    assert.equal(byId.get(6).result.structuredContent.error.code, 'DATABASE_ERROR');
  });

  it('cancelling a long query removes it from pg_stat_activity promptly', async () => {
    const bridge = await startBridge(db.dataDir, 'seattle', { ZAVA_STATEMENT_TIMEOUT_MS: '60000' });
    const admin = await db.admin();
    try {
      const controller = new AbortController();
      const call = bridge.client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT pg_sleep(30) AS cancel_me' } }, undefined, { signal: controller.signal });
      const active = async () =>
        Number((await admin.query("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%cancel_me%' AND pid <> pg_backend_pid()")).rows[0].count);
      const seenBy = Date.now() + 10_000;
      while ((await active()) === 0) {
        assert.ok(Date.now() < seenBy, 'the query never started');
        await new Promise((r) => setTimeout(r, 25));
      }
      const cancelledAt = Date.now();
      controller.abort();
      await assert.rejects(call);
      while ((await active()) > 0) {
        assert.ok(Date.now() - cancelledAt < 2_000, 'the query still runs 2 s after cancellation');
        await new Promise((r) => setTimeout(r, 25));
      }
      const after = await callOk(bridge.client, 'execute_sales_query', { postgresql_query: 'SELECT 1 AS alive' });
      assert.deepEqual(after.r, [[1]]);
    } finally {
      await admin.end();
      await bridge.close();
    }
  });

  it('4 clients × 20 concurrent calls: all answered, no errors, each pool within its limit', async () => {
    const users = ['seattle', 'region-eastside', 'head-office', 'tacoma'];
    const bridges = await Promise.all(users.map((u) => startBridge(db.dataDir, u, { ZAVA_POOL_MAX: '4', ZAVA_CACHE_TTL_MS: '0' })));
    const admin = await db.admin();
    let sampling = true;
    let maxPerBridge = 0;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await admin.query("SELECT application_name, count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'zava-mcp:%' AND datname = current_database() GROUP BY 1");
        for (const r of rows) maxPerBridge = Math.max(maxPerBridge, r.n);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    try {
      const results = await Promise.all(
        bridges.flatMap((b) =>
          Array.from({ length: 20 }, (_, i) =>
            b.client.callTool({
              name: 'execute_sales_query',
              arguments: { postgresql_query: `SELECT count(*) + ${i} - ${i} AS n, pg_sleep(0.02) FROM retail.order_items` },
            }),
          ),
        ),
      );
      assert.equal(results.length, 80);
      assert.equal(results.filter((r) => r.isError).length, 0, JSON.stringify(results.find((r) => r.isError)?.content));
      assert.ok(maxPerBridge >= 1 && maxPerBridge <= 4, `max connections per bridge ${maxPerBridge}`);
    } finally {
      sampling = false;
      await sampler;
      await admin.end();
      await Promise.all(bridges.map((b) => b.close()));
    }
  });

  describe('over Streamable HTTP', () => {
    let child: ReturnType<typeof spawn>;
    let url: string;
    let token: string;

    before(async () => {
      child = spawn(process.execPath, [CLI, 'serve', '--user', 'region-eastside', '--http', '--port', '0'], { env: db.env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const first = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString('utf8');
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.once('exit', (code) => reject(new Error(`bridge exited ${code}`)));
      });
      const info = JSON.parse(first);
      url = info.url;
      token = fs.readFileSync(info.tokenFile, 'utf8');
      assert.equal((fs.statSync(info.tokenFile).mode & 0o777).toString(8), '600');
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    });
    after(() => {
      child.kill('SIGTERM');
    });

    const rawPost = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const u = new URL(url);
        const req = http.request({ host: '127.0.0.1', port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }));
      });

    it('refuses a missing or wrong token with 401', async () => {
      assert.equal(await rawPost({}), 401);
      assert.equal(await rawPost({ authorization: 'Bearer wrong' }), 401);
    });

    it('refuses a foreign Host or Origin (DNS rebinding) with 403', async () => {
      const port = new URL(url).port;
      assert.equal(await rawPost({ authorization: `Bearer ${token}`, host: `evil.example:${port}` }), 403);
      assert.equal(await rawPost({ authorization: `Bearer ${token}`, origin: 'http://evil.example' }), 403);
    });

    it('serves the tools with the token, as the launching identity', async () => {
      const client = new Client({ name: 'http-test', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      const out = await callOk(client, 'execute_sales_query', { postgresql_query: 'SELECT DISTINCT s.store_name FROM retail.orders o JOIN retail.stores s USING (store_id) ORDER BY 1' });
      assert.deepEqual(out.r.flat(), ['Zava Retail Bellevue', 'Zava Retail Kirkland', 'Zava Retail Redmond']);
      await client.close();
    });

    // stdio answers initialize without the MCP SDK (cli/serve.ts); over HTTP the SDK's server does.
    it('introduces itself over stdio exactly as the SDK server does over HTTP, then serves resources and prompts over stdio too', async () => {
      const overHttp = new Client({ name: 'http-test', version: '1' });
      await overHttp.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      const overStdio = await startBridge(db.dataDir, 'region-eastside');
      try {
        assert.deepEqual(overStdio.client.getServerCapabilities(), overHttp.getServerCapabilities());
        assert.deepEqual(overStdio.client.getServerVersion(), overHttp.getServerVersion());
        assert.equal(overStdio.client.getInstructions(), overHttp.getInstructions());
        assert.match(overStdio.client.getInstructions() ?? '', /acting as/);
        // Everything beyond the tools goes to the SDK's server, loaded on the first such request.
        const [stdioResources, httpResources] = await Promise.all([overStdio.client.listResources(), overHttp.listResources()]);
        assert.deepEqual(stdioResources, httpResources);
        assert.ok(stdioResources.resources.some((r) => r.uri === 'zava://semantic-model'), 'the semantic model is listed');
        assert.deepEqual(await overStdio.client.listPrompts(), await overHttp.listPrompts());
        await overStdio.client.ping();
      } finally {
        await overStdio.close();
        await overHttp.close();
      }
    });
  });

  it('over stdio, negotiates the protocol version as the SDK does and refuses a malformed initialize with -32602', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--user', 'seattle'], { env: db.env, cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'ignore'] });
    const answers = new Map<number, Record<string, any>>();
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const message = JSON.parse(buffered.slice(0, end));
        buffered = buffered.slice(end + 1);
        answers.set(message.id, message);
      }
    });
    const initialize = (id: number, params: unknown) => child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params })}\n`);
    const clientInfo = { name: 'raw', version: '1' };
    try {
      initialize(1, { protocolVersion: '2024-11-05', capabilities: {}, clientInfo });
      initialize(2, { protocolVersion: '1999-01-01', capabilities: {}, clientInfo });
      initialize(3, { protocolVersion: '2025-06-18', capabilities: {} });
      initialize(4, { capabilities: {}, clientInfo });
      const deadline = Date.now() + 20_000;
      while (answers.size < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(answers.get(1)?.result?.protocolVersion, '2024-11-05', 'a supported version is kept');
      assert.equal(answers.get(2)?.result?.protocolVersion, LATEST_PROTOCOL_VERSION, 'an unknown one gets the newest');
      assert.equal(answers.get(3)?.error?.code, -32602);
      assert.match(answers.get(3)?.error?.message, /clientInfo/);
      assert.equal(answers.get(4)?.error?.code, -32602);
      assert.match(answers.get(4)?.error?.message, /protocolVersion/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
