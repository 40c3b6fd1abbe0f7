import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';
import { makeDataDir } from './database.ts';

const CLI = path.join(APP_ROOT, 'bin', 'zava-mcp.mjs');

/** `zava-mcp web` running as a child in its own data dir (tiny first-run data unless `scale` says otherwise). */
export interface RunningDashboard {
  loginUrl: string;
  base: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the URL line. */
  urlAfterMs: number;
  spawnedAt: number;
  env: NodeJS.ProcessEnv;
  /** Runs `zava-mcp <args>` against the same data dir. */
  cli(...args: string[]): { status: number | null; stdout: string; stderr: string };
  stop(): Promise<void>;
}

export async function startDashboard(options: { dataDir?: string; keepDataDir?: boolean; scale?: string } = {}): Promise<RunningDashboard> {
  const dataDir = options.dataDir ?? makeDataDir('zava-e2e-');
  const env = { ...process.env, ZAVA_DATA_DIR: dataDir, ZAVA_FIRST_RUN_SCALE: options.scale ?? 'tiny' };
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [CLI, 'web', '--port', '0'], { cwd: APP_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const loginUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`zava-mcp web printed no URL in 60 s. stderr:\n${stderr}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`zava-mcp web exited with ${code}. stderr:\n${stderr}`));
    });
  });
  const url = new URL(loginUrl);
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: APP_ROOT, env, encoding: 'utf8', timeout: 120_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return {
    loginUrl,
    base: `${url.origin}/`,
    token: url.searchParams.get('token')!,
    dataDir,
    child,
    urlAfterMs: Date.now() - spawnedAt,
    spawnedAt,
    env,
    cli,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      // A test may have pinned the server (`db start`) or killed things: make sure it is down.
      cli('db', 'stop');
      if (!options.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
