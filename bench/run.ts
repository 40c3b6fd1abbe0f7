// One benchmark command: `npm run bench -- [--scale small|default|large] [--only group,…] [--quick | --smoke]
// [--questions id,…] [--data-dir DIR]`. --data-dir reuses a database already built at that scale
// (`ZAVA_DATA_DIR=DIR zava-mcp db reset --scale large`): no build timings, and the dir is kept.
// Writes bench/results/<date>.json and .md: every figure a median with its spread over repeated
// runs, with machine facts and the baseline that gives it meaning, measured in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { dataPaths } from '../main/kernel/config/paths.ts';
import { adminConfig, openDatabase } from '../main/db/database.ts';
import { EmbeddedEngine } from '../main/db/engine.ts';
import { scaleSchema, type Scale } from '../main/dataset/generate.ts';
import { benchBridge } from './bridge.ts';
import { markdownReport } from './report.ts';
import { benchScalePoint, summariseScale } from './scale.ts';
import { benchDatabaseBuild, type DbBuildResult } from './db-build.ts';
import { QUESTIONS } from './questions.ts';

const GROUPS = ['startup', 'tools', 'concurrency', 'peers', 'search', 'scale', 'memory'] as const;
type Group = (typeof GROUPS)[number];
const here = path.dirname(fileURLToPath(import.meta.url));

export interface BenchOptions {
  scale: Scale;
  only: Group[];
  quick: boolean;
  /**
   * One repetition of everything (implies quick): the harness test's setting, which checks that
   * every group runs and the report is well formed, not the figures.
   */
  smoke?: boolean;
  outDir: string;
  /** Question ids the tools group times (default: all). */
  questions?: string[];
  /** A database built beforehand at `scale`, used as it is and kept. */
  dataDir?: string;
  log: (line: string) => void;
}

async function machineFacts(dataDir: string) {
  const target = await openDatabase(dataPaths(dataDir));
  const client = new pg.Client(adminConfig(target));
  await client.connect();
  const row = (await client.query("SELECT current_setting('server_version') AS v, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vec")).rows[0];
  await client.end();
  await target.engine?.stop();
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: row.v as string,
    pgvector: (row.vec as string | null) ?? 'absent',
  };
}

/** Runs the chosen groups; returns the report object (also written to disk). */
export async function runBench(options: BenchOptions): Promise<Record<string, any>> {
  const { scale, log } = options;
  const smoke = options.smoke === true;
  const quick = options.quick || smoke;
  const wants = (g: Group) => options.only.includes(g);
  const flags = [
    `--scale ${scale}`,
    ...(options.only.length < GROUPS.length ? [`--only ${options.only.join(',')}`] : []),
    ...(smoke ? ['--smoke'] : quick ? ['--quick'] : []),
    ...(options.questions ? [`--questions ${options.questions.join(',')}`] : []),
    ...(options.dataDir ? ['--data-dir <built dir>'] : []),
  ];
  const report: Record<string, any> = { date: new Date().toISOString(), command: `npm run bench -- ${flags.join(' ')}`, scale };
  const built = new Map<Scale, DbBuildResult & { dataDir: string }>();
  const buildAt = async (s: Scale, runs: number) => {
    const result = await benchDatabaseBuild({ scale: s, runs, warmStarts: smoke ? 1 : quick ? 2 : 5, keep: true, onProgress: log });
    const withDir = { ...result, dataDir: result.dataDir! };
    built.set(s, withDir);
    return withDir;
  };

  if (options.dataDir && wants('startup')) throw new Error('--data-dir reuses a built database: drop the startup group (it times builds).');
  const main = options.dataDir ? { dataDir: options.dataDir } : await buildAt(scale, wants('startup') ? (quick ? 1 : 3) : 1);
  if (wants('startup') && 'cold' in main) report.startup = { [scale]: stripDir(main) };
  report.machine = await machineFacts(main.dataDir);

  if (wants('tools') || wants('concurrency') || wants('memory')) {
    const bridge = await benchBridge({
      dataDir: main.dataDir,
      repeats: smoke ? 1 : quick ? 3 : 9,
      concurrency: wants('concurrency') ? (smoke ? [1, 2] : quick ? [1, 4] : [1, 4, 16]) : [],
      ...(smoke ? { callsPerLevel: 20, starts: 1 } : {}),
      ...(options.questions ? { questions: options.questions } : {}),
      log,
    });
    if (wants('tools')) report.tools = bridge;
    if (wants('memory')) report.memory = { databaseIdle: 'databaseIdlePssMiB' in main ? main.databaseIdlePssMiB : undefined, bridgeIdle: bridge.memory.bridgeIdlePssMiB, bridgeAfterLoad: bridge.memory.bridgeAfterLoadPssMiB };
  }

  if (wants('peers')) {
    log('peers: other PostgreSQL MCP servers on the same database');
    const { benchPeers } = await import('./peers.ts');
    report.peers = await benchPeers({ dataDir: main.dataDir, repeats: quick ? 3 : 5, starts: quick ? 3 : 9, log });
  }

  if (wants('search')) {
    log('search: evaluation and latency');
    const { runSearchEval, formatEvalReports } = await import('./search-eval.ts');
    const { measureSearchLatency, formatLatencyReport } = await import('./search-latency.ts');
    const evaluation = await runSearchEval();
    const latency = await measureSearchLatency({ scale: scale === 'large' ? 'default' : scale, rounds: quick ? 1 : 3, log });
    report.search = { evaluation, latency, text: `${formatEvalReports(evaluation)}\n\n${formatLatencyReport(latency)}` };
  }

  if (wants('scale')) {
    const scales: Scale[] = quick ? ['tiny', 'small'] : ['small', 'default', 'large'];
    const points = [];
    for (const s of scales) {
      const b = s === scale ? main : (built.get(s) ?? (await buildAt(s, 1)));
      log(`scale: questions at ${s}`);
      points.push(await benchScalePoint(b.dataDir, s, s === 'large' ? 3 : smoke ? 1 : quick ? 2 : 5));
    }
    report.scaling = summariseScale(points);
  }

  // A bridge still closing may hold the last lease for a moment and leave its server running with
  // its directory gone: stop each server outright before the directory goes.
  for (const b of built.values()) {
    await new EmbeddedEngine(dataPaths(b.dataDir)).stop().catch(() => undefined);
    fs.rmSync(b.dataDir, { recursive: true, force: true });
  }
  fs.mkdirSync(options.outDir, { recursive: true });
  const stem = path.join(options.outDir, report.date.slice(0, 10) + (smoke ? '-smoke' : quick ? '-quick' : ''));
  fs.writeFileSync(`${stem}.json`, JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(`${stem}.md`, markdownReport(report) + '\n');
  log(`bench: wrote ${stem}.json and ${stem}.md`);
  report.files = [`${stem}.json`, `${stem}.md`];
  return report;
}

function stripDir(result: DbBuildResult): Omit<DbBuildResult, 'dataDir'> {
  const { dataDir: _dataDir, ...rest } = result;
  return rest;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'default' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
      questions: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const scale = scaleSchema.parse(values.scale);
  const only = (values.only ? values.only.split(',') : [...GROUPS]).map((g) => {
    if (!(GROUPS as readonly string[]).includes(g)) throw new Error(`Unknown group "${g}": use ${GROUPS.join(', ')}.`);
    return g as Group;
  });
  const questions = values.questions?.split(',');
  const unknown = questions?.filter((id) => !QUESTIONS.some((q) => q.id === id)) ?? [];
  if (unknown.length) throw new Error(`Unknown question "${unknown[0]}": use ${QUESTIONS.map((q) => q.id).join(', ')}.`);
  await runBench({
    scale,
    only,
    quick: values.quick,
    smoke: values.smoke,
    outDir: values.out ?? path.join(here, 'results'),
    ...(questions ? { questions } : {}),
    ...(values['data-dir'] ? { dataDir: path.resolve(values['data-dir']) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
