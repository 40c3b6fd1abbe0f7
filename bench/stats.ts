import fs from 'node:fs';

/** Summary of repeated measurements: the median with its spread, never a single run. */
export interface Distribution {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function distribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { n: sorted.length, median: round(at(50)), p95: round(at(95)), min: round(sorted[0] ?? 0), max: round(sorted.at(-1) ?? 0) };
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Proportional set size (shared pages split fairly) of a process in MiB, from /proc; undefined elsewhere. */
export function pssMiB(pid: number | null | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1]);
    return Number.isFinite(kb) ? Math.round((kb / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** A process and all its descendants (e.g. the postmaster and its backends). */
export function processTree(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/).map(Number) : []) out.push(...processTree(child));
    }
  } catch {
    // Gone meanwhile, or not Linux.
  }
  return out;
}

/** PSS of a whole process tree in MiB. */
export function treePssMiB(pid: number | null | undefined): number | undefined {
  if (!pid) return undefined;
  const values = processTree(pid).map((p) => pssMiB(p) ?? 0);
  return Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10;
}
