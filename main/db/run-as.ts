import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ZavaError } from '../kernel/errors.ts';
import { readEnvVar } from '../kernel/config/env.ts';

/** The OS account PostgreSQL runs as when we are root (it refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

let cached: RunAs | undefined | null = null;

/** `undefined` when we are not root: PostgreSQL then runs as ourselves. */
export function postgresRunAs(): RunAs | undefined {
  if (cached !== null) return cached;
  if (!isRoot()) return (cached = undefined);
  const name = readEnvVar('ZAVA_PG_OS_USER');
  const local = fromPasswdFile(name);
  if (local) return (cached = local);
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return (cached = { uid, gid, name });
  } catch {
    throw new ZavaError('CONFIG_ERROR', `Running as root, but there is no OS user "${name}" for PostgreSQL to run as.`, {
      hint: `Create one (useradd --system ${name}) or run as a normal user; PostgreSQL refuses to run as root.`,
    });
  }
}

/**
 * The account from /etc/passwd: reading one file instead of spawning `id` twice saves ≈ 25 ms
 * of every bridge start as root. Accounts only a directory service knows fall back to `id`.
 */
function fromPasswdFile(name: string): RunAs | undefined {
  let text: string;
  try {
    text = fs.readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined && /^\d+$/.test(uid) && /^\d+$/.test(gid)) return { uid: Number(uid), gid: Number(gid), name };
  }
  return undefined;
}

/** Gives `dir` (created if needed) to the PostgreSQL OS user, so the server can write there. */
export function handToPostgres(dir: string, mode = 0o700): void {
  fs.mkdirSync(dir, { recursive: true, mode });
  const runAs = postgresRunAs();
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
  fs.chmodSync(dir, mode);
}

/**
 * As root, the postgres user must be able to reach the cluster through every parent
 * directory. We open our own data root for traversal (0711: no listing), and name the
 * first ancestor that still blocks it, instead of letting initdb fail obscurely.
 */
export function ensureTraversable(dataRoot: string, cluster: string): void {
  const runAs = postgresRunAs();
  if (!runAs) return;
  const rootStat = fs.statSync(dataRoot);
  if ((rootStat.mode & 0o001) === 0) fs.chmodSync(dataRoot, (rootStat.mode & 0o777) | 0o711);
  for (let dir = path.dirname(cluster); ; dir = path.dirname(dir)) {
    const st = fs.statSync(dir);
    const canTraverse =
      st.uid === runAs.uid ? (st.mode & 0o100) !== 0 : st.gid === runAs.gid ? (st.mode & 0o010) !== 0 : (st.mode & 0o001) !== 0;
    if (!canTraverse) {
      throw new ZavaError('CONFIG_ERROR', `The PostgreSQL OS user "${runAs.name}" cannot enter ${dir}, a parent of the data directory.`, {
        hint: `Choose a ZAVA_DATA_DIR whose parents are world-traversable (chmod o+x ${dir}), or run as a normal user.`,
      });
    }
    if (dir === path.dirname(dir)) break;
  }
}
