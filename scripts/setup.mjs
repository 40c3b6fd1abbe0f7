#!/usr/bin/env node
// One-time (and idempotent, quick when done) set-up that `npm start` and `npm test` run first:
// pgvector for the embedded PostgreSQL, and for tests Debian's Chromium and Debian's PostgreSQL
// (a second, external server the security suites run against). Where a step cannot run
// on this platform it says why and carries on: the app works without pgvector (exact-scan search),
// and UI tests skip without a browser.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDebianPostgres } from './external-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const withBrowser = args.has('--browser');
const withExternalPostgres = args.has('--external-postgres');
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
  aptInstall('chromium', ['chromium', 'fonts-dejavu-core'], () => fs.existsSync(CHROMIUM), `${CHROMIUM} is missing`, 'UI tests will skip');
}

/** Debian's PostgreSQL server (15 on bookworm): scripts/external-postgres.mjs starts it for tests. */
function externalPostgres() {
  const installed = () => findDebianPostgres().bindir !== undefined;
  if (installed()) return;
  aptInstall('postgresql', ['postgresql'], installed, 'no Debian PostgreSQL is installed', 'the external-server test pass will skip');
}

/** pgvector for that server too (build-pgvector.sh with its paths; the headers from the system's own suite). */
function externalPgvector() {
  const { bindir } = findDebianPostgres();
  if (!bindir || process.platform !== 'linux' || process.arch !== 'x64') return;
  const major = path.basename(path.dirname(bindir));
  const codename = /^VERSION_CODENAME=(\w+)/m.exec(fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '')?.[1];
  if (!codename) {
    say('external pgvector: skipped: no VERSION_CODENAME in /etc/os-release to fetch the server headers from');
    return;
  }
  const env = {
    ...process.env,
    ZAVA_PG_MAJOR: major,
    ZAVA_PG_NATIVE_DIR: path.dirname(bindir),
    ZAVA_PG_BINDIR: bindir,
    ZAVA_PG_PKGLIBDIR: path.join(path.dirname(bindir), 'lib'),
    ZAVA_PG_EXTDIR: `/usr/share/postgresql/${major}/extension`,
    ZAVA_PG_HEADERS_SUITE: codename,
  };
  spawnSync('bash', [path.join(root, 'scripts', 'build-pgvector.sh')], { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', env });
}

/** Installs Debian packages non-interactively where we are root with apt-get; otherwise says why not. */
function aptInstall(step, packages, done, missing, consequence) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || !isRoot) {
    say(`${step}: skipped: ${missing} and ${hasApt ? 'installing it needs root' : 'there is no apt-get'}; ${consequence}`);
    return;
  }
  say(`${step}: installing Debian ${packages.join(' ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) aptUpdated = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  if (!aptUpdated || install.status !== 0 || !done()) say(`${step}: skipped: apt-get could not install it; ${consequence}`);
}
let aptUpdated = false;

pgvector();
if (withBrowser) chromium();
if (withExternalPostgres) {
  externalPostgres();
  externalPgvector();
}
