import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The MCP App view as ONE self-contained HTML document (scripts, styles inlined; no URL to
 * fetch), as hosts load it into a sandboxed iframe. Written to resources/apps/ and committed,
 * so a bridge runs it without a build step; test/static/mcp-app-build.test.ts keeps it fresh.
 */
export default defineConfig({
  root: here,
  base: './',
  plugins: [viteSingleFile({ removeViteModuleLoader: true })],
  build: {
    outDir: process.env.ZAVA_APP_OUT_DIR ?? path.join(here, '..', '..', 'resources', 'apps'),
    emptyOutDir: false,
    target: 'chrome120',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: path.join(here, 'result-view.html') },
  },
  logLevel: 'warn',
});
