import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ChildSupervision } from './child-supervision.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ChildSupervision', () => {
  test('restarts a failed child with growing delays, once per failure, and ignores old children', async () => {
    const s = new ChildSupervision({ initialMs: 5, factor: 2, maxMs: 40, resetAfterMs: 10_000 });
    const respawned: number[] = [];
    const first = s.begin();
    assert.equal(s.failed(first, (next) => respawned.push(next)), 5);
    assert.equal(s.failed(first, (next) => respawned.push(next)), undefined, 'the same child failing twice is handled once');
    await sleep(30);
    assert.equal(respawned.length, 1);
    const second = respawned[0]!;
    assert.ok(s.isCurrent(second) && !s.isCurrent(first));
    assert.equal(s.failed(second, (next) => respawned.push(next)), 10);
    s.retire();
    await sleep(30);
    assert.equal(respawned.length, 1, 'a retired schedule respawns nothing');
  });

  test('a child that stayed up long enough starts the count again; a fresh start does too', async () => {
    const s = new ChildSupervision({ initialMs: 5, factor: 2, maxMs: 40, resetAfterMs: 10 });
    let gen = s.begin();
    s.failed(gen, () => undefined);
    gen = s.begin();
    assert.equal(s.failed(gen, () => undefined), 10);
    gen = s.begin();
    s.ready(gen);
    await sleep(30);
    assert.equal(s.failed(gen, () => undefined), 5);
    s.fresh();
    assert.equal(s.failed(s.fresh(), () => undefined), 5);
    s.retire();
  });
});
