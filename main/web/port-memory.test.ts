import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { dataPaths } from '../kernel/config/paths.ts';
import { rememberedPort, rememberPort } from './port-memory.ts';

test('the dashboard port is remembered per data dir; a missing or broken file means none', () => {
  const paths = dataPaths(fs.mkdtempSync(path.join(os.tmpdir(), 'zava-port-')));
  try {
    assert.equal(rememberedPort(paths), undefined);
    rememberPort(paths, 41234);
    assert.equal(rememberedPort(paths), 41234);
    fs.writeFileSync(path.join(paths.root, 'web-port.json'), '{"port": "nope"}');
    assert.equal(rememberedPort(paths), undefined);
  } finally {
    fs.rmSync(paths.root, { recursive: true, force: true });
  }
});
