import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toZavaError } from './pg-errors.ts';

/** What node-postgres throws for a statement stopped by a cancel request or statement_timeout. */
const canceled = () => Object.assign(new Error('canceling statement due to user request'), { code: '57014' });

describe('the Postgres error mapper', () => {
  test('a cancel the caller asked for stays QUERY_CANCELLED; any other is a QUERY_TIMEOUT', () => {
    const aborted = AbortSignal.abort();
    assert.equal(toZavaError(canceled(), aborted).code, 'QUERY_CANCELLED');
    assert.equal(toZavaError(canceled(), { signal: aborted }).code, 'QUERY_CANCELLED');
    assert.equal(toZavaError(canceled()).code, 'QUERY_TIMEOUT');
    assert.equal(toZavaError(canceled(), new AbortController().signal).code, 'QUERY_TIMEOUT');
  });

  test('privilege and connection failures keep their own codes', () => {
    assert.equal(toZavaError(Object.assign(new Error('permission denied'), { code: '42501' })).code, 'AUTHORIZATION_ERROR');
    assert.equal(toZavaError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).code, 'UNAVAILABLE');
  });
});
