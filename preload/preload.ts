import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, isChannel, isEventName, type Channel, type EventName } from '../main/kernel/channels.ts';

/**
 * The sandboxed preload: exposes `window.api` (the ZavaApi of main/ipc/contract.ts) and
 * nothing else — only the contract's channels can be invoked, only its events received.
 */
const api = {
  shell: 'electron' as const,
  invoke(channel: Channel, request: unknown): Promise<unknown> {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'VALIDATION_ERROR', message: `Unknown channel "${String(channel)}".` } });
    return ipcRenderer.invoke(channel, request);
  },
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) return () => undefined;
    const handler = (_e: unknown, message: { event?: string; payload?: unknown }) => {
      if (message?.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('api', api);
