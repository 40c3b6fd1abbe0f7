// run-tests: shares a process (it closes its database and leaves the environment as it found it)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI } from '../helpers/bridge.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

function cliConfig(db: TestDatabase, client: string, user: string) {
  const result = spawnSync(process.execPath, [CLI, 'client-config', '--client', client, '--user', user], { env: db.env, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe('zava-mcp client-config', () => {
  let db: TestDatabase;
  before(async () => {
    // A cluster of its own: the pasted configs launch the bridge on the data dir alone, as a user's would.
    db = await createTestDatabase({ scale: 'tiny', cluster: 'own' });
  });
  after(async () => {
    await db.close();
  });

  for (const [client, key] of [
    ['claude', 'mcpServers'],
    ['cursor', 'mcpServers'],
    ['vscode', 'servers'],
  ] as const) {
    it(`${client}: the pasted snippet launches a working bridge as that identity`, async () => {
      const config = cliConfig(db, client, 'region-sound');
      const server = config[key]['zava-region-sound'];
      assert.ok(path.isAbsolute(server.command), 'absolute command');
      assert.ok(server.args.some((a: string) => path.isAbsolute(a) && a.endsWith('zava-mcp.mjs')), 'absolute script path');
      assert.equal(server.env.ZAVA_DATA_DIR, db.dataDir);
      // Launch exactly what the client would: command, args, env — nothing inherited but PATH-less basics.
      const transport = new StdioClientTransport({ command: server.command, args: server.args, env: { ...server.env, HOME: process.env.HOME ?? '/root' } });
      const mcp = new Client({ name: `${client}-paste`, version: '1' });
      await mcp.connect(transport);
      const identity = JSON.parse(((await mcp.readResource({ uri: 'zava://identity' })).contents[0] as { text: string }).text);
      assert.equal(identity.slug, 'region-sound');
      assert.ok((await mcp.listTools()).tools.length >= 4);
      await mcp.close();
    });
  }

  it('rejects an unknown client or identity with a clear message', () => {
    for (const args of [['--client', 'emacs'], ['--client', 'claude', '--user', 'nobody'], []]) {
      const result = spawnSync(process.execPath, [CLI, 'client-config', ...args], { env: db.env, encoding: 'utf8' });
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /client|identity/i);
    }
  });
});
