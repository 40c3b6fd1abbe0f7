import pg from 'pg';
import { dataPaths } from '../main/kernel/config/paths.ts';
import { identityConfig, openDatabase } from '../main/db/database.ts';
import type { Scale } from '../main/dataset/generate.ts';
import { resolveIdentity } from '../main/db/identities.ts';
import { QUESTIONS } from './questions.ts';
import { distribution, timeIt, type Distribution } from './stats.ts';

export interface ScalePoint {
  scale: Scale;
  orders: number;
  questions: Record<string, Distribution>;
}

export interface ScaleResult {
  points: ScalePoint[];
  /** Per question: median latency ratio between consecutive scales, normalised to a 10x data step. */
  growthPer10x: Record<string, number>;
  geometricMeanGrowthPer10x: number;
}

/** The fixed questions as head office, direct through `pg`, on databases of growing size. */
export async function benchScalePoint(dataDir: string, scale: Scale, repeats: number): Promise<ScalePoint> {
  const target = await openDatabase(dataPaths(dataDir));
  const client = new pg.Client(identityConfig(target, resolveIdentity('head-office')));
  await client.connect();
  try {
    const orders = Number((await client.query('SELECT count(*) FROM retail.orders')).rows[0].count);
    const questions: Record<string, Distribution> = {};
    for (const q of QUESTIONS) {
      await client.query(q.sql);
      const samples: number[] = [];
      for (let i = 0; i < repeats; i++) samples.push(await timeIt(() => client.query(q.sql)));
      questions[q.id] = distribution(samples);
    }
    return { scale, orders, questions };
  } finally {
    await client.end();
    await target.engine?.stop();
  }
}

export function summariseScale(points: ScalePoint[]): ScaleResult {
  const growthPer10x: Record<string, number> = {};
  const logs: number[] = [];
  for (const q of QUESTIONS) {
    const ratios: number[] = [];
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      const dataStep = b.orders / a.orders;
      const ratio = b.questions[q.id]!.median / a.questions[q.id]!.median;
      // Normalise to a 10x step: ratio ^ (1 / log10(step)).
      ratios.push(Math.pow(ratio, 1 / Math.log10(dataStep)));
    }
    const mean = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / Math.max(1, ratios.length));
    growthPer10x[q.id] = Math.round(mean * 100) / 100;
    logs.push(Math.log(mean));
  }
  return { points, growthPer10x, geometricMeanGrowthPer10x: Math.round(Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length) * 100) / 100 };
}
