import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HealthReport, Probe } from '../kernel/contract.ts';
import { whileStarting } from './health-service.ts';

const probe = (status: Probe['status'], summary: string): Probe => ({ status, summary, details: {}, lastError: null, lastErrorAt: null, checkedAt: '2026-01-01T00:00:00Z', latencyMs: null });

test('while the app starts, a probe that is not OK yet is pending (neutral), never an error; OK stays OK', () => {
  const report: HealthReport = {
    database: probe('error', 'The database answers but is not ready.'),
    pgvector: probe('warn', 'pgvector 0.8.0 is on the server but not created in the app database'),
    bridge: probe('ok', 'Ready'),
    embeddings: probe('unavailable', 'Needs the database.'),
    checkedAt: '2026-01-01T00:00:00Z',
  };
  const shown = whileStarting(report);
  assert.deepEqual([shown.database.status, shown.pgvector.status, shown.bridge.status, shown.embeddings.status], ['pending', 'pending', 'ok', 'pending']);
  assert.match(shown.database.summary, /building its database/);
  assert.equal(shown.bridge.summary, 'Ready');
});
