import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DataPaths } from '../kernel/config/paths.ts';
import { processAlive } from '../db/postmaster.ts';

/** A running bridge process, as it announces itself in `run/bridges/<pid>.json`. */
export const bridgeEntrySchema = z.object({
  pid: z.number().int(),
  identity: z.string(),
  transport: z.enum(['stdio', 'http']),
  url: z.string().optional(),
  startedAt: z.string(),
});
export type BridgeEntry = z.infer<typeof bridgeEntrySchema>;

const dir = (paths: DataPaths) => path.join(paths.run, 'bridges');

export function announceBridge(paths: DataPaths, entry: Omit<BridgeEntry, 'pid' | 'startedAt'>): () => void {
  const file = path.join(dir(paths), `${process.pid}.json`);
  fs.mkdirSync(dir(paths), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...entry, pid: process.pid, startedAt: new Date().toISOString() }));
  return () => fs.rmSync(file, { force: true });
}

/** Live bridges of this data dir; entries of processes that died (kill -9) are pruned. */
export function listBridges(paths: DataPaths): BridgeEntry[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir(paths)).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const live: BridgeEntry[] = [];
  for (const file of files) {
    const full = path.join(dir(paths), file);
    try {
      const entry = bridgeEntrySchema.parse(JSON.parse(fs.readFileSync(full, 'utf8')));
      if (processAlive(entry.pid)) live.push(entry);
      else fs.rmSync(full, { force: true });
    } catch {
      fs.rmSync(full, { force: true });
    }
  }
  return live.sort((a, b) => a.pid - b.pid);
}
