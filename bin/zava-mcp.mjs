#!/usr/bin/env node
// The `zava-mcp` command. Runs the prebuilt bundle (dist/cli/<source hash>/main.cjs, see
// bundle.mjs, through load-bundle.mjs's code cache) so no TypeScript is compiled at launch. The
// bundle starts only if it was built from exactly these sources, else the matching bundle is
// built first (≈ 1–2 s, once). Where it cannot be built (read-only install, no esbuild) the
// sources run through tsx's loader, so `npm ci` alone always suffices.
import { buildBundle, recordBundle, recordedBundle, sourceHash, sourceStamp } from './bundle.mjs';
import { loadBundle } from './load-bundle.mjs';

// Each command caches the code its own start-up compiled (anything else shares one cache).
const COMMANDS = new Set(['status', 'db', 'users', 'serve', 'stats', 'client-config', 'embeddings', 'web', 'start']);
const load = (entry) => loadBundle(entry, COMMANDS.has(process.argv[2]) ? process.argv[2] : 'other');

async function cli() {
  const recorded = recordedBundle();
  let hash;
  let stamp;
  if (recorded) {
    stamp = sourceStamp();
    // No sources (the packaged app): the bundle it ships is the program. Same stamp: nothing
    // was written since the bundle was matched to the sources.
    if (stamp === undefined || stamp === recorded.stamp) return load(recorded.entry);
    hash = await sourceHash();
    if (hash === recorded.dir) {
      // Touched but unchanged (a checkout, a save without edits): remember the new stamp.
      try {
        recordBundle(hash, stamp);
      } catch {
        // A read-only install hashes again next time.
      }
      return load(recorded.entry);
    }
  }
  let entry;
  try {
    entry = await buildBundle(undefined, hash, stamp);
  } catch (error) {
    process.stderr.write(`zava-mcp: running from sources (bundle not built: ${error instanceof Error ? error.message : String(error)})\n`);
    const { register } = await import('tsx/esm/api');
    register();
    return import('../main/cli/main.ts');
  }
  return load(entry);
}

(await cli()).runCli();
