import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { BUNDLE_LOADER as LOADER, currentBundle } from '../helpers/bundle.ts';
import { tempDir } from '../helpers/temp-dirs.ts';

/**
 * Starts a stdio bridge from the bundle with every module request recorded, and returns what it
 * had requested when it wrote its tools/list answer. Its database is an address where nothing
 * listens: the list comes before the login, which then fails and ends the bridge.
 */
function requestsBeforeToolsList(bundle: string): Promise<string[]> {
  const script = [
    "import Module from 'node:module';",
    'const requested = [];',
    'const load = Module._load;',
    'Module._load = function (request, ...rest) { requested.push(request); return load.call(this, request, ...rest); };',
    'const write = process.stdout.write.bind(process.stdout);',
    'process.stdout.write = (chunk, ...rest) => { if (String(chunk).includes(\'"tools":\')) process.stderr.write(`REQUESTED ${JSON.stringify(requested)}\\n`); return write(chunk, ...rest); };',
    `const { loadBundle } = await import(${JSON.stringify(LOADER)});`,
    `loadBundle(${JSON.stringify(bundle)}, 'test').runCli(['serve', '--user', 'head-office']);`,
  ].join('\n');
  const dataDir = tempDir('zava-start-loads-');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ZAVA_DATA_DIR: dataDir, ZAVA_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Killed once it has answered: a write still on its way then fails, which is expected.
  child.stdin.on('error', () => undefined);
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  return new Promise((resolve, reject) => {
    let stderr = '';
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no tools/list answer within 60 s; stderr: ${stderr}`));
    }, 60_000);
    let listAsked = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // The first line is the initialize answer: then the client's next two messages.
      if (listAsked || !stdout.includes('\n')) return;
      listAsked = true;
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const line = stderr.split('\n').find((l) => l.startsWith('REQUESTED '));
      if (!line) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(JSON.parse(line.slice('REQUESTED '.length)) as string[]);
    });
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } });
  });
}

/** bin/bundle.mjs: what a stdio bridge's start-up loads (each module costs every launch). */
describe('a bridge start-up', () => {
  it('lists its tools without loading what only starting a server, the SQL parser and later steps need', async () => {
    const requested = await requestsBeforeToolsList(currentBundle());
    assert.ok(requested.length > 0, 'the recorder saw the bundle require something');
    const early = requested.map((id) => id.replace(/^node:/, '')).filter((id) => ['child_process', 'dns', 'v8', 'libpg-query'].includes(id));
    assert.deepEqual(early, [], `loaded before tools/list: ${requested.join(', ')}`);
  });
});
