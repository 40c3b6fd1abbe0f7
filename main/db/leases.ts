import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from './postmaster.ts';

/**
 * Every process that uses the embedded server (app, bridges, CLI) holds a lease: a file
 * named after its pid. The last one to leave stops the server, unless someone pinned it
 * with `zava-mcp db start`. Dead holders (kill -9) are pruned, so an orphaned server is
 * cleaned up by whoever uses it next. Within one process the lease is counted, so one
 * user letting go (a bridge runtime, a CLI helper) does not stop the server under another.
 */
export class Leases {
  /** This process's open leases per lease file. */
  private static readonly heldByFile = new Map<string, number>();
  private readonly dir: string;
  private readonly pinFile: string;

  constructor(runDir: string) {
    this.dir = path.join(runDir, 'leases');
    this.pinFile = path.join(runDir, 'pinned');
  }

  acquire(pid = process.pid): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, String(pid));
    if (pid === process.pid) Leases.heldByFile.set(file, (Leases.heldByFile.get(file) ?? 0) + 1);
    fs.writeFileSync(file, String(Date.now()));
  }

  release(pid = process.pid): void {
    const file = path.join(this.dir, String(pid));
    if (pid === process.pid) {
      const left = (Leases.heldByFile.get(file) ?? 1) - 1;
      if (left > 0) {
        Leases.heldByFile.set(file, left);
        return;
      }
      Leases.heldByFile.delete(file);
    }
    fs.rmSync(file, { force: true });
  }

  /** True while another user in this process still holds a lease. */
  heldHere(): boolean {
    return (Leases.heldByFile.get(path.join(this.dir, String(process.pid))) ?? 0) > 0;
  }

  /** Live holders other than `self`, pruning those whose process is gone. */
  othersAlive(self = process.pid): number[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    const alive: number[] = [];
    for (const name of names) {
      const pid = Number(name);
      if (pid === self) continue;
      if (Number.isInteger(pid) && processAlive(pid)) alive.push(pid);
      else fs.rmSync(path.join(this.dir, name), { force: true });
    }
    return alive;
  }

  pin(): void {
    fs.mkdirSync(path.dirname(this.pinFile), { recursive: true });
    fs.writeFileSync(this.pinFile, String(Date.now()));
  }

  unpin(): void {
    fs.rmSync(this.pinFile, { force: true });
  }

  pinned(): boolean {
    return fs.existsSync(this.pinFile);
  }
}
