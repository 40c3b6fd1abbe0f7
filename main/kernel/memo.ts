/**
 * A small least-recently-used memo for pure functions of a string (a statement's kind, a
 * query's fingerprint): the same SQL sent again skips the work. Bounded by entries and by key
 * length, so a stream of distinct or huge keys costs a few megabytes at most.
 */
export class StringMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly maxEntries = 512,
    private readonly maxKeyLength = 8_192,
  ) {}

  /** `compute(key)`, remembered; a throw is not remembered (the next call computes again). */
  get(key: string, compute: (key: string) => V): V {
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Re-inserted as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const value = compute(key);
    if (key.length <= this.maxKeyLength) {
      this.entries.set(key, value);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
