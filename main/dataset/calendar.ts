import { z } from 'zod';
import { YEAR_GROWTH } from './seasonality.ts';

const DAY_MS = 86_400_000;
const AS_OF_MESSAGE = 'The as-of date must be a real calendar date written YYYY-MM-DD, e.g. --as-of 2025-12-31.';

/**
 * The day the data ends on (UTC). Written YYYY-MM-DD and round-tripped through Date, so
 * 2025-02-30 and 2025-13-01 are refused instead of rolling over into another month.
 */
export const asOfSchema = z
  .string({ error: AS_OF_MESSAGE })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, AS_OF_MESSAGE)
  .refine((value) => {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
  }, AS_OF_MESSAGE)
  .refine((value) => value >= '2000-01-01' && value <= '2200-12-31', 'The as-of date must lie between 2000-01-01 and 2200-12-31.');

/** Today in UTC as YYYY-MM-DD: the default as-of date, so "this year" and "yesterday" have answers. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The span the generator fills: six years of orders ending on the as-of date, inclusive. */
export interface DataCalendar {
  asOf: string;
  firstDay: string;
  lastDay: string;
  /** Midnight UTC of the first and last day. */
  firstMs: number;
  lastMs: number;
  /** Catalog rows' created_at: 214 days before the first order (2019-06-01 for the 2025-12-31 build). */
  catalogCreatedMs: number;
  /** For each day, which of the six years it belongs to (0 = oldest): its YEAR_GROWTH index. */
  growthIndex(dayMs: number): number;
}

function shiftYears(iso: string, years: number): number {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

export function dataCalendar(asOf: string): DataCalendar {
  const lastMs = Date.parse(`${asOf}T00:00:00Z`);
  const span = YEAR_GROWTH.length;
  const firstMs = shiftYears(asOf, -span) + DAY_MS;
  // yearEnds[k] is the last day of year k: the as-of date, one year earlier, …
  const yearEnds = Array.from({ length: span }, (_, k) => shiftYears(asOf, k - (span - 1)));
  return {
    asOf,
    firstDay: new Date(firstMs).toISOString().slice(0, 10),
    lastDay: asOf,
    firstMs,
    lastMs,
    catalogCreatedMs: firstMs - 214 * DAY_MS,
    growthIndex: (dayMs) => {
      const k = yearEnds.findIndex((end) => dayMs <= end);
      return k === -1 ? span - 1 : k;
    },
  };
}
