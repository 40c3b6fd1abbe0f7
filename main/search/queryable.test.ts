import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from './queryable.ts';

const canceled = () => Object.assign(new Error('canceling statement due to user request'), { code: '57014' });
const failing = (error: Error) => ({ query: async () => Promise.reject(error) });

describe('search statements', () => {
  test('map errors through the shared mapper: same codes, its own subject and hint', async () => {
    await assert.rejects(run(failing(canceled()), 'SELECT 1', [], AbortSignal.abort()), (e: { code: string }) => e.code === 'QUERY_CANCELLED');
    await assert.rejects(run(failing(canceled()), 'SELECT 1'), (e: { code: string; message: string }) => e.code === 'QUERY_TIMEOUT' && /^The search query/.test(e.message));
    const missing = Object.assign(new Error('relation "x" does not exist'), { code: '42P01' });
    await assert.rejects(run(failing(missing), 'SELECT 1'), (e: { code: string; message: string; hint: string; sqlState: string }) =>
      e.code === 'DATABASE_ERROR' && e.sqlState === '42P01' && /^The search query failed/.test(e.message) && /zava-mcp status/.test(e.hint),
    );
  });

});
