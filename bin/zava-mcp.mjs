#!/usr/bin/env node
// The `zava-mcp` command. Runs the prebuilt bundle (dist/cli/<source hash>/main.cjs, see
// bundle.mjs, through load-bundle.mjs's code cache) so no TypeScript is compiled at launch. The
// bundle starts only if it was built from exactly these sources, else the matching bundle is
// built first (≈ 1–2 s, once). Where it cannot be built (read-only install, no esbuild) the
// sources run through tsx's loader, so `npm ci` alone always suffices.
import { hasSources, recordBundle, recordedBundle, recordedStampHolds, sourceStamp } from './bundle-stamp.mjs';
import { loadBundle } from './load-bundle.mjs';

// Each command caches the code its own start-up compiled (anything else shares one cache).
const COMMANDS = new Set(['status', 'db', 'users', 'serve', 'stats', 'client-config', 'embeddings', 'web', 'start']);
const load = (entry) => loadBundle(entry, COMMANDS.has(process.argv[2]) ? process.argv[2] : 'other');

async function cli() {
  const recorded = recordedBundle();
  // No sources (the packaged app): the bundle it ships is the program. The stamp holds: nothing
  // was written since the bundle was matched to the sources.
  if (recorded && (!hasSources() || recordedStampHolds(recorded))) return load(recorded.entry);
  // The sources moved: hashing and building need bundle.mjs (crypto, esbuild), loaded only now.
  const { buildBundle, sourceHash } = await import('./bundle.mjs');
  let hash;
  let stamped;
  if (recorded) {
    // Stamped before the contents are read: a file written meanwhile changes the next stamp.
    stamped = sourceStamp();
    hash = await sourceHash();
    if (hash === recorded.dir) {
      // Touched but unchanged (a checkout, a save without edits): remember the new stamp.
      try {
        recordBundle(hash, stamped);
      } catch {
        // A read-only install hashes again next time.
      }
      return load(recorded.entry);
    }
  }
  let entry;
  try {
    entry = await buildBundle(undefined, hash, stamped);
  } catch (error) {
    process.stderr.write(`zava-mcp: running from sources (bundle not built: ${error instanceof Error ? error.message : String(error)})\n`);
    const { register } = await import('tsx/esm/api');
    register();
    return import('../main/cli/main.ts');
  }
  return load(entry);
}

(await cli()).runCli();
