import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelay } from './backoff.ts';

describe('restart backoff', () => {
  test('doubles from the initial delay up to the cap', () => {
    const o = { initialMs: 500, maxMs: 4000, factor: 2, resetAfterMs: 1 };
    assert.deepEqual([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, o)), [500, 1000, 2000, 4000, 4000, 4000]);
  });
});
