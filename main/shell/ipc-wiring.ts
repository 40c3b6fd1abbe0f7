import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { AppEvents } from '../app/events.ts';
import { CHANNELS, EVENT_CHANNEL } from '../kernel/channels.ts';
import type { Invoke } from '../ipc/router.ts';
import { APP_ORIGIN } from './app-protocol.ts';

/** Only our own renderer may call: a frame from any other origin gets an authorization error. */
function fromOurRenderer(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(`${APP_ORIGIN}/`);
}

/** One `ipcMain.handle` per contract channel, all through the shared router; events go to the window. */
export function wireIpc(invoke: Invoke, events: AppEvents, window: () => BrowserWindow | undefined): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, request: unknown) => {
      if (!fromOurRenderer(event)) return { ok: false, error: { code: 'AUTHORIZATION_ERROR', message: 'This window may not call the app.' } };
      return invoke(channel, request);
    });
  }
  const unsubscribe = events.subscribe((event, payload) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, { event, payload });
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
