#!/usr/bin/env node
// The `zava-mcp` command. Runs the prebuilt bundle (dist/cli/<source hash>/main.mjs, see
// bundle.mjs) so no TypeScript is compiled at launch. The bundle loads while the sources are
// hashed; it starts only if it was built from exactly these sources, else the matching bundle
// is built first (≈ 1–2 s, once). Where it cannot be built (read-only install, no esbuild) the
// sources run through tsx's loader, so `npm ci` alone always suffices.
import { pathToFileURL } from 'node:url';
import { buildBundle, recordBundle, recordedBundle, sourceHash, sourceStamp } from './bundle.mjs';

const load = (entry) => import(pathToFileURL(entry).href);

async function cli() {
  const recorded = recordedBundle();
  let hash;
  let stamp;
  if (recorded) {
    // The bundle loads (its files read by libuv's threads) while the sources are stamped.
    const loading = load(recorded.entry);
    stamp = sourceStamp();
    // No sources (the packaged app): the bundle it ships is the program. Same stamp: nothing
    // was written since the bundle was matched to the sources.
    if (stamp === undefined || stamp === recorded.stamp) return loading;
    let module;
    [module, hash] = await Promise.all([loading, sourceHash()]);
    if (hash === recorded.dir) {
      // Touched but unchanged (a checkout, a save without edits): remember the new stamp.
      try {
        recordBundle(hash, stamp);
      } catch {
        // A read-only install hashes again next time.
      }
      return module;
    }
  }
  try {
    return await load(await buildBundle(undefined, hash, stamp));
  } catch (error) {
    process.stderr.write(`zava-mcp: running from sources (bundle not built: ${error instanceof Error ? error.message : String(error)})\n`);
    const { register } = await import('tsx/esm/api');
    register();
    return import('../main/cli/main.ts');
  }
}

(await cli()).runCli();
