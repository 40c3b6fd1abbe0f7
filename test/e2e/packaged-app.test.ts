import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { REPO_ROOT } from '../helpers/bridge.ts';
import { makeDataDir } from '../helpers/database.ts';

// Packs the desktop app with electron-builder --dir (the real Electron zip cannot be fetched
// here, so electronDist is a stand-in folder with a fake `electron` executable), then runs the
// bridge and the database from the packed tree with plain Node: proof that the package carries
// the prebuilt bridge, sql/, resources/ and the PostgreSQL binaries, and no TypeScript.
// Costs about a minute and a half here (electron-builder copying node_modules into app.asar);
// ZAVA_SKIP_PACKAGING=1 skips it.
const skip =
  process.env.ZAVA_SKIP_PACKAGING === '1'
    ? 'ZAVA_SKIP_PACKAGING=1'
    : process.platform !== 'linux' || process.arch !== 'x64'
      ? `packs linux-x64 only (this is ${process.platform}-${process.arch})`
      : false;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `${path.basename(command)} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

describe('the packaged desktop app', { skip }, () => {
  let work: string;
  let unpacked: string;
  let dataDir: string;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'zava-pack-'));
    // As root, PostgreSQL runs as the `postgres` OS user, which must reach the packed binaries.
    fs.chmodSync(work, 0o755);
    const electronDist = path.join(work, 'electron-dist');
    fs.mkdirSync(electronDist);
    fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in Electron: $@"\n', { mode: 0o755 });
    fs.writeFileSync(path.join(electronDist, 'LICENSE'), 'stand-in\n');
    run(process.execPath, ['scripts/desktop-tooling.mjs', '--quiet']);
    run(process.execPath, ['bin/bundle.mjs', '--only-current']);
    run(process.execPath, ['--import', 'tsx', 'scripts/build-app.ts']);
    const electronVersion = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'tooling', 'desktop', 'package.json'), 'utf8')).devDependencies.electron;
    run(process.execPath, [
      'scripts/desktop-tooling.mjs', 'electron-builder', '--dir', '--linux', '--x64', '--config', 'electron-builder.yml',
      `-c.electronDist=${electronDist}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false', `-c.directories.output=${path.join(work, 'out')}`,
    ]);
    unpacked = path.join(work, 'out', 'linux-unpacked', 'resources', 'app.asar.unpacked');
    dataDir = makeDataDir('zava-packed-');
  });

  after(async () => {
    if (unpacked && dataDir) spawnSync(process.execPath, [path.join(unpacked, 'bin', 'zava-mcp.mjs'), 'db', 'stop'], { env: { ...process.env, ZAVA_DATA_DIR: dataDir, XDG_CACHE_HOME: path.join(work, 'user-cache') }, timeout: 60_000 });
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('carries the prebuilt bridge as plain files, and no TypeScript sources or bundler', () => {
    assert.ok(fs.existsSync(path.join(work, 'out', 'linux-unpacked', 'resources', 'app.asar')));
    const { dir } = JSON.parse(fs.readFileSync(path.join(unpacked, 'dist', 'cli', 'current.json'), 'utf8'));
    assert.ok(fs.existsSync(path.join(unpacked, 'dist', 'cli', dir, 'main.cjs')));
    assert.ok(fs.existsSync(path.join(unpacked, 'sql', 'migrations')));
    assert.ok(!fs.existsSync(path.join(unpacked, 'main')), 'no main/ sources');
    // With no sources there is nothing to bundle: the build tool stays out of the package.
    assert.ok(!fs.existsSync(path.join(unpacked, 'node_modules', 'esbuild')), 'no esbuild');
  });

  it('builds the database and serves the tools from the packed tree with plain Node', { timeout: 300_000 }, async () => {
    const bin = path.join(unpacked, 'bin', 'zava-mcp.mjs');
    // The packed bridge keeps its code cache in the user's cache folder: this test's own one.
    const env = { ...(process.env as Record<string, string>), ZAVA_DATA_DIR: dataDir, XDG_CACHE_HOME: path.join(work, 'user-cache') };
    // Run from outside the repository so nothing can resolve back into the checkout.
    const reset = spawnSync(process.execPath, [bin, 'db', 'reset', '--scale', 'tiny', '--yes', '--json'], { cwd: work, env, encoding: 'utf8', timeout: 300_000 });
    assert.equal(reset.status, 0, reset.stderr);
    assert.equal(JSON.parse(reset.stdout).counts.orders, 4000);
    assert.doesNotMatch(reset.stderr, /running from sources/);

    const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'serve', '--user', 'head-office'], env, cwd: work, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const client = new Client({ name: 'zava-packed-test', version: '1.0.0' });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      assert.ok(tools.some((t) => t.name === 'execute_sales_query'), `tools: ${tools.map((t) => t.name).join(', ')}`);
      const result = await client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT count(*) AS orders FROM retail.orders' } });
      assert.ok(!result.isError, JSON.stringify(result.content));
      assert.deepEqual((result.structuredContent as { r: unknown[][] }).r, [[4000]]);
    } finally {
      await client.close();
    }
    assert.doesNotMatch(stderr, /running from sources/);
    // Its code cache went to the user's cache folder, and nothing was written into the packed app.
    const cached = fs.readdirSync(path.join(work, 'user-cache', 'zava-mcp', 'code-cache'));
    assert.ok(cached.some((name) => name.includes('.serve.')), `cached: ${cached.join(', ')}`);
    const { dir } = JSON.parse(fs.readFileSync(path.join(unpacked, 'dist', 'cli', 'current.json'), 'utf8'));
    assert.deepEqual(fs.readdirSync(path.join(unpacked, 'dist', 'cli', dir)), ['main.cjs']);
  });
});
