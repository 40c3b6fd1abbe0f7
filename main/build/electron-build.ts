import path from 'node:path';
import { APP_ROOT } from '../kernel/config/app-root.ts';
import { importEsmOnly } from '../kernel/import-esm.ts';
import { ensureRendererBuilt } from '../web/renderer-build.ts';

/** Output of the Electron build: the main-process bundle and the sandboxed preload. */
export const SHELL_MAIN = path.join(APP_ROOT, 'dist', 'shell', 'main.js');
export const PRELOAD_BUNDLE = path.join(APP_ROOT, 'dist', 'preload', 'preload.cjs');

/**
 * Builds what Electron loads: the renderer, the main process (ESM, every npm dependency
 * left external so native and asar-unpacked files resolve at run time) and the preload
 * (one CommonJS file: sandboxed preloads cannot require anything but `electron`).
 */
export async function buildElectronApp(log: (line: string) => void = () => undefined): Promise<void> {
  const vite = await importEsmOnly<typeof import('vite')>('vite');
  await ensureRendererBuilt(log);
  await vite.build({
    configFile: false,
    root: APP_ROOT,
    logLevel: 'warn',
    build: {
      ssr: path.join(APP_ROOT, 'main', 'shell', 'main.ts'),
      outDir: path.join(APP_ROOT, 'dist', 'shell'),
      emptyOutDir: true,
      target: 'node22',
      sourcemap: true,
      // electron is provided by the runtime (and not in the root install: see scripts/desktop-tooling.mjs).
      rollupOptions: { external: ['electron'], output: { format: 'es', entryFileNames: 'main.js' } },
    },
  });
  await vite.build({
    configFile: false,
    root: APP_ROOT,
    logLevel: 'warn',
    build: {
      outDir: path.join(APP_ROOT, 'dist', 'preload'),
      emptyOutDir: true,
      target: 'chrome140',
      minify: false,
      lib: { entry: path.join(APP_ROOT, 'preload', 'preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  });
  log('electron main and preload built');
}
