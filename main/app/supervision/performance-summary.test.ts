import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { dataPaths } from '../../kernel/config/paths.ts';
import { performanceSummary } from './performance-summary.ts';
import { tempDir } from '../../../test/helpers/temp-dirs.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');

function record(minutesAgo: number, tool: string, durationMs: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ ts: new Date(NOW - minutesAgo * 60_000).toISOString(), tool, identity: 'seattle', durationMs, status: 'ok', cacheHit: false, correlationId: 'c', pid: 1, ...extra });
}

describe('performance summary', () => {
  const paths = dataPaths(tempDir('zava-metrics-'));
  fs.mkdirSync(paths.metrics, { recursive: true });
  fs.writeFileSync(
    path.join(paths.metrics, 'calls-1.jsonl'),
    [record(1, 'execute_sales_query', 10), record(2, 'execute_sales_query', 30, { cacheHit: true }), record(3, 'execute_sales_query', 2000, { status: 'error', errorCode: 'QUERY_TIMEOUT' }), record(600, 'execute_sales_query', 5)].join('\n') + '\n{"torn',
  );
  fs.writeFileSync(path.join(paths.metrics, 'calls-2.jsonl'), record(5, 'semantic_search_products', 40, { pid: 2 }) + '\n');

  test('summarises every bridge process per tool within the window', () => {
    const s = performanceSummary(paths, { windowMinutes: 60, slowThresholdMs: 1000, now: NOW });
    assert.equal(s.totalCalls, 4);
    assert.equal(s.processes, 2);
    const sql = s.tools.find((t) => t.tool === 'execute_sales_query')!;
    assert.deepEqual({ count: sql.count, errors: sql.errors, slow: sql.slowCalls, p50: sql.p50, max: sql.maxMs }, { count: 3, errors: 1, slow: 1, p50: 30, max: 2000 });
    assert.ok(Math.abs((sql.cacheHitRatio ?? 0) - 0.33) < 0.01);
  });

  test('buckets latency over time and lists the slowest calls', () => {
    const s = performanceSummary(paths, { windowMinutes: 60, slowThresholdMs: 1000, now: NOW, buckets: 12 });
    assert.equal(s.series.length, 12);
    assert.equal(s.series.reduce((n, b) => n + b.count, 0), 4);
    assert.equal(s.slowest[0]!.durationMs, 2000);
    assert.equal(s.slowest[0]!.errorCode, 'QUERY_TIMEOUT');
  });
});
