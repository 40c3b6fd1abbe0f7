import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../kernel/config/app-root.ts';

/** Whether the desktop app can run here, and if not, why. */
export type ElectronRuntime = { ok: true; binary: string } | { ok: false; reason: string };

function executableName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The `electron` package: in the desktop tooling install (tooling/desktop, Node 22, see
 * scripts/desktop-tooling.mjs), not the root install, because it asks for Node >= 22.12.
 */
export function electronPackageDir(root = APP_ROOT): string {
  return path.join(root, 'tooling', 'desktop', 'node_modules', 'electron');
}

/**
 * Finds the Electron binary the way the `electron` package does (path.txt beside its
 * dist/), without loading that package: its index tries to download the binary.
 */
export function findElectronBinary(root = APP_ROOT, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = [];
  if (env.ELECTRON_OVERRIDE_DIST_PATH) candidates.push(path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executableName(process.platform)));
  for (const pkg of [electronPackageDir(root), path.join(root, 'node_modules', 'electron')]) {
    try {
      candidates.push(path.join(pkg, 'dist', fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim()));
    } catch {
      // No path.txt: the binary was never downloaded.
    }
  }
  return candidates.find((c) => fs.existsSync(c));
}

/** A display to open a window on: always on macOS and Windows; X11 or Wayland on Linux. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function electronRuntime(root = APP_ROOT, env: NodeJS.ProcessEnv = process.env): ElectronRuntime {
  const binary = findElectronBinary(root, env);
  if (!binary) return { ok: false, reason: 'no Electron runtime is installed (tooling/desktop/node_modules/electron has no downloaded binary)' };
  if (!hasDisplay(env)) return { ok: false, reason: 'there is no display (DISPLAY / WAYLAND_DISPLAY are unset)' };
  return { ok: true, binary };
}
