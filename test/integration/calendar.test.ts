// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { cliEnv, runCli } from '../helpers/cli.ts';
import { makeDataDir } from '../helpers/database.ts';

interface StatusData {
  built: boolean;
  asOf?: string;
  firstOrderDate?: string;
  lastOrderDate?: string;
}

describe('the living calendar through the CLI', () => {
  const dataDir = makeDataDir('zava-calendar-');
  const env = cliEnv(dataDir);

  before(async () => {
    const build = await runCli(['db', 'reset', '--scale', 'tiny', '--as-of', '2024-06-15', '--yes', '--json'], env, 180_000);
    assert.equal(build.code, 0, build.stderr);
    assert.equal(JSON.parse(build.stdout).asOf, '2024-06-15');
  });

  after(async () => {
    await runCli(['db', 'stop'], env).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('db reset --as-of pins the last order day; status --json reports it and the order date range', async () => {
    const status = await runCli(['status', '--json'], env);
    assert.equal(status.code, 0, status.stderr);
    const data = JSON.parse(status.stdout).database.data as StatusData;
    assert.equal(data.asOf, '2024-06-15');
    assert.equal(data.lastOrderDate, '2024-06-15', 'the last orders fall on the as-of day itself');
    assert.equal(data.firstOrderDate, '2018-06-16', 'six years of data, ending on the as-of day');
  });

  it('refuses a bad --as-of with a clear message, exit 2, before touching the database', async () => {
    const cases = ['2025-02-30', 'yesterday', ''];
    const results = await Promise.all(cases.map((asOf) => runCli(['db', 'reset', '--scale', 'tiny', `--as-of=${asOf}`, '--yes'], env)));
    results.forEach((result, i) => {
      assert.equal(result.code, 2, `${cases[i]}: exit ${result.code}; ${result.stderr}`);
      assert.match(result.stderr, /as-of date must be a real calendar date written YYYY-MM-DD/, cases[i]);
      assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, 'a message, not a stack trace');
    });
    const status = JSON.parse((await runCli(['status', '--json'], env)).stdout).database.data as StatusData;
    assert.equal(status.asOf, '2024-06-15', 'the existing build is untouched');
  });
});
