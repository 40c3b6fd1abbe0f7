import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';

/**
 * The bridge and CLI run from one bundle (dist/cli/<hash>/, bin/bundle.mjs), where a module's own
 * location says nothing about where sql/ or resources/ are: paths must come from APP_ROOT.
 */
describe('paths in a bundled bridge', () => {
  it('no module under main/ finds files relative to its own location (only app-root.ts does)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !full.endsWith(path.join('kernel', 'config', 'app-root.ts'))) {
          if (/fileURLToPath\(import\.meta\.url\)|import\.meta\.dirname/.test(fs.readFileSync(full, 'utf8'))) offenders.push(path.relative(APP_ROOT, full));
        }
      }
    };
    walk(path.join(APP_ROOT, 'main'));
    assert.deepEqual(offenders, [], 'use APP_ROOT (main/kernel/config/app-root.ts) for files of the app');
  });
});
