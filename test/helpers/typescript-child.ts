import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The `node` arguments that run a TypeScript file in a child process the way the test runner
 * runs the tests themselves: through scripts/test-loader (esbuild), not tsx.
 */
export const TYPESCRIPT_NODE_ARGS = [
  '--import',
  pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'test-loader', 'register.mjs')).href,
] as const;
