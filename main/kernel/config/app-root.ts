import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository (or packaged app) root: the nearest folder above this module holding the
 * app's package.json. Walking up (rather than counting `..`) keeps it right both from the
 * source tree (`main/kernel/config/`) and from a bundle (`dist/shell/`, `dist/cli/<hash>/`).
 * In a packaged app the bridge runs from `app.asar.unpacked` (plain files, no package.json
 * there: it stays in app.asar), which is then the root for sql/ and resources/.
 */
function findAppRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'app.asar.unpacked') return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..', '..');
  }
}

export const APP_ROOT = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));
