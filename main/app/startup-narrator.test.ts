import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppState } from '../kernel/contract.ts';
import { startupNarrator } from './startup-narrator.ts';

const state = (phase: AppState['phase'], message: string, progress: AppState['progress'] = null, error: string | null = null): AppState => ({
  phase, message, progress, error, shell: 'web', dataDir: '/d', version: '0', startedAt: '', readyAt: null,
});

test('the narrator prints each phase once, build progress by tenths, and one ready line at the end', () => {
  const narrate = startupNarrator(() => 'ready: http://127.0.0.1:1/?token=t');
  const lines = [
    state('database', 'Starting the database…'),
    state('database', 'Starting the database…'),
    state('building', 'Building the tiny data set…', { phase: 'data', fraction: 0.05, message: 'Loaded 1 of 100 orders' }),
    state('building', 'Building the tiny data set…', { phase: 'data', fraction: 0.06, message: 'Loaded 2 of 100 orders' }),
    state('building', 'Building the tiny data set…', { phase: 'data', fraction: 0.31, message: 'Loaded 40 of 100 orders' }),
    state('building', 'Building the tiny data set…', { phase: 'indexes', fraction: 0.72, message: 'Building keys and indexes…' }),
    state('bridge', 'Starting the MCP bridge…'),
    state('ready', 'Ready.'),
    state('ready', 'Ready.'),
  ].flatMap(narrate);
  assert.deepEqual(lines, [
    'Starting the database…',
    'Building the tiny data set…',
    '    5%  Loaded 1 of 100 orders',
    '   31%  Loaded 40 of 100 orders',
    '   72%  Building keys and indexes…',
    'Starting the MCP bridge…',
    'ready: http://127.0.0.1:1/?token=t',
  ]);
});

test('a failed start-up ends with its reason', () => {
  const narrate = startupNarrator(() => 'ready');
  assert.deepEqual([state('database', 'Starting…'), state('error', 'Start-up failed.', null, 'port in use')].flatMap(narrate), ['Starting…', 'start-up failed: port in use']);
});
