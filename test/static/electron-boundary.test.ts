import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';

const ELECTRON_ONLY = /from\s+['"](electron|electron-log(\/[a-z]+)?|electron-store)['"]|require\(['"]electron['"]\)|import\(['"]electron['"]\)/;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(APP_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) ? [rel] : [];
  });
}

describe('process boundaries', () => {
  test('only main/shell and preload import electron, electron-log or electron-store', () => {
    const offenders = ['main', 'renderer/src', 'bin', 'scripts', 'test']
      .flatMap(sources)
      .filter((f) => !f.startsWith('main/shell/'))
      .filter((f) => ELECTRON_ONLY.test(fs.readFileSync(path.join(APP_ROOT, f), 'utf8')));
    assert.deepEqual(offenders, []);
  });

  test('the renderer imports nothing from main but the contract and channel names', () => {
    const bad = sources('renderer/src').flatMap((f) =>
      [...fs.readFileSync(path.join(APP_ROOT, f), 'utf8').matchAll(/from\s+['"]((?:\.\.\/)+main\/[^'"]+)['"]/g)]
        .map((m) => m[1]!)
        .filter((p) => !/main\/kernel\/(contract|channels)\.ts$/.test(p))
        .map((p) => `${f}: ${p}`),
    );
    assert.deepEqual(bad, []);
  });

  test('the renderer imports the contract for types only (no zod in the bundle)', () => {
    for (const f of sources('renderer/src')) {
      for (const m of fs.readFileSync(path.join(APP_ROOT, f), 'utf8').matchAll(/^import (.*) from ['"][./]+main\/kernel\/contract\.ts['"]/gm)) {
        assert.match(m[1]!, /^type /, `${f} imports contract values`);
      }
    }
  });

  test('the Electron window keeps isolation on, Node off and the preload sandboxed', () => {
    const window = fs.readFileSync(path.join(APP_ROOT, 'main/shell/main-window.ts'), 'utf8');
    assert.match(window, /contextIsolation: true/);
    assert.match(window, /nodeIntegration: false/);
    assert.match(window, /sandbox: true/);
    assert.match(window, /setWindowOpenHandler/);
  });
});
