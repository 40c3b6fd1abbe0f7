#!/usr/bin/env node
// The `zava-mcp` command. Runs the prebuilt bundle (dist/cli/<source hash>/main.mjs, see
// bundle.mjs) so no TypeScript is compiled at launch; when the sources changed since it was
// built, it is rebuilt first (≈ 0.5 s, once). Where it cannot be built (read-only install,
// esbuild missing) the sources run through tsx's loader, so `npm ci` alone always suffices.
import { buildBundle, freshBundle } from './bundle.mjs';
import { pathToFileURL } from 'node:url';

let entry = freshBundle();
if (!entry) {
  try {
    entry = await buildBundle();
  } catch (error) {
    process.stderr.write(`zava-mcp: running from sources (bundle not built: ${error instanceof Error ? error.message : String(error)})\n`);
  }
}
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main/cli/main.ts');
}
