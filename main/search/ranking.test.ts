import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyThreshold, DEFAULT_FUSION, fuse, TEXT_ONLY, VECTOR_ONLY, type Candidate } from './ranking.ts';

const c = (productId: string, similarity: number | undefined, coverage = 0, nameCoverage = 0, rankCd = 0): Candidate => ({ productId, similarity, coverage, nameCoverage, rankCd });

describe('fuse', () => {
  // The encoder's known weakness: a corded drill sits closer to "cordless drill" than a cordless one.
  const corded = c('corded', 0.62, 0.4, 0.4, 0.1);
  const cordless = c('cordless', 0.55, 1, 1, 0.3);

  test('exact words lift cordless drills above a closer corded one', () => {
    assert.deepEqual(fuse([corded, cordless]).map((r) => r.productId), ['cordless', 'corded']);
  });

  test('vector-only ranks by similarity alone', () => {
    assert.deepEqual(fuse([cordless, corded], VECTOR_ONLY).map((r) => r.productId), ['corded', 'cordless']);
  });

  test('text-only ignores similarity and breaks ties by text rank', () => {
    const ranked = fuse([c('a', 0.9, 0.5, 0, 0.1), c('b', 0.1, 0.5, 0, 0.2), c('c', 0.5, 1, 1, 0)], TEXT_ONLY);
    assert.deepEqual(ranked.map((r) => r.productId), ['c', 'b', 'a']);
  });

  test('a partial text match counts much less than a full one (squared coverage)', () => {
    const [full, half] = fuse([c('full', 0.3, 1), c('half', 0.3, 0.5)]);
    assert.equal(full!.productId, 'full');
    assert.ok(Math.abs(full!.score - half!.score - DEFAULT_FUSION.coverage * 0.75) < 1e-12);
  });

  test('a product without a vector still ranks by text, with similarity undefined', () => {
    const ranked = fuse([c('novec', undefined, 1, 1), c('vec', 0.2)]);
    assert.equal(ranked[0]!.productId, 'novec');
    assert.equal(ranked[0]!.similarity, undefined);
  });

  test('order is stable on equal scores', () => {
    assert.deepEqual(fuse([c('b', 0.5), c('a', 0.5)]).map((r) => r.productId), ['a', 'b']);
  });
});

describe('applyThreshold', () => {
  test('keeps similarity ≥ threshold percent in ranked order, at most max_rows', () => {
    const ranked = fuse([c('a', 0.31), c('b', 0.29, 1, 1), c('c', 0.3), c('d', undefined, 1, 1), c('e', 0.8)]);
    assert.deepEqual(applyThreshold(ranked, 30, 10).map((r) => r.productId), ['e', 'a', 'c']);
    assert.deepEqual(applyThreshold(ranked, 30, 2).map((r) => r.productId), ['e', 'a']);
    assert.deepEqual(applyThreshold(ranked, 80, 10).map((r) => r.productId), ['e']);
  });
});
