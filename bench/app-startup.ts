// Measures the app (web shell, the same core the desktop app runs): launch → ready and → first
// tool answer, cold (first run, tiny data) and warm; memory of main, bridge and database at idle;
// renderer bundle size. Usage: node --import tsx bench/app-startup.ts [--scale tiny|small|default]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ensureRendererBuilt, RENDERER_DIST } from '../main/web/renderer-build.ts';
import { makeDataDir } from '../test/helpers/database.ts';
import { startDashboard, type RunningDashboard } from '../test/helpers/web-dashboard.ts';

const scale = process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1]! : 'tiny';

async function invoke(d: RunningDashboard, channel: string, request: unknown = {}): Promise<any> {
  const res = await fetch(`${d.base}api/invoke/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.data;
}

async function launch(dataDir: string): Promise<{ d: RunningDashboard; urlMs: number; readyMs: number; firstAnswerMs: number }> {
  const d = await startDashboard({ dataDir, keepDataDir: true, scale });
  for (;;) {
    const state = await invoke(d, 'app:get-state');
    if (state.phase === 'ready') break;
    if (state.phase === 'error') throw new Error(state.error);
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = Date.now() - d.spawnedAt;
  const answer = await invoke(d, 'playground:call-tool', { tool: 'execute_sales_query', args: { postgresql_query: 'SELECT count(*) FROM retail.orders' } });
  if (answer.isError) throw new Error(answer.text);
  return { d, urlMs: d.urlAfterMs, readyMs, firstAnswerMs: Date.now() - d.spawnedAt };
}

/** Proportional set size (shared pages split among sharers), in MiB; falls back to RSS. */
function memoryMiB(pid: number): { rss: number; pss: number } {
  const kb = (file: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(file, 'utf8'))?.[1] ?? 0);
  const rss = kb(`/proc/${pid}/status`, 'VmRSS');
  let pss = rss;
  try {
    pss = kb(`/proc/${pid}/smaps_rollup`, 'Pss');
  } catch {
    // Older kernels: RSS only.
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

function postgresPids(dataDir: string): number[] {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  return [postmaster, ...children];
}

await ensureRendererBuilt();
const dataDir = makeDataDir('zava-bench-');
const cold = await launch(dataDir);
await cold.d.stop();
const warm = await launch(dataDir);
await new Promise((r) => setTimeout(r, 3000)); // idle
const bridge = (await invoke(warm.d, 'bridge:get-state')).pid as number;
const pg = postgresPids(dataDir).map(memoryMiB);
const sum = (xs: { rss: number; pss: number }[]) => ({ rss: xs.reduce((n, x) => n + x.rss, 0), pss: xs.reduce((n, x) => n + x.pss, 0) });
const memory = { main: memoryMiB(warm.d.child.pid!), bridge: memoryMiB(bridge), database: { ...sum(pg), processes: pg.length } };
await warm.d.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

const assets = fs.readdirSync(path.join(RENDERER_DIST, 'assets')).map((f) => {
  const bytes = fs.readFileSync(path.join(RENDERER_DIST, 'assets', f));
  return { file: f, bytes: bytes.length, gzip: zlib.gzipSync(bytes).length };
});
const round = (o: unknown) => JSON.parse(JSON.stringify(o, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
console.log(
  JSON.stringify(
    round({
      scale,
      cold: { urlMs: cold.urlMs, readyMs: cold.readyMs, firstAnswerMs: cold.firstAnswerMs },
      warm: { urlMs: warm.urlMs, readyMs: warm.readyMs, firstAnswerMs: warm.firstAnswerMs },
      memoryMiB: memory,
      renderer: assets,
    }),
    null,
    2,
  ),
);
