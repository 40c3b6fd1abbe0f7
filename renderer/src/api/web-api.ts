import { EVENTS, type Channel, type EventName } from '../../../main/kernel/channels.ts';
import type { Envelope, EventPayload, RequestOf, ResponseOf, ZavaApi } from '../../../main/kernel/contract.ts';

type AnyListener = (payload: unknown) => void;

/**
 * `window.api` for a browser: the same interface the Electron preload exposes, over the web
 * shell's HTTP endpoints. Calls are JSON POSTs (the session cookie carries the token);
 * events arrive as Server-Sent Events, which the browser reconnects by itself.
 */
export function createWebApi(base = ''): ZavaApi {
  const listeners = new Map<EventName, Set<AnyListener>>();
  let source: EventSource | undefined;

  function stream(): void {
    if (source) return;
    source = new EventSource(`${base}/api/events`);
    for (const name of EVENTS) {
      source.addEventListener(name, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  }

  return {
    shell: 'web',
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>> {
      let response: Response;
      try {
        response = await fetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'The dashboard server is not reachable. Is `zava-mcp web` still running?' } };
      }
      if (response.status === 401) {
        return { ok: false, error: { code: 'AUTHORIZATION_ERROR', message: 'This tab belongs to an earlier run of the dashboard (each run has its own token): run `npx zava-mcp web` and open the URL it prints.' } };
      }
      if (!response.ok) return { ok: false, error: { code: 'INTERNAL_ERROR', message: `${response.status} ${await response.text()}` } };
      return (await response.json()) as Envelope<ResponseOf<C>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      stream();
      const set = listeners.get(event) ?? new Set<AnyListener>();
      set.add(listener as AnyListener);
      listeners.set(event, set);
      return () => set.delete(listener as AnyListener);
    },
  };
}
