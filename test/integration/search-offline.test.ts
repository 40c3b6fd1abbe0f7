// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TYPESCRIPT_NODE_ARGS } from '../helpers/typescript-child.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = path.join(root, 'test', 'fixtures', 'embed-offline.ts');

/** Why `unshare -rn` (new user + network namespace, no interface up) cannot run here, if it cannot. */
function unshareUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `unshare is Linux-only (this is ${process.platform})`;
  const probe = spawnSync('unshare', ['-rn', 'true'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `unprivileged network namespaces are not allowed here: ${probe.stderr.trim()}`;
  return undefined;
}

describe('offline encoder', () => {
  const reason = unshareUnavailable();

  test('loads and embeds with networking disabled (unshare -rn)', { skip: reason ?? false }, () => {
    // Prove the namespace really has no network first, so a pass means something.
    const net = spawnSync('unshare', ['-rn', process.execPath, '-e', "require('net').connect(443, '1.1.1.1').on('error', (e) => { console.log(e.code); process.exit(0) })"], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    assert.match(net.stdout, /ENETUNREACH|EHOSTUNREACH|ENETDOWN/, `expected no route to the outside, got: ${net.stdout}${net.stderr}`);

    const result = spawnSync('unshare', ['-rn', process.execPath, ...TYPESCRIPT_NODE_ARGS, fixture], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 0, `the offline embed failed:\n${result.stderr}`);
    const out = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    assert.equal(out.dimensions, 512);
    assert.ok(Math.abs(out.norm - 1) < 1e-4, 'vectors are unit length');
    assert.ok(out.similar > out.unrelated, `a drill query is closer to a drill (${out.similar}) than to a hose (${out.unrelated})`);
    assert.deepEqual(out.attempts, [], 'no request may leave the machine');
  });
});
