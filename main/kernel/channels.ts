/**
 * The names of every IPC channel and event, `area:verb-noun`. Kept free of imports so the
 * sandboxed preload can bundle the allow-list without the schemas.
 */
export const CHANNELS = [
  'app:get-state',
  'health:get-report',
  'database:start-server',
  'database:reset-data',
  'bridge:get-state',
  'bridge:restart-process',
  'performance:get-summary',
  'performance:get-statements',
  'identity:list-identities',
  'identity:select-identity',
  'identity:prove-visibility',
  'playground:list-tools',
  'playground:call-tool',
  'clients:get-configs',
  'logs:list-files',
  'logs:read-tail',
  'logs:reveal-file',
  'settings:get-settings',
  'settings:update-settings',
  'settings:set-secret',
  'embeddings:start-build',
  'embeddings:cancel-build',
  'embeddings:get-build',
] as const;

/** Events main pushes to the renderer (IPC `webContents.send`, or Server-Sent Events on the web). */
export const EVENTS = ['app:state-changed', 'bridge:state-changed', 'database:reset-progress', 'logs:lines-appended', 'embeddings:build-progress'] as const;

export type Channel = (typeof CHANNELS)[number];
export type EventName = (typeof EVENTS)[number];

/** The single IPC channel events travel on in Electron (payload: `{ event, payload }`). */
export const EVENT_CHANNEL = 'app:event';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}
