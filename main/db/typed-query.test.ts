import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { SQL_DIR } from './sql-files.ts';
import { defineQuery } from './typed-query.ts';

const ROOT = path.resolve(SQL_DIR, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every query name the code loads: `defineQuery<…>('name')`, `query('name')`, `pgvectorSql('name', …)`. */
function namesUsed(): Set<string> {
  const names = new Set<string>();
  for (const file of ['main', 'bench', 'test'].flatMap((d) => sources(path.join(ROOT, d)))) {
    // Comments may show the pattern with a placeholder name: code only.
    const text = fs.readFileSync(file, 'utf8').split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*\*)/.test(line)).join('\n');
    for (const m of text.matchAll(/(?:defineQuery<.*?>|\bquery|pgvectorSql)\('([a-z0-9_]+)'/g)) names.add(m[1]!);
  }
  return names;
}

describe('typed queries', () => {
  test('run the file named, with the parameters given', async () => {
    const seen: unknown[] = [];
    const latest = defineQuery<[limit: number], { seed: number }>('latest_build');
    const rows = await latest.rows({ query: async (text, values) => (seen.push(text, values), { rows: [{ seed: 7 }], rowCount: 1 }) }, 5);
    assert.deepEqual(rows, [{ seed: 7 }]);
    assert.match(String(seen[0]), /FROM zava_meta\.build/);
    assert.deepEqual(seen[1], [5]);
  });

  test('every query the code names has its file, and every file in sql/queries is used', () => {
    const files = new Set(fs.readdirSync(path.join(SQL_DIR, 'queries')).map((f) => f.replace(/\.sql$/, '')));
    const used = namesUsed();
    assert.deepEqual([...used].filter((n) => !files.has(n)), [], 'named in code but missing in sql/queries');
    assert.deepEqual([...files].filter((n) => !used.has(n)), [], 'in sql/queries but used nowhere');
  });
});
