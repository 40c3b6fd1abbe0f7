import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { electronRuntime, findElectronBinary, hasDisplay } from './electron-runtime.ts';
import { tempDir } from '../../test/helpers/temp-dirs.ts';

describe('electron runtime detection', () => {
  test('finds the binary through path.txt, without loading the electron package', () => {
    const root = tempDir('zava-electron-');
    const pkg = path.join(root, 'node_modules', 'electron');
    fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
    assert.equal(findElectronBinary(root, {}), undefined);
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    assert.equal(findElectronBinary(root, {}), path.join(pkg, 'dist', 'electron'));
  });

  test('needs a display on Linux', () => {
    assert.equal(hasDisplay({}, 'linux'), false);
    assert.equal(hasDisplay({ DISPLAY: ':0' }, 'linux'), true);
    assert.equal(hasDisplay({}, 'darwin'), true);
  });

  test('says why the desktop app cannot start', () => {
    const result = electronRuntime(tempDir('zava-none-'), {});
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /no Electron runtime/);
  });
});
