import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { recordBundle, recordedBundle, recordedStampHolds, sourceStamp } from '../../bin/bundle-stamp.mjs';
import { tempDir } from '../helpers/temp-dirs.ts';

/** A checkout in miniature: sources under main/, a lockfile, and a built bundle named "b1". */
function miniCheckout(): string {
  const root = tempDir('zava-bundle-stamp-');
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  };
  write('main/cli/main.ts', 'export const a = 1;\n');
  write('main/db/engine.ts', 'export const b = 2;\n');
  write('main/db/engine.test.ts', 'test\n');
  write('main/empty/README.md', 'no sources here yet\n');
  write('package-lock.json', '{}\n');
  write('dist/cli/b1/main.cjs', '// bundle\n');
  recordBundle('b1', sourceStamp(root), root);
  return root;
}

const holds = (root: string) => recordedStampHolds(recordedBundle(root) ?? assert.fail('no bundle recorded'), root);

/** bin/bundle-stamp.mjs: the check every launch makes before running the recorded bundle. */
describe('the bundle stamp', () => {
  it('holds while nothing is written, and breaks on an edit, a new, removed or renamed source, or a touch', () => {
    const root = miniCheckout();
    assert.equal(holds(root), true, 'unchanged sources');
    const changes: [string, () => void][] = [
      ['an edit', () => fs.appendFileSync(path.join(root, 'main/db/engine.ts'), '// more\n')],
      ['a new source', () => fs.writeFileSync(path.join(root, 'main/db/roles.ts'), 'export {};\n')],
      ['a new source in a folder that had none', () => fs.writeFileSync(path.join(root, 'main/empty/first.ts'), 'export {};\n')],
      ['a removed source', () => fs.rmSync(path.join(root, 'main/db/engine.ts'))],
      ['a renamed source', () => fs.renameSync(path.join(root, 'main/cli/main.ts'), path.join(root, 'main/cli/entry.ts'))],
      ['the lockfile rewritten with the same bytes', () => fs.writeFileSync(path.join(root, 'package-lock.json'), '{}\n')],
    ];
    for (const [what, change] of changes) {
      change();
      assert.equal(holds(root), false, `${what} must break the stamp`);
      recordBundle('b1', sourceStamp(root), root);
      assert.equal(holds(root), true, `re-recorded after ${what}`);
    }
  });

  it('a test file edited beside the sources leaves it holding only if its folder is unchanged', () => {
    const root = miniCheckout();
    fs.appendFileSync(path.join(root, 'main/db/engine.test.ts'), 'more\n');
    assert.equal(holds(root), true, 'tests are not bundled: editing one in place changes nothing watched');
  });

  it('a record without a stamp (the packaged app) or with a missing bundle never holds', () => {
    const root = miniCheckout();
    recordBundle('b1', undefined, root);
    assert.equal(holds(root), false);
    recordBundle('b2', sourceStamp(root), root);
    assert.equal(recordedBundle(root), undefined, 'no dist/cli/b2/main.cjs: nothing to run');
  });
});
