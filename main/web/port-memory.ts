import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DataPaths } from '../kernel/config/paths.ts';

const portFileSchema = z.object({ port: z.number().int().min(1).max(65535) });

const file = (paths: DataPaths) => path.join(paths.root, 'web-port.json');

/** The port the dashboard had last time in this data dir, if any (so its address stays the same). */
export function rememberedPort(paths: DataPaths): number | undefined {
  try {
    return portFileSchema.parse(JSON.parse(fs.readFileSync(file(paths), 'utf8'))).port;
  } catch {
    return undefined;
  }
}

export function rememberPort(paths: DataPaths, port: number): void {
  try {
    fs.mkdirSync(paths.root, { recursive: true });
    fs.writeFileSync(file(paths), JSON.stringify({ port }));
  } catch {
    // Only a convenience: the next run picks another free port.
  }
}
