#!/usr/bin/env node
// Electron 45 and electron-builder 26 (with @electron/get, @electron/rebuild, node-abi) ask for
// Node >= 22.12; the app itself, its tests and CI run on Node 20. So they are not in the root
// install (no EBADENGINE warnings from `npm ci`): tooling/desktop/ has their own manifest and
// lockfile, installed on first need with Node 22 from the npm registry (`npx -p node@22`).
//
//   node scripts/desktop-tooling.mjs                      install (quick when done)
//   node scripts/desktop-tooling.mjs electron-builder …   run electron-builder under Node 22
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLING_DIR = path.join(root, 'tooling', 'desktop');
const NODE22 = ['-y', '-p', 'node@22'];
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function installedVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(TOOLING_DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** True when every pinned tool is installed at its pinned version. */
export function toolingReady() {
  const wanted = JSON.parse(fs.readFileSync(path.join(TOOLING_DIR, 'package.json'), 'utf8')).devDependencies;
  return Object.entries(wanted).every(([name, version]) => installedVersion(name) === version);
}

/** Installs the desktop tooling with Node 22 (`npm ci` from its lockfile) unless it is in place. */
export function ensureDesktopTooling({ quiet = false } = {}) {
  if (toolingReady()) return;
  if (!quiet) process.stderr.write('desktop tooling: installing electron and electron-builder with Node 22 (first time only)…\n');
  const lock = fs.existsSync(path.join(TOOLING_DIR, 'package-lock.json'));
  const result = spawnSync(npx, [...NODE22, 'npm', lock ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: TOOLING_DIR,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !toolingReady()) {
    throw new Error(`installing the desktop tooling in ${TOOLING_DIR} failed (${result.error?.message ?? `exit ${result.status}`})`);
  }
}

/** Runs electron-builder from the tooling install under Node 22; returns its exit status. */
export function runElectronBuilder(args, options = {}) {
  ensureDesktopTooling(options);
  const cli = path.join(TOOLING_DIR, 'node_modules', 'electron-builder', 'cli.js');
  const result = spawnSync(npx, [...NODE22, 'node', cli, ...args], { cwd: options.cwd ?? root, stdio: options.stdio ?? 'inherit', env: options.env ?? process.env, encoding: 'utf8' });
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  const quiet = command === '--quiet';
  if (!command || quiet) {
    ensureDesktopTooling({ quiet });
  } else if (command === 'electron-builder') {
    process.exit(runElectronBuilder(rest).status ?? 1);
  } else {
    process.stderr.write(`desktop-tooling: unknown command "${command}" (use no argument, or electron-builder …)\n`);
    process.exit(2);
  }
}
