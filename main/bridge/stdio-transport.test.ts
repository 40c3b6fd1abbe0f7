import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { jsonRpcProblem } from './stdio-transport.ts';

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
