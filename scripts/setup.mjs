#!/usr/bin/env node
// One-time (and idempotent, quick when done) set-up that `npm start` and `npm test` run first:
// pgvector for the embedded PostgreSQL, and for tests Debian's Chromium. Where a step cannot run
// on this platform it says why and carries on: the app works without pgvector (exact-scan search),
// and UI tests skip without a browser.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const withBrowser = args.has('--browser');
const say = (text) => process.stderr.write(`setup: ${text}\n`);

function pgvector() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    say(`pgvector: skipped: prebuilt only for linux-x64 here (this is ${process.platform}-${process.arch}); search uses the exact-scan path`);
    return;
  }
  const result = spawnSync('bash', [path.join(root, 'scripts', 'build-pgvector.sh')], { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  if (result.error) say(`pgvector: skipped: cannot run bash (${result.error.message})`);
}

export const CHROMIUM = process.env.ZAVA_CHROMIUM ?? '/usr/bin/chromium';

function chromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || !isRoot) {
    say(`chromium: skipped: ${CHROMIUM} is missing and ${hasApt ? 'installing it needs root' : 'there is no apt-get'}; UI tests will skip`);
    return;
  }
  say('chromium: installing Debian chromium with apt-get (about a minute)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], { stdio: 'inherit', env });
  if (update.status !== 0 || install.status !== 0 || !fs.existsSync(CHROMIUM)) say('chromium: skipped: apt-get could not install it; UI tests will skip');
}

pgvector();
if (withBrowser) chromium();
