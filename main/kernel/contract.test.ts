import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHANNELS, EVENTS } from './channels.ts';
import { contract, eventSchemas } from './contract.ts';

describe('IPC contract', () => {
  test('every channel has request and response schemas, and nothing else is in the contract', () => {
    assert.deepEqual(Object.keys(contract).sort(), [...CHANNELS].sort());
    for (const spec of Object.values(contract)) {
      assert.equal(typeof spec.request.safeParse, 'function');
      assert.equal(typeof spec.response.safeParse, 'function');
    }
  });

  test('channel and event names follow area:verb-noun', () => {
    for (const name of [...CHANNELS, ...EVENTS]) assert.match(name, /^[a-z]+:[a-z]+-[a-z]+(-[a-z]+)*$/, name);
  });

  test('every event has a payload schema', () => {
    assert.deepEqual(Object.keys(eventSchemas).sort(), [...EVENTS].sort());
  });

  test('database:reset-data requires the typed confirmation', () => {
    assert.equal(contract['database:reset-data'].request.safeParse({ scale: 'tiny' }).success, false);
    assert.equal(contract['database:reset-data'].request.safeParse({ scale: 'tiny', confirm: 'RESET' }).success, true);
  });
});
