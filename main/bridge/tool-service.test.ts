import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS as SDK_SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { JsonRpcError, SUPPORTED_PROTOCOL_VERSIONS, toolCall } from './tool-service.ts';

const request = (params: unknown) => ({ jsonrpc: '2.0' as const, id: 1, method: 'tools/call', params }) as Parameters<typeof toolCall>[0];

describe('toolCall: the params of tools/call, checked without the SDK schema', () => {
  it('takes a name with or without arguments and _meta', () => {
    assert.deepEqual(toolCall(request({ name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT 1' } })), { name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT 1' } });
    assert.deepEqual(toolCall(request({ name: 'get_current_utc_date', _meta: { progressToken: 3 } })), { name: 'get_current_utc_date' });
  });

  it('refuses each malformed shape with InvalidParams naming the field', () => {
    for (const [params, field] of [
      [undefined, '"params"'],
      [[], '"params"'],
      [{}, '"params.name"'],
      [{ name: 7 }, '"params.name"'],
      [{ name: 'x', arguments: [1] }, '"params.arguments"'],
      [{ name: 'x', arguments: 'SELECT 1' }, '"params.arguments"'],
      [{ name: 'x', _meta: 'm' }, '"params._meta"'],
    ] as const) {
      assert.throws(
        () => toolCall(request(params)),
        (error: unknown) => error instanceof JsonRpcError && error.code === -32602 && error.message.includes(field),
        JSON.stringify(params),
      );
    }
  });
});

describe('the tool service speaks the SDK’s protocol versions', () => {
  it('SUPPORTED_PROTOCOL_VERSIONS are the SDK’s, newest first', () => {
    assert.deepEqual([...SUPPORTED_PROTOCOL_VERSIONS], [...SDK_SUPPORTED_PROTOCOL_VERSIONS]);
    assert.equal(SUPPORTED_PROTOCOL_VERSIONS[0], LATEST_PROTOCOL_VERSION);
  });
});
