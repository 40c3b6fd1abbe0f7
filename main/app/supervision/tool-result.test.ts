import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toolError, toToolCallResult } from './tool-result.ts';

describe('tool results', () => {
  test('reads the error from structured content, or from JSON text when that is all there is', () => {
    assert.deepEqual(toolError({ isError: true, content: [{ type: 'text', text: '{"error":{"code":"VALIDATION_ERROR","message":"bad","hint":"fix"}}' }] }), {
      code: 'VALIDATION_ERROR',
      message: 'bad',
      hint: 'fix',
    });
    assert.equal(toolError({ content: [] }), null);
    assert.equal(toolError({ isError: true, content: [{ type: 'text', text: 'Unknown tool' }] })?.code, 'UNKNOWN_ERROR');
  });

  test('toToolCallResult keeps the model-facing text and the structured rows', () => {
    const r = toToolCallResult('t', 'seattle', { content: [{ type: 'text', text: 'x' }], structuredContent: { c: ['a'], r: [[1]], n: 1 } }, 12.345);
    assert.deepEqual(r, { tool: 't', identity: 'seattle', isError: false, structured: { c: ['a'], r: [[1]], n: 1 }, text: 'x', error: null, durationMs: 12.3 });
  });
});
