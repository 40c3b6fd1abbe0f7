import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AppCore } from '../app/app-core.ts';
import type { BridgeService } from '../app/bridge-service.ts';
import { ClientConfigService } from '../app/client-config-service.ts';
import { IdentityService, storeOrderVisibility } from '../app/identity-service.ts';
import { LogsService } from '../app/logs-service.ts';
import { PlaygroundService } from '../app/playground-service.ts';
import { FileSecretStore } from '../app/secret-store.ts';
import { SettingsService } from '../app/settings-service.ts';
import { bridgeLaunchSpec } from '../app/supervision/launch-spec.ts';
import { dataPaths } from '../kernel/config/paths.ts';
import { SettingsFile } from '../kernel/config/settings-file.ts';
import type { BridgeState } from '../kernel/contract.ts';
import { clientsHandlers } from './clients.ts';
import { identityHandlers } from './identity.ts';
import { logsHandlers } from './logs.ts';
import { playgroundHandlers } from './playground.ts';
import { settingsHandlers } from './settings.ts';
import { tempDir } from '../../test/helpers/temp-dirs.ts';

const VISIBILITY_SQL = storeOrderVisibility.text();

/** The real services over a fake bridge and database: the handlers under test are plain functions. */
function fakeCore(toolResult: (name: string, args: Record<string, unknown>) => CallToolResult) {
  const root = tempDir('zava-ipc-');
  const paths = dataPaths(root);
  let state: BridgeState = { status: 'ready', identity: 'seattle', pid: 42, restarts: 0, lastError: null, lastErrorAt: null, readySince: null, nextRetryAt: null };
  const restarts: string[] = [];
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const settings = new SettingsFile(paths.settings);
  const secrets = new FileSecretStore(paths.secrets);
  const bridges = {
    state: () => state,
    httpState: () => ({ status: 'stopped' as const, identity: null, pid: null, url: null, restarts: 0, lastError: null }),
    launchSpec: (identity: string) => bridgeLaunchSpec({ identity, dataDir: root }),
    callTool: async (name: string, args: Record<string, unknown>) => toolResult(name, args),
    listTools: async () => [{ name: 'execute_sales_query', description: 'Run SQL', inputSchema: { type: 'object' as const } }],
    whenReady: async () => undefined,
    syncHttp: async () => undefined,
    restart: async (identity = state.identity) => {
      restarts.push(identity);
      state = { ...state, identity };
      return state;
    },
    selectIdentity: async (slug: string) => {
      restarts.push(slug);
      state = { ...state, identity: slug };
    },
  } satisfies Partial<BridgeService>;
  const admin = async () => ({
    query: async (sql: string) => {
      assert.equal(sql, VISIBILITY_SQL);
      return { rows: [{ store_name: 'Zava Retail Seattle', orders: '10' }, { store_name: 'Zava Retail Tacoma', orders: '5' }], rowCount: 2 };
    },
    end: async () => undefined,
  });
  const core = {
    identities: new IdentityService({ bridges, settings, admin: admin as never }),
    settings: new SettingsService({ paths, settings, secrets, log: silent, bridges }),
    clients: new ClientConfigService({ paths, settings, bridges: bridges as unknown as BridgeService }),
    playground: new PlaygroundService({ bridges, settings }),
    logs: new LogsService({ paths, revealFile: async () => false }),
  };
  return { core: core as unknown as AppCore, paths, restarts };
}

describe('IPC handlers', () => {
  test('playground:call-tool returns a tool error exactly as the model gets it', async () => {
    const { core } = fakeCore(() => ({
      isError: true,
      content: [{ type: 'text', text: '{"error":{"code":"DATABASE_ERROR"}}' }],
      structuredContent: { error: { code: 'DATABASE_ERROR', message: 'column "x" does not exist', hint: 'Check the columns.', sqlState: '42703' } },
    }));
    const result = await playgroundHandlers(core)['playground:call-tool']({ tool: 'execute_sales_query', args: { postgresql_query: 'SELECT x' } });
    assert.equal(result.isError, true);
    assert.deepEqual(result.error, { code: 'DATABASE_ERROR', message: 'column "x" does not exist', hint: 'Check the columns.', sqlState: '42703' });
    assert.equal(result.identity, 'seattle');
  });

  test('identity:prove-visibility compares what the bridge sees with the superuser totals', async () => {
    const { core } = fakeCore((name, args) => {
      assert.equal(name, 'execute_sales_query');
      assert.equal(args.postgresql_query, VISIBILITY_SQL);
      return { content: [], structuredContent: { c: ['store_name', 'orders'], r: [['Zava Retail Seattle', 10], ['Zava Retail Tacoma', 0]], n: 2 } };
    });
    const proof = await identityHandlers(core)['identity:prove-visibility']({});
    assert.deepEqual(proof.stores, [
      { store: 'Zava Retail Seattle', visibleOrders: 10, totalOrders: 10 },
      { store: 'Zava Retail Tacoma', visibleOrders: 0, totalOrders: 5 },
    ]);
    assert.equal(proof.visibleTotal, 10);
    assert.equal(proof.grandTotal, 15);
  });

  test('identity:select-identity resolves slugs and UUIDs and refuses unknown identities', async () => {
    const { core, restarts } = fakeCore(() => ({ content: [] }));
    const h = identityHandlers(core);
    assert.equal((await h['identity:select-identity']({ slug: '00000000-0000-0000-0000-000000000000' })).selected, 'head-office');
    await assert.rejects(Promise.resolve().then(() => h['identity:select-identity']({ slug: 'mallory' })), /Unknown identity/);
    assert.deepEqual(restarts, ['head-office']);
  });

  test('clients:get-configs gives parseable configs with absolute paths and the data dir', async () => {
    const { core, paths } = fakeCore(() => ({ content: [] }));
    const res = await clientsHandlers(core)['clients:get-configs']({ identity: 'tacoma' });
    assert.deepEqual(res.configs.map((c) => c.client), ['claude', 'vscode', 'cursor']);
    const claude = JSON.parse(res.configs[0]!.json);
    const entry = claude.mcpServers['zava-tacoma'];
    assert.ok(path.isAbsolute(entry.command));
    assert.ok(path.isAbsolute(entry.args[0]));
    assert.deepEqual(entry.args.slice(1), ['serve', '--user', 'tacoma']);
    assert.equal(entry.env.ZAVA_DATA_DIR, paths.root);
    assert.equal(JSON.parse(res.configs[1]!.json).servers['zava-tacoma'].type, 'stdio');
    assert.equal(res.http.enabled, false);
  });

  test('settings:update-settings saves, and restarts the bridge only when bridge settings changed', async () => {
    const { core, restarts } = fakeCore(() => ({ content: [] }));
    const h = settingsHandlers(core);
    await h['settings:update-settings']({ patch: { theme: 'dark' } });
    assert.deepEqual(restarts, []);
    const view = await h['settings:update-settings']({ patch: { bridge: { rowCap: 50 } } });
    assert.equal(view.settings.bridge.rowCap, 50);
    assert.deepEqual(restarts, ['seattle']);
  });

  test('settings:set-secret stores the key 0600 and only reports that it is set', async () => {
    const { core, paths } = fakeCore(() => ({ content: [] }));
    const view = await settingsHandlers(core)['settings:set-secret']({ name: 'embeddingsApiKey', value: 'sk-test' });
    assert.deepEqual(view.secrets, { embeddingsApiKey: true });
    assert.doesNotMatch(JSON.stringify(view), /sk-test/);
    assert.equal(fs.statSync(path.join(paths.secrets, 'embeddings-api-key')).mode & 0o777, 0o600);
  });

  test('logs handlers read by id only, and a browser cannot reveal files', async () => {
    const { core, paths } = fakeCore(() => ({ content: [] }));
    fs.mkdirSync(paths.logs, { recursive: true });
    fs.writeFileSync(path.join(paths.logs, 'main.log'), 'one\ntwo\nthree\n');
    fs.writeFileSync(path.join(paths.logs, 'bridge-seattle.log'), '{"msg":"ready"}\n');
    const h = logsHandlers(core);
    const ids = (await h['logs:list-files']({})).files.map((f) => f.id);
    assert.deepEqual(ids, ['main', 'database', 'bridge-seattle']);
    assert.deepEqual((await h['logs:read-tail']({ id: 'main', lines: 2 })).lines, ['two', 'three']);
    await assert.rejects(Promise.resolve().then(() => h['logs:read-tail']({ id: '../../etc/passwd', lines: 1 })), /no log called/);
    assert.deepEqual(await h['logs:reveal-file']({ id: 'main' }), { path: path.join(paths.logs, 'main.log'), revealed: false });
  });
});
