import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../kernel/config/app-root.ts';
import { ZavaError } from '../kernel/errors.ts';
import { importEsmOnly } from '../kernel/import-esm.ts';

/** Where the renderer is built to (and served or loaded from). */
export const RENDERER_DIST = path.join(APP_ROOT, 'dist', 'renderer');
// The renderer imports the kernel's contract types and the chart code it shares with the MCP App.
const SOURCES = [path.join(APP_ROOT, 'renderer'), path.join(APP_ROOT, 'main', 'kernel', 'contract.ts'), path.join(APP_ROOT, 'main', 'kernel', 'channels.ts'), path.join(APP_ROOT, 'apps', 'shared')];

function newestMtime(target: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  return fs
    .readdirSync(target)
    .filter((name) => name !== 'node_modules')
    .reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), st.mtimeMs);
}

/** True when dist/renderer is missing or older than a renderer source file. */
export function rendererStale(): boolean {
  const index = path.join(RENDERER_DIST, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

/** Builds the renderer with Vite when stale (a dev checkout); a packaged app ships it built. */
export async function ensureRendererBuilt(log: (line: string) => void = () => undefined): Promise<string> {
  if (!rendererStale()) return RENDERER_DIST;
  if (!fs.existsSync(path.join(APP_ROOT, 'renderer', 'vite.config.ts'))) {
    throw new ZavaError('UNAVAILABLE', `The dashboard is not built (${RENDERER_DIST} is missing) and its sources are not here.`, { hint: 'Reinstall the app.' });
  }
  log('building the dashboard (vite build)…');
  const began = Date.now();
  let vite: typeof import('vite');
  try {
    vite = await importEsmOnly<typeof import('vite')>('vite');
  } catch {
    throw new ZavaError('UNAVAILABLE', 'The dashboard needs building, but Vite is not installed.', { hint: 'Run `npm ci` (with dev dependencies) and try again.' });
  }
  await vite.build({ configFile: path.join(APP_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  log(`dashboard built in ${Date.now() - began} ms`);
  return RENDERER_DIST;
}
