// Module hooks for the test processes: TypeScript sources are transformed by esbuild as they
// load, every other module goes to Node untouched. Our imports name their .ts files in full
// (allowImportingTsExtensions), so Node's own resolver finds them: only `load` is hooked.
// Why not tsx, which the scripts and benches still use: tsx also resolves every specifier of
// every package through its hooks, which costs a test process about 0.3 CPU-s more to start
// (measured on the unit batch and the integration helpers); the suite starts some forty of them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync, version } from 'esbuild';

const TYPESCRIPT = /\.(?:ts|mts)$/;
// Transforms are kept by content hash, as tsx keeps its own: most files do not change between runs.
const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/zava-tests/transforms/', import.meta.url));
fs.mkdirSync(cacheDir, { recursive: true });

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TYPESCRIPT.test(url)) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = fs.readFileSync(file, 'utf8');
  const key = crypto.createHash('sha1').update(`${version}\0${file}\0${source}`).digest('hex');
  const cached = path.join(cacheDir, `${key}.mjs`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = transformSync(source, { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', sourcefile: file, tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } } }).code;
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  }
  return { format: 'module', source: code, shortCircuit: true };
}
