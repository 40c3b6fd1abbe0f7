import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';

/** The loader that runs a bundle with V8's code cache. */
export const BUNDLE_LOADER = path.join(APP_ROOT, 'bin', 'load-bundle.mjs');

/** The bundle the sources build now (the CLI builds it first when they changed). */
export function currentBundle(): string {
  const built = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'zava-mcp.mjs'), '--help'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(built.status, 0, built.stderr);
  const { dir } = JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'dist', 'cli', 'current.json'), 'utf8')) as { dir: string };
  return path.join(APP_ROOT, 'dist', 'cli', dir, 'main.cjs');
}
