import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { DataPaths } from '../kernel/config/paths.ts';
import { readEnvVar } from '../kernel/config/env.ts';
import { ZavaError } from '../kernel/errors.ts';
import { findPgBinaries, type PgBinaries } from './binaries.ts';
import { Leases } from './leases.ts';
import { clusterProcesses, isPostgresProcess, pickFreePort, portIsFree, processAlive, readPostmasterPid, removeStalePid } from './postmaster.ts';
import { ensureTraversable, handToPostgres, postgresRunAs } from './run-as.ts';
import { readOrCreateSecret, readSecret, writeSecret } from './secrets.ts';

export const PG_MAJOR = 17;
export const SUPERUSER = 'postgres';
export const APP_DATABASE = 'zava';

/** How to reach the server as its superuser. */
export interface ServerHandle {
  host: string;
  port: number;
  superuser: string;
  password: string;
  database: string;
  /** True when this process started the server (false: attached to a running one). */
  startedHere: boolean;
}

export interface EngineStatus {
  running: boolean;
  /**
   * Not running, but its postmaster.pid is still there: the server died (kill -9, a crash). A
   * clean shutdown (`db stop`) removes the file, so a server stopped on purpose is not `crashed`.
   */
  crashed: boolean;
  port?: number;
  pid?: number;
  initialised: boolean;
  dataDir: string;
}

export interface EngineOptions {
  /** Explicit port: if busy, starting fails with a clear error instead of picking another. */
  port?: number;
  onLog?: (line: string) => void;
}

/** Settings written to `zava.conf` on every start, so upgrades of the app apply them. */
const SERVER_SETTINGS: Record<string, string> = {
  listen_addresses: "'127.0.0.1'",
  unix_socket_directories: "''",
  password_encryption: "'scram-sha-256'",
  shared_preload_libraries: "'pg_stat_statements'",
  'pg_stat_statements.track': "'top'",
  max_connections: '100',
  jit: 'off',
  // After a crash, PostgreSQL first fsyncs every file of the cluster one by one (5–6 s for a
  // freshly built lab database here); one syncfs() of the file system gives the same
  // guarantee in a fraction of that (Linux; elsewhere the server ignores it with a warning).
  ...(process.platform === 'linux' ? { recovery_init_sync_method: "'syncfs'" } : {}),
  log_destination: "'stderr'",
  logging_collector: 'off',
  log_min_messages: "'warning'",
  log_line_prefix: "'%m [%p] %u@%d '",
};

const HBA = [
  '# Written by Zava MCP Desktop: loopback TCP only, passwords by SCRAM, no trust, no sockets.',
  // Identity roles (all members of zava_reader) reach the app database and nothing else:
  // `postgres`, `template1` and a rebuild in progress grant CONNECT to PUBLIC by default.
  `host ${APP_DATABASE} +zava_reader 127.0.0.1/32 scram-sha-256`,
  `host ${APP_DATABASE} +zava_reader ::1/128 scram-sha-256`,
  'host all +zava_reader 127.0.0.1/32 reject',
  'host all +zava_reader ::1/128 reject',
  'host all all 127.0.0.1/32 scram-sha-256',
  'host all all ::1/128 scram-sha-256',
  '',
].join('\n');

/**
 * ZAVA_PG_DURABILITY=off (the test suite's throwaway clusters): nothing is flushed to disk. A
 * killed server still recovers from the WAL in the page cache; only a crash of the machine
 * could lose such a cluster.
 */
const THROWAWAY_SETTINGS: Record<string, string> = { fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off' };

function durable(): boolean {
  return readEnvVar('ZAVA_PG_DURABILITY') === 'full';
}

/** The file a process holds (its pid inside) while it runs initdb or starts the server. */
export function startLockFile(paths: DataPaths): string {
  return path.join(paths.run, 'start.lock');
}

/**
 * Lifecycle of the embedded PostgreSQL cluster in `$ZAVA_DATA_DIR/pg/data`: initdb on first
 * use, start detached with pg_ctl (so a second process can attach, and a kill -9 of its
 * parent leaves a server the next start reuses), stop when the last lease holder leaves.
 */
export class EmbeddedEngine {
  private readonly bins: PgBinaries;
  readonly leases: Leases;
  private readonly passwordFile: string;
  private readonly portFile: string;
  /** How long the last initdb took (0 when the cluster already existed). */
  lastInitdbMs = 0;
  /** Whether this engine holds one of this process's leases (released once, however often asked). */
  private leased = false;

  constructor(
    readonly paths: DataPaths,
    private readonly options: EngineOptions = {},
  ) {
    this.bins = findPgBinaries();
    this.leases = new Leases(paths.run);
    this.passwordFile = path.join(paths.secrets, 'superuser.password');
    this.portFile = path.join(paths.run, 'port');
  }

  get binaries(): PgBinaries {
    return this.bins;
  }

  status(): EngineStatus {
    const info = readPostmasterPid(this.paths.cluster);
    const running = info !== undefined && isPostgresProcess(info.pid);
    return {
      running,
      crashed: info !== undefined && !running,
      ...(running ? { port: info.port, pid: info.pid } : {}),
      initialised: fs.existsSync(path.join(this.paths.cluster, 'PG_VERSION')),
      dataDir: this.paths.cluster,
    };
  }

  /** Attaches to the cluster's running server, or initialises and starts it; takes a lease. */
  async ensureRunning(): Promise<ServerHandle> {
    this.prepareDataDir();
    return this.withStartLock(async () => {
      const fresh = !this.leased;
      if (fresh) this.leases.acquire();
      this.leased = true;
      try {
        return await this.attachOrStart();
      } catch (error) {
        if (fresh) {
          this.leased = false;
          this.leases.release();
        }
        throw error;
      }
    });
  }

  private async attachOrStart(): Promise<ServerHandle> {
    const running = readPostmasterPid(this.paths.cluster);
    if (running && isPostgresProcess(running.pid)) {
      const handle = this.handle(running.port, false);
      // A postmaster killed a moment ago still looks alive; once it is gone, start a new one.
      if (await waitUntilAccepting(handle, 30_000, () => isPostgresProcess(running.pid))) return handle;
    }
    if (running) {
      await this.awaitOrphanedBackends();
      removeStalePid(this.paths.cluster);
    }
    this.lastInitdbMs = 0;
    if (!this.status().initialised) {
      const began = Date.now();
      await this.initdb();
      this.lastInitdbMs = Date.now() - began;
    }
    this.checkMajorVersion();
    const port = await this.choosePort();
    this.writeServerConfig();
    await this.pgCtl(['start', '-w', '-t', '60', '-l', this.paths.postgresLog, '-o', `-p ${port}`], 'start');
    fs.writeFileSync(this.portFile, String(port));
    const handle = this.handle(port, true);
    await waitUntilAccepting(handle, 30_000);
    return handle;
  }

  /**
   * After a postmaster crash (kill -9), waits for its backends to exit (idle ones notice at
   * once, a busy one at its next wait); past 5 s they are killed: they serve nobody, and while
   * they hold the dead server's shared memory a new one must not start.
   */
  private async awaitOrphanedBackends(): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (clusterProcesses(this.paths.cluster).length > 0 && Date.now() < deadline) await sleep(50);
    const left = clusterProcesses(this.paths.cluster);
    if (left.length === 0) return;
    this.options.onLog?.(`[recovery] killing ${left.length} orphaned backend(s) of a dead postmaster: ${left.join(', ')}`);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    while (clusterProcesses(this.paths.cluster).length > 0 && Date.now() < deadline + 2_000) await sleep(50);
  }

  /** Drops our lease and stops the server if nobody else holds one (and it is not pinned). */
  async release(): Promise<boolean> {
    if (this.leased) this.leases.release();
    this.leased = false;
    if (this.leases.heldHere() || this.leases.pinned() || this.leases.othersAlive().length > 0) return false;
    return this.stop();
  }

  /** Stops the server now, whoever holds leases. Returns false when it was not running. */
  async stop(): Promise<boolean> {
    if (!this.status().running) return false;
    await this.pgCtl(['stop', '-w', '-t', '60', '-m', 'fast'], 'stop');
    return true;
  }

  superuserPassword(): string | undefined {
    return readSecret(this.passwordFile);
  }

  private handle(port: number, startedHere: boolean): ServerHandle {
    const password = this.superuserPassword();
    if (!password) {
      throw new ZavaError('CONFIG_ERROR', `The superuser password file ${this.passwordFile} is missing, but the cluster exists.`, {
        hint: 'Run `zava-mcp db reset --yes` to rebuild the database, or restore the secrets directory.',
      });
    }
    return { host: '127.0.0.1', port, superuser: SUPERUSER, password, database: APP_DATABASE, startedHere };
  }

  private prepareDataDir(): void {
    const root = this.paths.root;
    try {
      makeDirectories(root, 0o700);
      fs.accessSync(root, fs.constants.W_OK);
      for (const dir of [this.paths.secrets, this.paths.run, this.paths.logs]) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new ZavaError('CONFIG_ERROR', `The data directory ${root} is not writable (${(error as Error).message}).`, {
        hint: 'Set ZAVA_DATA_DIR to a directory you can write to.',
        cause: error,
      });
    }
    handToPostgres(path.dirname(this.paths.cluster));
    ensureTraversable(root, this.paths.cluster);
  }

  private checkMajorVersion(): void {
    const version = fs.readFileSync(path.join(this.paths.cluster, 'PG_VERSION'), 'utf8').trim();
    if (version !== String(PG_MAJOR)) {
      throw new ZavaError('CONFIG_ERROR', `The cluster in ${this.paths.cluster} was made by PostgreSQL ${version}, but this app runs PostgreSQL ${PG_MAJOR}.`, {
        hint: `Point ZAVA_DATA_DIR elsewhere, or rebuild with \`zava-mcp db reset --yes\` (this deletes the old cluster).`,
      });
    }
  }

  private async choosePort(): Promise<number> {
    if (this.options.port !== undefined) {
      if (!(await portIsFree(this.options.port))) {
        throw new ZavaError('CONFIG_ERROR', `Port ${this.options.port} on 127.0.0.1 is already in use, so PostgreSQL cannot listen there.`, {
          hint: 'Stop whatever uses that port, or choose another with --port / ZAVA_PG_PORT (or leave it unset to pick a free one).',
        });
      }
      return this.options.port;
    }
    const previous = Number(readText(this.portFile) ?? NaN);
    if (Number.isInteger(previous) && previous > 0 && (await portIsFree(previous))) return previous;
    return pickFreePort();
  }

  private async initdb(): Promise<void> {
    const password = readOrCreateSecret(this.passwordFile);
    // The server's own OS user reads the password file; it lives beside the cluster and is deleted at once.
    const pwfile = path.join(path.dirname(this.paths.cluster), '.initdb-pw');
    writeSecret(pwfile, password);
    const runAs = postgresRunAs();
    if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
    fs.rmSync(this.paths.cluster, { recursive: true, force: true });
    try {
      await this.run(this.bins.initdb, [
        `--pgdata=${this.paths.cluster}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--no-instructions',
        ...(durable() ? [] : ['--no-sync']),
      ], 'initdb');
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
    fs.writeFileSync(path.join(this.paths.cluster, 'pg_hba.conf'), HBA);
    fs.appendFileSync(path.join(this.paths.cluster, 'postgresql.conf'), "\ninclude_if_exists = 'zava.conf'\n");
  }

  private writeServerConfig(): void {
    const lines = Object.entries({ ...SERVER_SETTINGS, ...(durable() ? {} : THROWAWAY_SETTINGS) }).map(([k, v]) => `${k} = ${v}`);
    const file = path.join(this.paths.cluster, 'zava.conf');
    fs.writeFileSync(file, `# Written by Zava MCP Desktop on each start.\n${lines.join('\n')}\n`);
    fs.writeFileSync(path.join(this.paths.cluster, 'pg_hba.conf'), HBA);
    const runAs = postgresRunAs();
    if (runAs) {
      fs.chownSync(file, runAs.uid, runAs.gid);
      fs.chownSync(path.join(this.paths.cluster, 'pg_hba.conf'), runAs.uid, runAs.gid);
    }
  }

  private pgCtl(args: string[], what: string): Promise<string> {
    return this.run(this.bins.pgCtl, [args[0]!, '-D', this.paths.cluster, ...args.slice(1)], what);
  }

  /** Runs a PostgreSQL program as the server's OS user; on failure, explains with its output and the log tail. */
  private run(file: string, args: string[], what: string): Promise<string> {
    const runAs = postgresRunAs();
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, {
        ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
        env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const collect = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        output += text;
        for (const line of text.split('\n')) if (line.trim()) this.options.onLog?.(`[${what}] ${line}`);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('error', (error) => reject(new ZavaError('UNAVAILABLE', `Could not run ${path.basename(file)}: ${error.message}.`, { cause: error })));
      child.on('close', (code) => {
        if (code === 0) return resolve(output);
        const reason = explainFailure(output + '\n' + tail(this.paths.postgresLog));
        reject(new ZavaError('UNAVAILABLE', `PostgreSQL ${what} failed: ${reason}`, {
          hint: `See ${this.paths.postgresLog} for the server's own log.`,
          details: { output: output.trim().slice(-2000) },
        }));
      });
    });
  }

  /** Two processes starting at once must not both run initdb or pg_ctl start. */
  private async withStartLock<T>(body: () => Promise<T>): Promise<T> {
    const lock = startLockFile(this.paths);
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(readText(lock));
        if (!Number.isInteger(holder) || holder <= 0 || !processAlive(holder)) {
          fs.rmSync(lock, { force: true });
          continue;
        }
        if (Date.now() > deadline) throw new ZavaError('UNAVAILABLE', `Another process (pid ${holder}) has been starting the database for 2 minutes.`);
        await sleep(100);
      }
    }
    try {
      return await body();
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}

/**
 * `mkdir -p` without Node's recursive mkdir, which spins forever where a parent exists but
 * refuses children with ENOENT (procfs, e.g. ZAVA_DATA_DIR=/proc/x): here that is an error.
 */
function makeDirectories(dir: string, mode: number): void {
  const missing: string[] = [];
  for (let d = dir; d !== path.dirname(d) && !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    try {
      fs.mkdirSync(d, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** A plain run-state file (port, lock holder); not a secret. */
function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file: string, bytes = 4000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-bytes);
  } catch {
    return '';
  }
}

/** Turns PostgreSQL's own words into the reason a user can act on. */
function explainFailure(text: string): string {
  if (/Address already in use/i.test(text)) return 'the port is already in use by another program.';
  if (/Permission denied/i.test(text)) return `permission denied (${firstMatch(text, /[^\n]*Permission denied[^\n]*/)}).`;
  if (/database files are incompatible/i.test(text)) return firstMatch(text, /[^\n]*incompatible[^\n]*(\n[^\n]*DETAIL[^\n]*)?/);
  if (/No space left/i.test(text)) return 'the disk is full.';
  const fatal = firstMatch(text, /(FATAL|ERROR|error):[^\n]*/);
  return fatal || text.trim().split('\n').slice(-3).join(' ');
}

function firstMatch(text: string, re: RegExp): string {
  return text.match(re)?.[0]?.trim() ?? '';
}

/**
 * Polls until the server answers a login (it may be replaying WAL after a crash). Returns
 * false as soon as `alive()` says the server process is gone.
 */
export async function waitUntilAccepting(handle: ServerHandle, timeoutMs: number, alive: () => boolean = () => true): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!alive()) return false;
    const client = new pg.Client({ host: handle.host, port: handle.port, user: handle.superuser, password: handle.password, database: 'postgres' });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return true;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await sleep(100);
    }
  }
  throw new ZavaError('UNAVAILABLE', `PostgreSQL on port ${handle.port} did not accept connections within ${timeoutMs / 1000} s: ${(lastError as Error)?.message ?? 'no answer'}.`, { cause: lastError });
}
