// Database build and start-up bench: a cold `db reset` from an empty data dir (split by phase),
// warm starts of an existing cluster, and rows per table. Run alone:
//   node --import tsx bench/db-build.ts [--scale default] [--runs 3] [--warm 5] [--seed 42] [--json]
// or call benchDatabaseBuild() from an all-in-one harness.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { dataPaths } from '../main/kernel/config/paths.ts';
import { adminClient, openDatabase, type DatabaseTarget } from '../main/db/database.ts';
import { DEFAULT_SEED, scaleSchema, seedSchema, type Scale } from '../main/dataset/generate.ts';
import { resetDatabase } from '../main/dataset/reset.ts';
import { query } from '../main/db/sql-files.ts';
import { distribution, treePssMiB, type Distribution } from './stats.ts';

export interface DbBuildOptions {
  scale?: Scale;
  /** Cold builds, each from its own empty data dir. */
  runs?: number;
  /** Warm starts measured after each cold build. */
  warmStarts?: number;
  seed?: number;
  /** Progress lines (the CLI prints them to stderr). */
  onProgress?: (line: string) => void;
  /** Keep the last run's data dir (stopped) for later groups of `npm run bench`; the caller deletes it. */
  keep?: boolean;
}

export interface DbBuildResult {
  scale: Scale;
  seed: number;
  runs: number;
  /**
   * Cold build phases: `initdbMs` and `startMs` from openDatabase, the rest from resetDatabase
   * (`schemaMs`, `dataMs`, `indexesMs`, `rolesMs`, `swapMs`, … as it reports them; `resetMs` is
   * its total), and `totalMs`, empty data dir to a built database.
   */
  cold: Record<string, Distribution>;
  /** Stopped server → openDatabase accepting connections, over runs × warmStarts samples. */
  warmStart: Distribution;
  rows: Record<string, number>;
  targets: { coldTotalMs: number; warmStartMs: number };
  meetsTargets: { coldTotal: boolean; warmStart: boolean };
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  /** PSS of the idle server (postmaster and its processes) after a warm start, where /proc exists. */
  databaseIdlePssMiB?: number;
  /** With `keep`: the last run's data dir. */
  dataDir?: string;
}

/** The targets, for the default scale. */
export const DB_BUILD_TARGETS = { coldTotalMs: 20_000, warmStartMs: 1_000 };


async function countRows(target: DatabaseTarget): Promise<Record<string, number>> {
  const client = await adminClient(target);
  try {
    const { rows } = await client.query<{ table_name: string; row_count: string }>(query('row_counts'));
    return Object.fromEntries(rows.map((r) => [r.table_name, Number(r.row_count)]));
  } finally {
    await client.end();
  }
}

/** Builds the database `runs` times from nothing and measures each phase and warm starts. */
export async function benchDatabaseBuild(options: DbBuildOptions = {}): Promise<DbBuildResult> {
  const scale = options.scale ?? 'default';
  const seed = options.seed ?? DEFAULT_SEED;
  const runs = Math.max(1, options.runs ?? 3);
  const warmStarts = Math.max(1, options.warmStarts ?? 5);
  const say = options.onProgress ?? (() => undefined);
  const phases = new Map<string, number[]>();
  const record = (name: string, ms: number) => phases.set(name, [...(phases.get(name) ?? []), ms]);
  const warm: number[] = [];
  let rows: Record<string, number> = {};
  let databaseIdlePssMiB: number | undefined;
  let kept: string | undefined;

  for (let run = 1; run <= runs; run++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-bench-'));
    const paths = dataPaths(dir);
    let target: DatabaseTarget | undefined;
    try {
      const began = performance.now();
      target = await openDatabase(paths);
      const build = await resetDatabase(target, { scale, seed });
      const total = performance.now() - began;
      record('initdbMs', target.timings.initdbMs);
      record('startMs', target.timings.startMs);
      for (const [name, ms] of Object.entries(build.timings)) record(name === 'totalMs' ? 'resetMs' : name, ms);
      record('totalMs', total);
      rows = await countRows(target);
      say(`run ${run}/${runs}: cold build ${(total / 1000).toFixed(1)} s`);

      for (let i = 0; i < warmStarts; i++) {
        await target.engine!.stop();
        const t = performance.now();
        const again = await openDatabase(paths);
        warm.push(performance.now() - t);
        if (!again.startedHere) throw new Error('warm start attached to a running server instead of starting it');
        databaseIdlePssMiB = treePssMiB(again.engine!.status().pid) ?? databaseIdlePssMiB;
        await again.engine!.release();
      }
      say(`run ${run}/${runs}: warm starts ${warm.slice(-warmStarts).map((ms) => ms.toFixed(0)).join(', ')} ms`);
    } finally {
      await target?.engine?.stop().catch(() => undefined);
      await target?.engine?.release().catch(() => undefined);
      if (options.keep && run === runs) kept = dir;
      else fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const cold = Object.fromEntries([...phases].map(([name, samples]) => [name, distribution(samples)]));
  const warmStart = distribution(warm);
  return {
    scale,
    seed,
    runs,
    cold,
    warmStart,
    rows,
    targets: DB_BUILD_TARGETS,
    meetsTargets: { coldTotal: cold.totalMs!.median <= DB_BUILD_TARGETS.coldTotalMs, warmStart: warmStart.median <= DB_BUILD_TARGETS.warmStartMs },
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` },
    ...(databaseIdlePssMiB !== undefined ? { databaseIdlePssMiB } : {}),
    ...(kept ? { dataDir: kept } : {}),
  };
}

const PHASE_LABELS: Record<string, string> = {
  initdbMs: 'initdb',
  startMs: 'start',
  schemaMs: 'schema',
  dataMs: 'data (generate + COPY)',
  indexesMs: 'keys + indexes',
  rolesMs: 'roles',
  embeddingsMs: 'embeddings',
  swapMs: 'swap',
  resetMs: '`resetDatabase` total',
  totalMs: '**cold build total** (empty dir → built)',
};

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

/** The result as Markdown tables. */
export function formatDbBuildMarkdown(r: DbBuildResult): string {
  const lines = [
    `### Database build — ${r.scale} scale, seed ${r.seed}, ${r.runs} run${r.runs === 1 ? '' : 's'} (${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node})`,
    '',
    '| Phase | Median | Min | Max |',
    '|---|---:|---:|---:|',
  ];
  const order = [...Object.keys(PHASE_LABELS).filter((k) => r.cold[k]), ...Object.keys(r.cold).filter((k) => !PHASE_LABELS[k])];
  for (const key of order) {
    const s = r.cold[key]!;
    lines.push(`| ${PHASE_LABELS[key] ?? key} | ${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)} |`);
  }
  const w = r.warmStart;
  lines.push(`| **warm start** (stopped → accepting), ${w.n} samples | ${ms(w.median)} | ${ms(w.min)} | ${ms(w.max)} |`);
  lines.push('');
  lines.push(
    `Targets: cold build ≤ ${ms(r.targets.coldTotalMs)}: ${r.meetsTargets.coldTotal ? 'met' : '**missed**'}; warm start ≤ ${ms(r.targets.warmStartMs)}: ${r.meetsTargets.warmStart ? 'met' : '**missed**'}.`,
  );
  lines.push('', '| Table | Rows |', '|---|---:|');
  for (const [table, n] of Object.entries(r.rows)) lines.push(`| ${table} | ${n.toLocaleString('en-US')} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'default' },
      runs: { type: 'string', default: '3' },
      warm: { type: 'string', default: '5' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      json: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const warmStarts = Number(values.warm);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmStarts) || warmStarts < 1) throw new Error('--runs and --warm must be whole numbers ≥ 1.');
  const result = await benchDatabaseBuild({
    scale: scaleSchema.parse(values.scale),
    seed: seedSchema.parse(values.seed),
    runs,
    warmStarts,
    onProgress: (line) => process.stderr.write(`db-build: ${line}\n`),
  });
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatDbBuildMarkdown(result)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: Error) => {
    process.stderr.write(`db-build: ${error.message}\n`);
    process.exitCode = 1;
  });
}
