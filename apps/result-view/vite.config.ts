import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { DIGEST_META, sourcesDigest } from '../../scripts/app-sources-digest.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The MCP App view as ONE self-contained HTML document (scripts, styles inlined; no URL to
 * fetch), as hosts load it into a sandboxed iframe. Written to resources/apps/ and committed,
 * so a bridge runs it without a build step. It carries a digest of its sources, which
 * test/static/mcp-app-build.test.ts compares with today's to catch a stale build.
 */
export default defineConfig({
  root: here,
  base: './',
  plugins: [
    viteSingleFile({ removeViteModuleLoader: true }),
    { name: 'zava-sources-digest', transformIndexHtml: (html) => html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta name="${DIGEST_META}" content="${sourcesDigest()}" />`) },
  ],
  build: {
    outDir: path.join(here, '..', '..', 'resources', 'apps'),
    emptyOutDir: false,
    // light-dark() needs Chrome 123; lowered for older targets it freezes the light colours.
    target: 'chrome123',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: path.join(here, 'result-view.html') },
  },
  logLevel: 'warn',
});
