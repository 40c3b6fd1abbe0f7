import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { PassThrough } from 'node:stream';
import { jsonRpcProblem, LimitedStdioServerTransport } from './stdio-transport.ts';

describe('jsonRpcProblem', () => {
  const samples: unknown[] = [
    { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'x', arguments: {} } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } },
    { jsonrpc: '2.0', id: 1, result: {} },
    { jsonrpc: '2.0', id: 1, error: { code: -32600, message: 'bad' } },
    { jsonrpc: '2.0', error: { code: -32700, message: 'parse', data: { x: 1 } } },
    { jsonrpc: '2.0', id: 1.5, method: 'tools/list' },
    { jsonrpc: '2.0', id: null, method: 'tools/list' },
    { jsonrpc: '1.0', id: 1, method: 'tools/list' },
    { jsonrpc: '2.0', id: 1, method: 7 },
    { jsonrpc: '2.0', id: 1, method: 'x', params: [1, 2] },
    { jsonrpc: '2.0', id: 1, method: 'x', extra: true },
    { jsonrpc: '2.0', id: 1, result: [] },
    { jsonrpc: '2.0', id: 1, error: { code: 'x', message: 'bad' } },
    { jsonrpc: '2.0', id: 1, error: { code: 1.5, message: 'bad' } },
    { jsonrpc: '2.0', id: 1 },
    { jsonrpc: '2.0' },
    [],
    null,
    'text',
    42,
  ];

  it('accepts and refuses exactly what the SDK’s JSONRPCMessageSchema does', () => {
    for (const sample of samples) {
      assert.equal(jsonRpcProblem(sample) === undefined, JSONRPCMessageSchema.safeParse(sample).success, JSON.stringify(sample));
    }
  });

  it('names what is wrong', () => {
    assert.match(jsonRpcProblem({ jsonrpc: '2.0', id: 1, method: 'x', extra: true })!, /unexpected key "extra" in a request/);
    assert.match(jsonRpcProblem({ jsonrpc: '2.0', id: 1.5, method: 'x' })!, /"id" must be a string or an integer/);
  });
});

describe('LimitedStdioServerTransport.answerDirectly', () => {
  const harness = () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const transport = new LimitedStdioServerTransport(1024 * 1024, stdin, stdout);
    const passedOn: unknown[] = [];
    transport.onmessage = (message) => passedOn.push(message);
    const lines: Record<string, unknown>[] = [];
    stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n').map((l) => JSON.parse(l))));
    const write = (message: unknown) => stdin.write(`${JSON.stringify(message)}\n`);
    return { transport, passedOn, lines, write };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('answers the direct method itself and passes everything else to the server', async () => {
    const { transport, passedOn, lines, write } = harness();
    transport.answerDirectly('tools/call', async (request) => ({ echoed: request.params }));
    await transport.start();
    write({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'x' } });
    write({ jsonrpc: '2.0', id: 8, method: 'tools/list' });
    write({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 99 } });
    await settle();
    assert.deepEqual(lines, [{ jsonrpc: '2.0', id: 7, result: { echoed: { name: 'x' } } }]);
    assert.deepEqual(passedOn.map((m) => (m as { method: string }).method), ['tools/list', 'notifications/cancelled']);
  });

  it('turns a failure into a JSON-RPC error with its code and data, and a cancel into silence', async () => {
    const { transport, lines, write } = harness();
    let aborted: unknown;
    transport.answerDirectly('tools/call', (request, signal) => {
      if ((request.params as { name: string }).name === 'bad') return Promise.reject(Object.assign(new Error('no such tool'), { code: -32602, data: { hint: 'h' } }));
      if ((request.params as { name: string }).name === 'boom') return Promise.reject(new TypeError('oops'));
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject((aborted = signal.reason))));
    });
    await transport.start();
    write({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'bad' } });
    write({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'boom' } });
    write({ jsonrpc: '2.0', id: 'slow', method: 'tools/call', params: { name: 'slow' } });
    write({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'slow', reason: 'user' } });
    await settle();
    assert.deepEqual(lines, [
      { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'no such tool', data: { hint: 'h' } } },
      { jsonrpc: '2.0', id: 2, error: { code: -32603, message: 'oops' } },
    ]);
    assert.equal(aborted, 'user');
  });
});

describe('LimitedStdioServerTransport before an MCP server is connected', () => {
  it('serves direct methods at once; everything else waits, in order, for the server it asks for once', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const transport = new LimitedStdioServerTransport(1024 * 1024, stdin, stdout);
    const lines: Record<string, unknown>[] = [];
    stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n').map((l) => JSON.parse(l))));
    let asked = 0;
    transport.onunserved = () => asked++;
    transport.answerDirectly('ping', async () => ({}));
    transport.ignoreNotification('notifications/initialized');
    transport.listen();
    const write = (message: unknown) => stdin.write(`${JSON.stringify(message)}\n`);
    write({ jsonrpc: '2.0', method: 'notifications/initialized' });
    write({ jsonrpc: '2.0', id: 1, method: 'resources/list' });
    write({ jsonrpc: '2.0', id: 2, method: 'ping' });
    write({ jsonrpc: '2.0', id: 3, method: 'prompts/list' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(lines, [{ jsonrpc: '2.0', id: 2, result: {} }], 'ping answered while the others wait');
    assert.equal(asked, 1, 'the server is asked for once');
    const received: unknown[] = [];
    transport.onmessage = (message) => received.push(message);
    await transport.start();
    write({ jsonrpc: '2.0', id: 4, method: 'tools/list' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(received.map((m) => (m as { id: number }).id), [1, 3, 4], 'waiting messages first, in order; the notification was dropped');
  });
});
