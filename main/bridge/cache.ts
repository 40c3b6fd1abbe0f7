import fs from 'node:fs';

interface Entry<V> {
  value: V;
  bytes: number;
  expires: number;
}

/** Collapses whitespace and a trailing semicolon so trivially different spellings share an entry. */
export function normaliseSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').replace(/[;\s]+$/, '').trim();
}

/**
 * LRU result cache bounded by entries, bytes and age. Keys include the identity, so one
 * identity's results are never served to another. A `db reset` writes a new build marker
 * file; seeing it change drops everything.
 */
export class ResultCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private bytes = 0;
  private buildMarker: string | undefined;
  hits = 0;
  misses = 0;

  constructor(
    private readonly limits: { ttlMs: number; maxEntries: number; maxBytes: number },
    private readonly buildMarkerFile?: string,
  ) {
    this.buildMarker = this.readMarker();
  }

  key(identity: string, sql: string): string {
    // A cache that is off stores nothing: no key is ever looked up, so none is built.
    if (!this.enabled) return '';
    return `${identity}\u0000${normaliseSql(sql)}`;
  }

  /** False when settings turn the cache off (ttl or entries 0): nothing is stored, so nothing to look up. */
  get enabled(): boolean {
    return this.limits.ttlMs > 0 && this.limits.maxEntries > 0;
  }

  get(key: string): V | undefined {
    if (!this.enabled) {
      this.misses++;
      return undefined;
    }
    this.checkBuild();
    const entry = this.entries.get(key);
    if (!entry || entry.expires < Date.now()) {
      if (entry) this.delete(key);
      this.misses++;
      return undefined;
    }
    // Re-insert to mark as most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.value;
  }

  set(key: string, value: V, bytes: number): void {
    if (!this.enabled || bytes > this.limits.maxBytes) return;
    this.delete(key);
    this.entries.set(key, { value, bytes, expires: Date.now() + this.limits.ttlMs });
    this.bytes += bytes;
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }

  private checkBuild(): void {
    const marker = this.readMarker();
    if (marker !== this.buildMarker) {
      this.buildMarker = marker;
      this.clear();
    }
  }

  private readMarker(): string | undefined {
    if (!this.buildMarkerFile) return undefined;
    try {
      return fs.readFileSync(this.buildMarkerFile, 'utf8');
    } catch {
      return undefined;
    }
  }
}
