import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { APP_ROOT } from '../kernel/config/app-root.ts';
import { buildElectronApp } from '../build/electron-build.ts';
import { electronPackageDir, electronRuntime, findElectronBinary, hasDisplay } from '../build/electron-runtime.ts';
import { progressLine } from './output.ts';
import { webCommand } from './web.ts';

/**
 * `zava-mcp start` (`npm start`): the desktop app where an Electron runtime and a display
 * exist; otherwise it says which is missing and serves the same dashboard on 127.0.0.1.
 */
export async function startCommand(args: string[]): Promise<number> {
  let runtime = electronRuntime();
  if (!runtime.ok && hasDisplay() && !findElectronBinary()) {
    // electron >= 42 fetches its binary on first use; do that once, visibly, where a window could open.
    // Electron lives in the desktop tooling install and its tools want Node 22 (see scripts/desktop-tooling.mjs).
    progressLine('start: fetching the Electron runtime (first launch only)…');
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const tooling = spawnSync(process.execPath, [path.join(APP_ROOT, 'scripts', 'desktop-tooling.mjs')], { stdio: 'inherit', timeout: 600_000 });
    const fetched =
      tooling.status === 0
        ? spawnSync(npx, ['-y', '-p', 'node@22', 'node', path.join(electronPackageDir(), 'install.js')], { stdio: 'inherit', timeout: 300_000 })
        : tooling;
    if (fetched.status !== 0) progressLine(`start: the Electron runtime could not be fetched (${fetched.error?.message ?? `exit ${fetched.status}`}).`);
    runtime = electronRuntime();
  }
  if (!runtime.ok) {
    progressLine(`start: cannot open the desktop app: ${runtime.reason}. Serving the same dashboard in your browser instead.`);
    return webCommand(args);
  }
  await buildElectronApp(progressLine);
  progressLine(`start: launching ${runtime.binary}`);
  const child = spawn(runtime.binary, [APP_ROOT, ...args], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
