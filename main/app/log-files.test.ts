import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { dataPaths } from '../kernel/config/paths.ts';
import { FileLogger } from './file-logger.ts';
import { LogFollower, readTail } from './log-files.ts';
import { tempDir } from '../../test/helpers/temp-dirs.ts';

describe('log files', () => {
  const paths = dataPaths(tempDir('zava-logs-'));

  test('FileLogger writes levelled lines to logs/<name>.log, 0600, and rotates', () => {
    const log = new FileLogger(paths.logs, 'rot', { maxBytes: 200 });
    log.info('first');
    log.debug('hidden at info level');
    assert.match(fs.readFileSync(log.file, 'utf8'), /^\[\d{4}-\d\d-\d\dT[^\]]+\] INFO  first\n$/);
    assert.equal(fs.statSync(log.file).mode & 0o777, 0o600);
    for (let i = 0; i < 10; i++) log.warn(`line ${i} ${'x'.repeat(20)}`);
    assert.ok(fs.existsSync(path.join(paths.logs, 'rot.1.log')));
    assert.ok(fs.statSync(log.file).size <= 200);
  });

  test('readTail returns the last lines, and nothing for a missing file', () => {
    const file = path.join(paths.logs, 'tail.log');
    fs.writeFileSync(file, Array.from({ length: 50 }, (_, i) => `l${i}`).join('\n') + '\n');
    assert.deepEqual(readTail(file, 3).lines, ['l47', 'l48', 'l49']);
    assert.deepEqual(readTail(path.join(paths.logs, 'none.log'), 3), { lines: [], size: 0 });
  });

  test('LogFollower reports only complete new lines, and restarts after truncation', () => {
    const got: [string, string[]][] = [];
    const main = path.join(paths.logs, 'main.log');
    fs.writeFileSync(main, 'old\n');
    const follower = new LogFollower(paths, (id, lines) => got.push([id, lines]));
    follower.start();
    follower.stop();
    fs.appendFileSync(main, 'new 1\nnew 2\npart');
    follower.poll();
    assert.deepEqual(got, [['main', ['new 1', 'new 2']]]);
    fs.appendFileSync(main, 'ial\n');
    follower.poll();
    assert.deepEqual(got.at(-1), ['main', ['partial']]);
    fs.writeFileSync(main, 'rotated\n');
    follower.poll();
    assert.deepEqual(got.at(-1), ['main', ['rotated']]);
  });
});
