import type { AppCore } from '../app/app-core.ts';
import { clientConfig } from '../bridge/client-config.ts';
import { httpToken } from '../bridge/http.ts';
import { resolveIdentity } from '../db/identities.ts';
import { CLIENT_TITLES, configFileHint } from './client-configs.ts';
import type { HandlerGroup } from './router.ts';

type Deps = Pick<AppCore, 'paths' | 'settings' | 'launchSpec' | 'httpBridge'>;

const CLIENTS = ['claude', 'vscode', 'cursor'] as const;

/**
 * "Connect a client": ready configs for Claude Desktop, VS Code and Cursor (the bridge's
 * own clientConfig), launching the same program the app runs — this Node or the packaged
 * app's binary, absolute paths, the app's data dir. API keys never go into a config.
 */
export function clientsHandlers(core: Deps): HandlerGroup<'clients:get-configs'> {
  return {
    'clients:get-configs': ({ identity: wanted }) => {
      const identity = resolveIdentity(wanted);
      const spec = core.launchSpec(identity.slug);
      const entry = spec.args[0]!;
      const launcher = { command: spec.command, args: [entry], ...(spec.env.ELECTRON_RUN_AS_NODE ? { env: { ELECTRON_RUN_AS_NODE: '1' } } : {}) };
      const settings = core.settings.read();
      const running = core.httpBridge.state();
      // The app's endpoint acts as the app's identity: its URL and token are offered for that identity only.
      const mine = running.identity === identity.slug;
      const http = settings.http.enabled && mine ? { url: `http://127.0.0.1:${settings.http.port}/mcp`, token: httpToken(core.paths, identity.slug) } : undefined;
      return {
        identity: identity.slug,
        configs: CLIENTS.map((client) => {
          const made = clientConfig(client, identity, { dataDir: core.paths.root, launcher });
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
              vscodeJson: JSON.stringify(clientConfig('vscode', identity, { dataDir: core.paths.root, http }).config, null, 2),
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
    },
  };
}
