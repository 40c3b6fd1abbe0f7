// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliEnv, runCli, type CliResult } from '../helpers/cli.ts';
import { createTestDatabase, makeDataDir, type TestDatabase } from '../helpers/database.ts';

interface StatusJson {
  ok: boolean;
  database: { ok: boolean; port?: number; error?: string; data?: { built: boolean; seed?: number; scale?: string; builtAt?: string; counts?: Record<string, number> } };
}

function assertFails(result: CliResult, code: number, message: RegExp): void {
  assert.equal(result.code, code, `exit code ${result.code}; stderr: ${result.stderr}`);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /unexpected error|at .*\.ts:\d+/, 'a clear message, not a stack trace');
}

function listen(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => resolve(server));
  });
}

describe('the CLI with bad input', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let baseline: StatusJson;
  const scratch: string[] = [];

  before(async () => {
    // A cluster of its own: the CLI runs below start (or fail to start) it themselves.
    db = await createTestDatabase({ scale: 'tiny', cluster: 'own' });
    // Let go of the server: each CLI run below starts (or fails to start) it on its own.
    await db.target.engine!.release();
    assert.equal(db.target.engine!.status().running, false);
    env = cliEnv(db.dataDir);
    const status = await runCli(['status', '--json'], env);
    assert.equal(status.code, 0, status.stderr);
    baseline = JSON.parse(status.stdout);
    assert.equal(baseline.ok, true);
    assert.equal(baseline.database.data?.scale, 'tiny');
  });

  after(async () => {
    await db?.close();
    for (const p of scratch) fs.rmSync(p, { recursive: true, force: true });
  });

  it('rejects an unknown --scale, naming the valid ones', async () => {
    assertFails(await runCli(['db', 'reset', '--scale', 'huge', '--yes'], env), 2, /Unknown scale "huge": use one of tiny, small, default, large/);
  });

  it('rejects a --seed that is not a whole decimal number', async () => {
    // Validation happens before the database is touched, so these may run side by side.
    const cases: [string, RegExp][] = [
      ...['abc', '1.5', '', ' ', '0x10', '1e3', '42abc'].map((seed): [string, RegExp] => [seed, /seed must be a whole number/]),
      ['-1', /seed must be between 0 and 4294967295/],
      ['4294967296', /seed must be between 0 and 4294967295/],
    ];
    const results = await Promise.all(cases.map(([seed]) => runCli(['db', 'reset', '--scale', 'tiny', `--seed=${seed}`, '--yes'], env)));
    results.forEach((result, i) => assertFails(result, 2, cases[i]![1]));
  });

  it('rejects other malformed commands before touching anything', async () => {
    const cases: [string[], RegExp][] = [
      [['db', 'reset', '--scale', 'tiny'], /pass --yes/],
      [['db', 'reset', '--bogus', '--yes'], /Unknown option '--bogus'/],
      [['db', 'reset', '--port', '80', '--yes'], /port must be a number between 1024 and 65535/],
      [['db', 'reset', '--port', 'abc', '--yes'], /port must be a number between 1024 and 65535/],
      [['db', 'frobnicate'], /Unknown db command "frobnicate"/],
      [['frobnicate'], /Unknown command "frobnicate"/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, env)));
    results.forEach((result, i) => assertFails(result, 2, cases[i]![1]));
  });

  it('names an unwritable ZAVA_DATA_DIR (under a regular file, or on a read-only file system)', async () => {
    const dir = makeDataDir('zava-cli-bad-');
    scratch.push(dir);
    const file = path.join(dir, 'not-a-directory');
    fs.writeFileSync(file, 'keep me');
    const underFile = path.join(file, 'data');
    for (const args of [['db', 'reset', '--scale', 'tiny', '--yes'], ['db', 'start']]) {
      const result = await runCli(args, cliEnv(underFile));
      assertFails(result, 1, new RegExp(`data directory ${underFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not writable \\(ENOTDIR`));
      assert.match(result.stderr, /hint: Set ZAVA_DATA_DIR to a directory you can write to/);
    }
    assert.equal(fs.readFileSync(file, 'utf8'), 'keep me');

    const status = await runCli(['status', '--json'], cliEnv(underFile));
    assert.equal(status.code, 1);
    const json = JSON.parse(status.stdout) as StatusJson;
    assert.equal(json.ok, false);
    assert.match(json.database.error ?? '', /is not writable/);

    // procfs refuses new entries (ENOENT): Node's own recursive mkdir spins forever there, so this also proves no hang.
    if (os.platform() === 'linux' && fs.existsSync('/proc/self')) {
      const proc = `/proc/zava-${process.pid}/data`;
      const result = await runCli(['db', 'reset', '--scale', 'tiny', '--yes'], cliEnv(proc), 20_000);
      assertFails(result, 1, /data directory \/proc\/zava-\d+\/data is not writable \(ENOENT/);
    }
  });

  it('names a busy --port and leaves the server stopped', async () => {
    assert.equal(db.target.engine!.status().running, false);
    const holder = await listen();
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const result = await runCli(['db', 'reset', '--port', String(port), '--scale', 'tiny', '--yes'], env);
      assertFails(result, 1, new RegExp(`Port ${port} on 127.0.0.1 is already in use`));
      assert.match(result.stderr, /hint: .*--port/);

      const status = await runCli(['status', '--json'], cliEnv(db.dataDir, { ZAVA_PG_PORT: String(port) }));
      assert.equal(status.code, 1, 'status is unhealthy when the server cannot start');
      assert.match((JSON.parse(status.stdout) as StatusJson).database.error ?? '', new RegExp(`Port ${port} .*already in use`));
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    assert.equal(db.target.engine!.status().running, false);
    assert.deepEqual(fs.readdirSync(path.join(db.paths.run, 'leases')), [], 'no lease left behind');
  });

  it('left the existing database exactly as built', async () => {
    const result = await runCli(['status', '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const now = JSON.parse(result.stdout) as StatusJson;
    assert.equal(now.ok, true);
    assert.deepEqual(now.database.data, baseline.database.data, 'same counts, seed, scale and build time');
  });
});
