import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { normaliseSql, ResultCache } from './cache.ts';
import { tempDir } from '../../test/helpers/temp-dirs.ts';

describe('ResultCache', () => {
  const limits = { ttlMs: 60_000, maxEntries: 3, maxBytes: 1_000 };

  it('keys by identity so one identity never reads another identity’s entry', () => {
    const cache = new ResultCache<string>(limits);
    cache.set(cache.key('seattle', 'SELECT 1'), 'seattle rows', 10);
    assert.equal(cache.get(cache.key('head-office', 'SELECT 1')), undefined);
    assert.equal(cache.get(cache.key('seattle', '  SELECT   1 ; ')), 'seattle rows');
    assert.equal(cache.hits, 1);
    assert.equal(cache.misses, 1);
  });

  it('evicts the least recently used entry past maxEntries and maxBytes', () => {
    const cache = new ResultCache<number>(limits);
    for (const n of [1, 2, 3]) cache.set(cache.key('a', `q${n}`), n, 10);
    cache.get(cache.key('a', 'q1'));
    cache.set(cache.key('a', 'q4'), 4, 10);
    assert.equal(cache.get(cache.key('a', 'q2')), undefined);
    assert.equal(cache.get(cache.key('a', 'q1')), 1);
    cache.set(cache.key('a', 'big'), 5, 995);
    assert.equal(cache.size, 1);
  });

  it('expires entries after the TTL', async () => {
    const cache = new ResultCache<number>({ ...limits, ttlMs: 5 });
    cache.set(cache.key('a', 'q'), 1, 1);
    await new Promise((r) => setTimeout(r, 15));
    assert.equal(cache.get(cache.key('a', 'q')), undefined);
  });

  it('drops everything when the build marker changes (db reset)', () => {
    const marker = path.join(tempDir('zava-cache-'), 'build-id');
    fs.writeFileSync(marker, 'one');
    const cache = new ResultCache<number>(limits, marker);
    cache.set(cache.key('a', 'q'), 1, 1);
    assert.equal(cache.get(cache.key('a', 'q')), 1);
    fs.writeFileSync(marker, 'two');
    assert.equal(cache.get(cache.key('a', 'q')), undefined);
  });

  it('normalises whitespace and trailing semicolons only', () => {
    assert.equal(normaliseSql(' SELECT\n  1 ;; '), 'SELECT 1');
    assert.notEqual(normaliseSql("SELECT 'A'"), normaliseSql("SELECT 'a'"));
  });
});
