import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyThreshold, DEFAULT_FUSION, fuse, fusedScore, scorePercent, TEXT_ONLY, VECTOR_ONLY, type Candidate } from './ranking.ts';

const c = (productId: string, similarity: number | undefined, coverage = 0, nameCoverage = 0, rankCd = 0, attributeMatch = 0): Candidate => ({
  productId,
  similarity,
  coverage,
  nameCoverage,
  rankCd,
  attributeMatch,
});

describe('fuse', () => {
  // The encoder's known weakness: a corded drill sits closer to "cordless drill" than a cordless one.
  const corded = c('corded', 0.62, 0.4, 0.4, 0.1);
  const cordless = c('cordless', 0.55, 1, 1, 0.3);

  test('exact words lift cordless drills above a closer corded one', () => {
    assert.deepEqual(fuse([corded, cordless]).map((r) => r.productId), ['cordless', 'corded']);
  });

  test('vector-only ranks by similarity alone, and its score is the cosine', () => {
    const ranked = fuse([cordless, corded], VECTOR_ONLY);
    assert.deepEqual(ranked.map((r) => r.productId), ['corded', 'cordless']);
    assert.ok(Math.abs(ranked[0]!.score - 0.62) < 1e-12);
  });

  test('text-only ignores similarity and breaks ties by text rank', () => {
    const ranked = fuse([c('a', 0.9, 0.5, 0, 0.1), c('b', 0.1, 0.5, 0, 0.2), c('c', 0.5, 1, 1, 0)], TEXT_ONLY);
    assert.deepEqual(ranked.map((r) => r.productId), ['c', 'b', 'a']);
  });

  test('with no text or attribute evidence the score is the cosine; each signal only raises it, never past 1', () => {
    assert.ok(Math.abs(fusedScore(c('x', 0.42)) - 0.42) < 1e-12);
    const withText = fusedScore(c('x', 0.42, 0.5));
    const withName = fusedScore(c('x', 0.42, 0.5, 0.5));
    const withAttribute = fusedScore(c('x', 0.42, 0.5, 0.5, 0, 1));
    assert.ok(0.42 < withText && withText < withName && withName < withAttribute && withAttribute <= 1);
    assert.ok(fusedScore(c('x', 1, 1, 1, 0, 1)) <= 1);
    assert.equal(fusedScore(c('x', -0.3)), 0, 'a negative cosine counts as no evidence');
  });

  test('a partial text match counts less than a full one, and much less with a higher exponent', () => {
    const [full, half] = fuse([c('full', 0.3, 1), c('half', 0.3, 0.5)]);
    assert.equal(full!.productId, 'full');
    assert.ok(full!.score - 0.3 > 1.5 * (half!.score - 0.3));
    const squared = { ...DEFAULT_FUSION, exponent: 2 };
    const [fullSq, halfSq] = fuse([c('full', 0.3, 1), c('half', 0.3, 0.5)], squared);
    assert.ok(fullSq!.score - 0.3 > 3 * (halfSq!.score - 0.3));
  });

  test('a met attribute wish lifts a product over an equal one that does not meet it', () => {
    assert.deepEqual(fuse([c('plain', 0.5, 0.5), c('match', 0.5, 0.5, 0, 0, 1)]).map((r) => r.productId), ['match', 'plain']);
    assert.ok(DEFAULT_FUSION.attributes > 0);
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
  test('keeps fused score ≥ threshold percent in ranked order, at most max_rows', () => {
    const ranked = fuse([c('a', 0.31), c('b', 0.2, 0.5), c('c', 0.3), c('d', undefined), c('e', 0.8)]);
    assert.deepEqual(applyThreshold(ranked, 30, 10).map((r) => r.productId), ['e', 'b', 'a', 'c']);
    assert.deepEqual(applyThreshold(ranked, 30, 2).map((r) => r.productId), ['e', 'b']);
    assert.deepEqual(applyThreshold(ranked, 80, 10).map((r) => r.productId), ['e']);
  });

  test('the percent shown never increases down a ranked list', () => {
    const ranked = fuse(Array.from({ length: 50 }, (_, i) => c(`p${i}`, (i * 37) % 100 / 100, ((i * 13) % 10) / 10, ((i * 7) % 10) / 10, 0, i % 2)));
    const shown = ranked.map((r) => scorePercent(r.score));
    for (let i = 1; i < shown.length; i++) assert.ok(shown[i]! <= shown[i - 1]!, `row ${i}`);
  });
});
