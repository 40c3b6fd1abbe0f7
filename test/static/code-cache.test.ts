import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { APP_ROOT } from '../../main/kernel/config/app-root.ts';
import { BUNDLE_LOADER as LOADER, currentBundle } from '../helpers/bundle.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/** Runs `zava-mcp --help` from the bundle at `file` through the loader, in a fresh node. */
function runHelp(file: string, env: Record<string, string> = {}) {
  const script = `const { loadBundle } = await import(${JSON.stringify(LOADER)}); loadBundle(${JSON.stringify(file)}, 'help').runCli(['--help']);`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
}

/** bin/load-bundle.mjs: the bundle runs with V8's code cache, which is written once and then only read. */
describe('the bundle code cache', () => {
  it('is written by the first run, read unchanged by the next, and replaced when V8 rejects it', () => {
    const dir = tempDir('zava-code-cache-');
    const bundle = path.join(dir, 'main.cjs');
    fs.copyFileSync(currentBundle(), bundle);
    const cacheOf = () => fs.readdirSync(dir).filter((name) => name.endsWith('.v8cache'));

    const first = runHelp(bundle);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /zava-mcp serve --user/);
    const cache = cacheOf()[0] ?? assert.fail('the first run wrote no code cache');
    assert.ok(cache.startsWith(`main.cjs.help.${process.versions.v8}`), `one cache named for the command and V8 version, got ${cacheOf().join(', ')}`);
    const written = fs.readFileSync(path.join(dir, cache));
    assert.ok(written.length > 10_000, `a real code cache (${written.length} bytes)`);

    // Accepted: not written again.
    const mtime = fs.statSync(path.join(dir, cache)).mtimeMs;
    const second = runHelp(bundle);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.equal(fs.statSync(path.join(dir, cache)).mtimeMs, mtime, 'an accepted cache is left as it was');

    // Garbage in place of the cache: V8 rejects it, the command still runs, a good one replaces it.
    fs.writeFileSync(path.join(dir, cache), Buffer.alloc(4096, 7));
    const third = runHelp(bundle);
    assert.equal(third.status, 0, third.stderr);
    assert.equal(third.stdout, first.stdout);
    assert.deepEqual(cacheOf(), [cache], 'no temp files left behind');
    assert.ok(fs.readFileSync(path.join(dir, cache)).length > 10_000, 'the rejected cache was replaced');
  });

  it('inside a packaged app (app.asar.unpacked), whose files must stay as signed, caches in the user cache folder instead', () => {
    const root = tempDir('zava-code-cache-app-');
    const dir = path.join(root, 'app.asar.unpacked', 'dist', 'cli', 'b1');
    fs.mkdirSync(dir, { recursive: true });
    const bundle = path.join(dir, 'main.cjs');
    fs.copyFileSync(currentBundle(), bundle);
    const userCache = path.join(root, 'user-cache');
    // A cache an earlier version of the app left behind: dropped when this one writes its own.
    fs.mkdirSync(path.join(userCache, 'zava-mcp', 'code-cache'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(userCache, 'zava-mcp', 'code-cache', 'b0.serve.11.3.v8cache'), 'old');
    for (let i = 0; i < 2; i++) {
      const run = runHelp(bundle, { XDG_CACHE_HOME: userCache });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /zava-mcp serve --user/);
    }
    assert.deepEqual(fs.readdirSync(dir), ['main.cjs'], 'nothing written beside the packaged bundle');
    const cached = fs.readdirSync(path.join(userCache, 'zava-mcp', 'code-cache'));
    assert.deepEqual(cached.map((name) => name.split('.')[0] + '.' + name.split('.')[1]), ['b1.help'], 'one cache, named after the bundle; the older version’s is gone');
    assert.equal((fs.statSync(path.join(userCache, 'zava-mcp', 'code-cache')).mode & 0o777).toString(8), '700');
  });
});
