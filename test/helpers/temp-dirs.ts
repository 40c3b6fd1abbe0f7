import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

// At exit rather than in a node:test hook: a unit file runs in a process shared with others
// (scripts/run-test-batch.mjs), where no one hook sees the end of every file's tests.
process.once('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, deleted when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
