import readline from 'node:readline/promises';
import { z } from 'zod';
import { dataPaths } from '../kernel/config/paths.ts';
import { openDatabase } from '../db/database.ts';
import { EmbeddedEngine } from '../db/engine.ts';
import { scaleSchema, seedSchema, DEFAULT_SEED } from '../dataset/generate.ts';
import { resetDatabase } from '../dataset/reset.ts';
import { withResetLock } from '../dataset/reset-lock.ts';
import { ZavaError } from '../kernel/errors.ts';
import { parseFlags } from './args.ts';
import { printJson, progressLine, UsageError } from './output.ts';
import { withDatabase } from './with-database.ts';

const portSchema = z.coerce.number({ error: 'The port must be a number between 1024 and 65535.' }).int().min(1024).max(65535);

/** `zava-mcp db reset|start|stop`. */
export async function dbCommand(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  switch (verb) {
    case 'reset':
      return reset(rest);
    case 'start':
      return start(rest);
    case 'stop':
      return stop();
    default:
      throw new UsageError(verb ? `Unknown db command "${verb}": use reset, start or stop.` : 'Missing db command: use reset, start or stop.');
  }
}

function parseOrUsage<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Invalid value.');
  return parsed.data;
}

async function reset(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    scale: { type: 'string', default: 'default' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    port: { type: 'string' },
    yes: { type: 'boolean', short: 'y', default: false },
    json: { type: 'boolean', default: false },
  });
  // Everything is validated before anything is touched: bad input leaves the database intact.
  const scale = parseOrUsage(scaleSchema, values.scale);
  const seed = parseOrUsage(seedSchema, values.seed === '' ? 'x' : values.seed);
  const port = values.port === undefined ? undefined : parseOrUsage(portSchema, values.port);
  if (!values.yes && !(await confirm(`Rebuild the database at ${scale} scale (seed ${seed})? Existing data will be replaced.`))) {
    throw new UsageError('Not confirmed: pass --yes to rebuild without asking (stdin is not a terminal).');
  }
  const result = await withDatabase(
    async (target) => {
      progressLine(`db reset: ${scale} scale, seed ${seed}, ${target.kind} database on port ${target.port}`);
      let lastPhase = '';
      let lastPercent = -10;
      const res = await withResetLock(target, () => resetDatabase(target, {
        scale,
        seed,
        onProgress: (p) => {
          const percent = Math.round(p.fraction * 100);
          if (p.phase !== lastPhase || percent >= lastPercent + 10 || p.phase === 'done') {
            progressLine(`[${String(percent).padStart(3)}%] ${p.phase}: ${p.message}`);
            lastPhase = p.phase;
            lastPercent = percent;
          }
        },
      }));
      return { ...res, timings: { initdbMs: target.timings.initdbMs, startMs: target.timings.startMs, ...res.timings } };
    },
    port === undefined ? {} : { port },
  );
  if (values.json) printJson(result);
  else {
    progressLine(`db reset: done in ${(result.timings.totalMs / 1000).toFixed(1)} s`);
    for (const [table, n] of Object.entries(result.counts)) progressLine(`  ${table.padEnd(14)} ${n.toLocaleString('en-US')}`);
    for (const s of result.skippedMigrations) progressLine(`  skipped ${s.name}: ${s.reason}`);
  }
  return 0;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** Starts (or attaches to) the embedded server and pins it so it keeps running after this command. */
async function start(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { port: { type: 'string' } });
  const port = values.port === undefined ? undefined : parseOrUsage(portSchema, values.port);
  const target = await openDatabase(dataPaths(), port === undefined ? {} : { port });
  if (!target.engine) throw new ZavaError('CONFIG_ERROR', 'ZAVA_DATABASE_URL is set: there is no embedded server to start.');
  target.engine.leases.pin();
  target.engine.leases.release();
  progressLine(`database ${target.startedHere ? 'started' : 'already running'} on 127.0.0.1:${target.port}`);
  return 0;
}

async function stop(): Promise<number> {
  const engine = new EmbeddedEngine(dataPaths());
  engine.leases.unpin();
  const stopped = await engine.stop();
  progressLine(stopped ? 'database stopped' : 'database was not running');
  return 0;
}

export { withDatabase };
