import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';

/**
 * The layers of `main/`, lowest first. A folder may import from its own layer and the ones
 * before it, never from a later one: the kernel imports nothing, adapters sit on top.
 * Folders on the same rank (shell, cli) must not import each other either.
 */
export const LAYERS: string[][] = [
  ['kernel'],
  ['db'],
  ['search'],
  ['dataset'],
  ['bridge'],
  ['app'],
  ['ipc'],
  ['web'],
  ['build'],
  ['shell', 'cli'],
];

const rankOf = new Map(LAYERS.flatMap((names, rank) => names.map((name) => [name, rank] as const)));

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(APP_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [rel] : [];
  });
}

/** The top folder under main/ that a repo-relative path lies in. */
const folderOf = (file: string) => file.split('/')[1]!;

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(APP_ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)),
  );
}

describe('layers under main/', () => {
  const files = sources('main');

  test('every folder of main/ has a place in the layer order', () => {
    const folders = new Set(fs.readdirSync(path.join(APP_ROOT, 'main'), { withFileTypes: true }).map((e) => (e.isDirectory() ? e.name : `(file) ${e.name}`)));
    assert.deepEqual([...folders].filter((f) => !rankOf.has(f)), []);
  });

  test('imports point down only: no folder imports a later layer or a sibling adapter', () => {
    const upward = files.flatMap((file) => {
      const from = folderOf(file);
      return imports(file)
        .filter((target) => target.startsWith('main/'))
        .filter((target) => {
          const to = folderOf(target);
          return to !== from && rankOf.get(to)! >= rankOf.get(from)!;
        })
        .map((target) => `${file} → ${target}`);
    });
    assert.deepEqual(upward, []);
  });

  test('main/ never imports the renderer, tests or benchmarks (unit tests may use test helpers)', () => {
    const outside = files.flatMap((file) => imports(file).filter((t) => /^(renderer|bench)\//.test(t) || (/^test\//.test(t) && !file.endsWith('.test.ts'))).map((t) => `${file} → ${t}`));
    assert.deepEqual(outside, []);
  });
});
