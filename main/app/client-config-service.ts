import { clientConfig } from '../bridge/client-config.ts';
import { httpToken } from '../bridge/http.ts';
import { resolveIdentity } from '../db/identities.ts';
import type { DataPaths } from '../kernel/config/paths.ts';
import type { SettingsFile } from '../kernel/config/settings-file.ts';
import type { BridgeService } from './bridge-service.ts';
import { CLIENT_TITLES, configFileHint } from './client-configs.ts';

const CLIENTS = ['claude', 'vscode', 'cursor'] as const;

export interface ClientConfigServiceDeps {
  paths: DataPaths;
  settings: Pick<SettingsFile, 'read'>;
  bridges: Pick<BridgeService, 'launchSpec' | 'httpState'>;
}

/**
 * "Connect a client": ready configs for Claude Desktop, VS Code and Cursor (the bridge's
 * own clientConfig), launching the same program the app runs — this Node or the packaged
 * app's binary, absolute paths, the app's data dir. API keys never go into a config.
 */
export class ClientConfigService {
  constructor(private readonly deps: ClientConfigServiceDeps) {}

  configs(wanted: string) {
    const { paths } = this.deps;
    const identity = resolveIdentity(wanted);
    const spec = this.deps.bridges.launchSpec(identity.slug);
    const entry = spec.args[0]!;
    const launcher = { command: spec.command, args: [entry], ...(spec.env.ELECTRON_RUN_AS_NODE ? { env: { ELECTRON_RUN_AS_NODE: '1' } } : {}) };
    const settings = this.deps.settings.read();
    const running = this.deps.bridges.httpState();
    // The app's endpoint acts as the app's identity: its URL and token are offered for that identity only.
    const mine = running.identity === identity.slug;
    const http = settings.http.enabled && mine ? { url: `http://127.0.0.1:${settings.http.port}/mcp`, token: httpToken(paths, identity.slug) } : undefined;
    return {
      identity: identity.slug,
      configs: CLIENTS.map((client) => {
        const made = clientConfig(client, identity, { dataDir: paths.root, launcher });
        const server = Object.values((made.config.mcpServers ?? made.config.servers) as Record<string, { command: string; args: string[]; env: Record<string, string> }>)[0]!;
        return {
          client,
          title: CLIENT_TITLES[client],
          fileHint: configFileHint(client),
          json: JSON.stringify(made.config, null, 2),
          launch: { command: server.command, args: server.args, env: server.env },
        };
      }),
      http: http
        ? {
            enabled: true,
            status: running.status,
            url: http.url,
            token: http.token,
            lastError: running.lastError,
            note: `The app runs this endpoint as ${identity.slug}; send the token as "Authorization: Bearer <token>".`,
            vscodeJson: JSON.stringify(clientConfig('vscode', identity, { dataDir: paths.root, http }).config, null, 2),
          }
        : {
            enabled: settings.http.enabled,
            status: settings.http.enabled ? `acting as ${running.identity ?? 'nobody'}` : 'stopped',
            url: null,
            token: null,
            lastError: null,
            note: settings.http.enabled
              ? `The app's HTTP endpoint acts as ${running.identity ?? 'nobody'}. Switch the app to ${identity.slug} on the Identity page, or run \`zava-mcp serve --user ${identity.slug} --http --port <N>\` yourself.`
              : 'HTTP is off. Turn it on in Settings to get a URL and token for clients that prefer HTTP.',
            vscodeJson: null,
          },
    };
  }
}
