import fs from 'node:fs';
import { dataPaths } from '../main/config/paths.ts';
import { openDatabase } from '../main/db/database.ts';
import type { Scale } from '../main/db/generate.ts';
import { resetDatabase } from '../main/db/reset.ts';
import { makeDataDir } from '../test/helpers/database.ts';
import { distribution, timeIt, treePssMiB, type Distribution } from './stats.ts';

export interface StartupResult {
  scale: Scale;
  coldBuild: Record<string, Distribution>;
  warmStartMs: Distribution;
  rows: Record<string, number>;
  databaseIdlePssMiB?: number;
  /** A data dir holding the last build, for the groups that query it. */
  dataDir: string;
}

/**
 * Cold `db reset` from an empty data dir (initdb, start, schema, data, indexes, roles,
 * embeddings, swap), repeated; then warm start to ready: stop, open, first login answered.
 */
export async function benchStartup(options: { scale: Scale; runs: number; warmRuns?: number; keep?: boolean; log?: (s: string) => void }): Promise<StartupResult> {
  const log = options.log ?? (() => undefined);
  const phases: Record<string, number[]> = {};
  let rows: Record<string, number> = {};
  let dataDir = '';
  for (let run = 0; run < options.runs; run++) {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    dataDir = makeDataDir('zava-bench-');
    log(`startup: cold build ${run + 1}/${options.runs} at ${options.scale} scale`);
    const began = performance.now();
    const target = await openDatabase(dataPaths(dataDir));
    const result = await resetDatabase(target, { scale: options.scale });
    const total = performance.now() - began;
    const split = { initdbMs: target.timings.initdbMs, startMs: target.timings.startMs, ...result.timings, totalMs: total };
    for (const [phase, ms] of Object.entries(split)) (phases[phase] ??= []).push(ms);
    rows = result.counts;
    await target.engine?.stop();
  }
  const warm: number[] = [];
  let databaseIdlePssMiB: number | undefined;
  for (let i = 0; i < (options.warmRuns ?? 5); i++) {
    const paths = dataPaths(dataDir);
    let target: Awaited<ReturnType<typeof openDatabase>> | undefined;
    warm.push(await timeIt(async () => (target = await openDatabase(paths))));
    databaseIdlePssMiB = treePssMiB(target!.engine?.status().pid);
    await target!.engine?.stop();
  }
  return {
    scale: options.scale,
    coldBuild: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, distribution(v)])),
    warmStartMs: distribution(warm),
    rows,
    ...(databaseIdlePssMiB !== undefined ? { databaseIdlePssMiB } : {}),
    dataDir,
  };
}
