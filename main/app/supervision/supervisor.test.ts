// run-tests: own process (it starts and kills bridge children and waits out real backoff timers).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { fakeBridgeLaunch } from '../../../test/helpers/fake-bridge.ts';
import type { BridgeState } from '../../kernel/contract.ts';
import { BridgeSupervisor } from './supervisor.ts';

function waitFor(supervisor: BridgeSupervisor, predicate: (s: BridgeState) => boolean, timeoutMs = 20_000): Promise<BridgeState> {
  if (predicate(supervisor.getState())) return Promise.resolve(supervisor.getState());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`timed out; state ${JSON.stringify(supervisor.getState())}`))), timeoutMs);
    const off = supervisor.onState((s) => {
      if (predicate(s)) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
  });
}

describe('BridgeSupervisor', () => {
  const supervisors: BridgeSupervisor[] = [];
  const make = (identity: string, env: Record<string, string> = {}) => {
    const s = new BridgeSupervisor({ identity, launch: (id) => fakeBridgeLaunch(id, env), backoff: { initialMs: 100, maxMs: 400 } });
    supervisors.push(s);
    return s;
  };
  after(async () => {
    for (const s of supervisors) await s.stop();
  });

  test('starts the child, connects, and calls tools as its identity', async () => {
    const s = make('seattle');
    s.start();
    await s.whenReady(20_000);
    const state = s.getState();
    assert.equal(state.status, 'ready');
    assert.ok(state.pid && state.pid > 0);
    const result = await s.callTool('echo', { text: 'hi' });
    assert.deepEqual(result.structuredContent, { c: ['text', 'user'], r: [['hi', 'seattle']], n: 1 });
    assert.ok((await s.ping()) >= 0);
    assert.deepEqual((await s.listTools()).map((t) => t.name).sort(), ['echo', 'fail']);
  });

  test('restarts a killed child with the signal as the reason, and recovers', async () => {
    const s = make('tacoma');
    s.start();
    const first = await s.whenReady(20_000).then(() => s.getState());
    const seen: string[] = [];
    s.onState((st) => seen.push(st.status));
    process.kill(first.pid!, 'SIGKILL');
    const restarting = await waitFor(s, (st) => st.status === 'restarting');
    assert.match(restarting.lastError ?? '', /killed by SIGKILL/);
    assert.equal(restarting.restarts, 1);
    const back = await waitFor(s, (st) => st.status === 'ready');
    assert.notEqual(back.pid, first.pid);
    assert.ok(seen.indexOf('restarting') < seen.lastIndexOf('ready'));
    assert.equal((await s.callTool('echo', { text: 'again' })).isError, undefined);
  });

  test('keeps retrying with backoff when the child cannot start, naming its stderr', async () => {
    const s = make('spokane', { FAKE_BRIDGE_FAIL: '1' });
    s.start();
    const st = await waitFor(s, (x) => x.restarts >= 2);
    assert.equal(st.status, 'restarting');
    assert.match(st.lastError ?? '', /refusing to start as spokane/);
    assert.ok(st.nextRetryAt);
    await s.stop();
    assert.equal(s.getState().status, 'stopped');
    await assert.rejects(s.whenReady(100), /stopped/);
  });

  test('restart(identity) replaces the child as the new identity', async () => {
    const s = make('seattle');
    s.start();
    await s.whenReady(20_000);
    await s.restart('head-office');
    await s.whenReady(20_000);
    assert.equal(s.getState().identity, 'head-office');
    const result = await s.callTool('echo', { text: 'x' });
    assert.deepEqual((result.structuredContent as { r: unknown[][] }).r[0], ['x', 'head-office']);
  });
});
