import { app, BrowserWindow, shell } from 'electron';
import { AppCore } from '../app/app-core.ts';
import { startupNarrator } from '../app/startup-narrator.ts';
import type { AppState } from '../kernel/contract.ts';
import { dataPaths } from '../kernel/config/paths.ts';
import { createAppRouter } from '../ipc/handlers.ts';
import { RENDERER_DIST } from '../web/renderer-build.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { electronLogger } from './electron-logger.ts';
import { wireIpc } from './ipc-wiring.ts';
import { createMainWindow } from './main-window.ts';
import { createShellStore, SafeStorageSecretStore } from './shell-store.ts';

/**
 * The Electron main process: a thin shell over AppCore (plain Node). One instance only; a
 * second launch focuses the first window. Quitting stops the bridge and releases the database.
 */
app.setName('Zava MCP Desktop');
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let core: AppCore | undefined;
  let stopped = false;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('before-quit', (event) => {
    if (stopped || !core) return;
    event.preventDefault();
    void core.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    const paths = dataPaths();
    const log = electronLogger(paths);
    const store = createShellStore(paths);
    core = new AppCore({
      paths,
      log,
      secrets: new SafeStorageSecretStore(store),
      host: {
        kind: 'electron',
        revealFile: async (file) => {
          shell.showItemInFolder(file);
          return true;
        },
      },
      version: app.getVersion(),
    });
    serveRenderer(RENDERER_DIST);
    wireIpc(createAppRouter(core), core.events, () => window);
    window = createMainWindow(store);
    log.info(`desktop app started (Electron ${process.versions.electron}, data dir ${paths.root})`);
    // The terminal that ran `npm start` follows the start-up too, ending in one ready line.
    const narrate = startupNarrator(() => `ready: Zava MCP Desktop is ready ({elapsed}); the window shows the dashboard (data dir ${paths.root}).`);
    core.events.subscribe((event, payload) => {
      if (event === 'app:state-changed') for (const line of narrate(payload as AppState)) process.stderr.write(`${line}\n`);
    });
    void core.start();
  });
}
