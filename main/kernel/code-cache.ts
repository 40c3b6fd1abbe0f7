const SAVE_CODE_CACHE = Symbol.for('zava.saveCodeCache');

/**
 * Tells the bundle's loader (bin/load-bundle.mjs) that start-up is done, so the V8 code cache it
 * writes (once, when it had none or V8 rejected it) holds the code start-up compiled. Must come
 * before any V8 flag changes: V8 rejects a cache made under other flags. Nothing happens when
 * running from sources.
 */
export function saveStartupCodeCache(): void {
  (globalThis as { [SAVE_CODE_CACHE]?: () => void })[SAVE_CODE_CACHE]?.();
}
