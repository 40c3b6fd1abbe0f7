import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** What `postmaster.pid` says about a running (or crashed) server. */
export interface PostmasterInfo {
  pid: number;
  port: number;
}

/** Line 1 is the pid, line 4 the port (PostgreSQL's documented lock-file layout). */
export function readPostmasterPid(cluster: string): PostmasterInfo | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port: Number.isInteger(port) ? port : 0 };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else (the postgres user when we are not root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * On Linux, rule out a recycled pid that now belongs to an unrelated program, and a
 * killed postmaster that is a zombie until init reaps it (it answers kill(pid, 0) but
 * serves nothing: attaching to it would wait for a server that is gone).
 */
export function isPostgresProcess(pid: number): boolean {
  if (!processAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') return false;
    // Field 3 of /proc/<pid>/stat is the state; the name before it is in parentheses.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}

/**
 * Live processes working in the cluster directory (Linux): after a postmaster dies, its
 * backends linger until they notice, still attached to its shared memory, and a new server
 * must not start beside them.
 */
export function clusterProcesses(cluster: string): number[] {
  if (process.platform !== 'linux') return [];
  let real: string;
  try {
    real = fs.realpathSync(cluster);
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readlinkSync(`/proc/${name}/cwd`) === real && isPostgresProcess(Number(name))) pids.push(Number(name));
    } catch {
      // Gone meanwhile, or not ours to inspect.
    }
  }
  return pids;
}

export function removeStalePid(cluster: string): void {
  fs.rmSync(path.join(cluster, 'postmaster.pid'), { force: true });
}

/** True when nothing listens on 127.0.0.1:port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Asks the OS for a free loopback port. */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
