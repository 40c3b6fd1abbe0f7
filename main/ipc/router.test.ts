import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toErrorInfo, ZavaError } from '../kernel/errors.ts';
import type { Handlers } from './router.ts';
import { createRouter } from './router.ts';

/** Handlers that fail loudly if a test calls one it did not mean to. */
function handlers(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? (() => Promise.reject(new Error(`unexpected call ${String(key)}`))),
  });
}

const bridgeState = { status: 'ready', identity: 'seattle', pid: 1, restarts: 0, lastError: null, lastErrorAt: null, readySince: null, nextRetryAt: null } as const;

describe('createRouter', () => {
  test('rejects an unknown channel without calling anything', async () => {
    const invoke = createRouter(handlers({}));
    assert.deepEqual(await invoke('fs:read-file', {}), { ok: false, error: { code: 'VALIDATION_ERROR', message: 'Unknown channel "fs:read-file".' } });
  });

  test('validates the request against the contract and names the bad field', async () => {
    const invoke = createRouter(handlers({}));
    const res = await invoke('playground:call-tool', { tool: '' });
    assert.equal(res.ok, false);
    assert.equal(!res.ok && res.error.code, 'VALIDATION_ERROR');
    assert.match(!res.ok ? res.error.message : '', /tool/);
  });

  test('applies request defaults before the handler sees it', async () => {
    let seen: unknown;
    const invoke = createRouter(handlers({ 'logs:read-tail': (req) => ((seen = req), { id: req.id, path: '/x', lines: [], size: 0 }) }));
    const res = await invoke('logs:read-tail', { id: 'main' });
    assert.deepEqual(seen, { id: 'main', lines: 200 });
    assert.deepEqual(res, { ok: true, data: { id: 'main', path: '/x', lines: [], size: 0 } });
  });

  test('turns a ZavaError into its code, message and hint', async () => {
    const invoke = createRouter(handlers({ 'bridge:get-state': () => { throw new ZavaError('UNAVAILABLE', 'The bridge is down.', { hint: 'Wait.' }); } }));
    assert.deepEqual(await invoke('bridge:get-state', {}), { ok: false, error: { code: 'UNAVAILABLE', message: 'The bridge is down.', hint: 'Wait.' } });
  });

  test('reports an invalid handler response as INTERNAL_ERROR instead of passing it on', async () => {
    const invoke = createRouter(handlers({ 'bridge:get-state': () => ({ ...bridgeState, status: 'confused' }) as never }));
    const res = await invoke('bridge:get-state', {});
    assert.equal(!res.ok && res.error.code, 'INTERNAL_ERROR');
  });

  test('passes a valid response through', async () => {
    const invoke = createRouter(handlers({ 'bridge:get-state': () => bridgeState }));
    assert.deepEqual(await invoke('bridge:get-state', undefined), { ok: true, data: bridgeState });
  });

  test('toErrorInfo keeps plain errors as INTERNAL_ERROR with their message', () => {
    assert.deepEqual(toErrorInfo(new Error('disk full')), { code: 'INTERNAL_ERROR', message: 'disk full' });
  });
});
