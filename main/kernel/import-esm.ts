/**
 * The loader of the prebuilt bundle (bin/load-bundle.mjs) lends its own `import()` here: the
 * bundle runs as a vm script for V8's code cache, and a vm script has no module loader.
 */
const LENT_IMPORT = Symbol.for('zava.import');

/**
 * Imports an ES-module-only package that stays outside the bundle (vite). CommonJS packages
 * need nothing of the kind: in the bundle their import() is a require().
 */
export function importEsmOnly<T>(specifier: string): Promise<T> {
  const lent = (globalThis as { [LENT_IMPORT]?: (specifier: string) => Promise<unknown> })[LENT_IMPORT];
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}
