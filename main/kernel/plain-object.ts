/** True for a JSON object: not null, not an array (the shape of params, arguments, settings patches). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
