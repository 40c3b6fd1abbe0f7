import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asOfSchema, dataCalendar, todayUtc } from './calendar.ts';
import { YEAR_GROWTH } from './seasonality.ts';

describe('data calendar', () => {
  it('spans six years ending on the as-of date: 2025-12-31 gives the original 2020–2025 data set', () => {
    const c = dataCalendar('2025-12-31');
    assert.equal(c.firstDay, '2020-01-01');
    assert.equal(c.lastDay, '2025-12-31');
    assert.equal(new Date(c.catalogCreatedMs).toISOString().slice(0, 10), '2019-06-01');
    // Calendar years map onto the growth table exactly as before (2020 → first entry, 2025 → last).
    assert.equal(c.growthIndex(Date.parse('2020-06-01T00:00:00Z')), 0);
    assert.equal(c.growthIndex(Date.parse('2024-12-31T00:00:00Z')), 4);
    assert.equal(c.growthIndex(Date.parse('2025-01-01T00:00:00Z')), YEAR_GROWTH.length - 1);
  });

  it('moves with the as-of date: growth follows years counted back from it', () => {
    const c = dataCalendar('2026-11-30');
    assert.equal(c.firstDay, '2020-12-01');
    assert.equal(c.growthIndex(Date.parse('2025-11-30T00:00:00Z')), 4);
    assert.equal(c.growthIndex(Date.parse('2025-12-01T00:00:00Z')), 5);
    assert.equal(c.growthIndex(Date.parse('2020-12-01T00:00:00Z')), 0);
  });

  it('defaults to the build day in UTC', () => {
    assert.equal(todayUtc(new Date('2026-11-30T23:59:59Z')), '2026-11-30');
    assert.equal(todayUtc(new Date('2026-12-01T00:00:00+01:00')), '2026-11-30');
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    assert.equal(asOfSchema.parse(' 2024-02-29 '), '2024-02-29');
    for (const bad of ['2025-02-30', '2023-02-29', '2025-13-01', '2025-1-5', '31/12/2025', 'today', '', '1999-12-31', '2025-12-31T00:00']) {
      const parsed = asOfSchema.safeParse(bad);
      assert.equal(parsed.success, false, bad);
      assert.match(parsed.error!.issues[0]!.message, /as-of date/);
    }
  });
});
