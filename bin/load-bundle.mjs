// Runs the prebuilt bundle (one CommonJS file, see bundle.mjs) with V8's code cache: the
// functions a command compiled on its last start are deserialized instead of parsed and compiled
// again. For a bridge that is most of what its start-up costs after Node's own boot (the bundle's
// module bodies and the code that answers initialize and tools/list).
//
// One cache file per command, V8 version and Node flags, beside the bundle:
// main.cjs.<command>.<v8 version>[.<flags hash>].v8cache. V8 checks it against the source and
// its own flags and rejects a mismatch; then this run writes a fresh one. It is written once,
// when the command says its start-up is done (globalThis[Symbol.for('zava.saveCodeCache')], see
// main/kernel/code-cache.ts), or else at exit. The packaged desktop app keeps its caches in the
// user's cache folder instead (its own folder belongs to the signed app). Where the folder is
// not writable there is simply no cache.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

const SAVE_CODE_CACHE = Symbol.for('zava.saveCodeCache');
const LENT_IMPORT = Symbol.for('zava.import');

/** The user's own cache folder for the app (never a shared one: a code cache is code). */
function userCacheDir() {
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local'), 'zava-mcp', 'code-cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'zava-mcp', 'code-cache');
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'zava-mcp', 'code-cache');
}

/** Drops the user-folder caches of other bundles (earlier versions of the app): they would never be read again. */
function pruneOtherBundles(dir, bundle) {
  for (const name of fs.readdirSync(dir)) if (!name.startsWith(`${bundle}.`)) fs.rmSync(path.join(dir, name), { force: true });
}

/** Eight hex digits naming a string in a file name (not a digest: node:crypto costs ≈ 6 ms to load). */
function shortHash(text) {
  let hash = 0x811c9dc5; // FNV-1a, 32 bits
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Evaluates the bundle at `file` as Node would a CommonJS module and returns its exports.
 * `command` names its code cache (a plain word: it becomes part of a file name).
 */
export function loadBundle(file, command) {
  // Node's flags (execArgv) can change V8's, and V8 rejects a cache made under other flags: runs
  // launched with different ones keep a cache each rather than replacing one another's.
  const flags = process.execArgv.length ? `.${shortHash(process.execArgv.join('\0'))}` : '';
  const name = `${command}.${process.versions.v8}${flags}.v8cache`;
  // The desktop app's bundle sits inside the installed app, which must stay as it was signed
  // (macOS checks the whole bundle) and is often read-only (Program Files): its cache goes to
  // the user's own cache folder, named after the bundle's source hash (its folder's name).
  const packaged = file.split(path.sep).includes('app.asar.unpacked');
  const cacheFile = packaged ? path.join(userCacheDir(), `${path.basename(path.dirname(file))}.${name}`) : `${file}.${name}`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache yet: compile, and write one.
  }
  // ASCII (bundle.mjs checks it when building): read as Latin-1, far quicker than UTF-8.
  const source = fs.readFileSync(file, 'latin1');
  // The wrapper Node gives a CommonJS module, so the bundle sees require, module, __filename.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  let saved = cachedData !== undefined && !script.cachedDataRejected;
  const save = () => {
    if (saved) return;
    saved = true;
    try {
      if (packaged) fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
      const temporary = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
      if (packaged) pruneOtherBundles(path.dirname(cacheFile), path.basename(path.dirname(file)));
    } catch {
      // Read-only install, full disk: start without a cache next time too.
    }
  };
  globalThis[SAVE_CODE_CACHE] = save;
  process.once('exit', save);
  // A vm script cannot import(); the bundle's few ESM-only imports borrow this module's.
  globalThis[LENT_IMPORT] = (specifier) => import(specifier);
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, path.dirname(file));
  return bundle.exports;
}
