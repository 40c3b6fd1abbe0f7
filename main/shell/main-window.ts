import path from 'node:path';
import { BrowserWindow, session, shell } from 'electron';
import type Store from 'electron-store';
import { PRELOAD_BUNDLE } from '../build/electron-build.ts';
import { APP_ORIGIN } from './app-protocol.ts';
import type { ShellPrefs } from './shell-store.ts';

/**
 * The one window: context isolation on, Node integration off, sandboxed preload, no remote
 * content (navigation and new windows are refused; links open in the OS browser only if
 * they are http(s)), every permission request denied.
 */
export function createMainWindow(store: Store<ShellPrefs>): BrowserWindow {
  const saved = store.get('window');
  const win = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    minWidth: 960,
    minHeight: 640,
    title: 'Zava MCP Desktop',
    show: false,
    webPreferences: {
      preload: path.resolve(PRELOAD_BUNDLE),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    },
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    store.set('window', { ...bounds, maximized: win.isMaximized() });
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
