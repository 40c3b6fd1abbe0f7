import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rescored } from './rank-products.ts';

describe('rescored (document similarity with the best description passage)', () => {
  test('without passages, or without a document vector, the other side is used as is', () => {
    assert.equal(rescored(0.5, undefined, 0), 0.5);
    assert.equal(rescored(undefined, 0.6, 0), 0.6);
    assert.equal(rescored(undefined, undefined, 0), undefined);
  });

  test('with no query word in the product text, it is max(document, passage)', () => {
    assert.equal(rescored(0.4, 0.55, 0), 0.55);
    assert.equal(rescored(0.6, 0.5, 0), 0.6, 'a weaker passage never lowers the document');
  });

  test('as text coverage rises, the passage lift fades (the text signals already count those words)', () => {
    assert.ok(Math.abs(rescored(0.4, 0.6, 0.5)! - 0.5) < 1e-12);
    assert.equal(rescored(0.4, 0.6, 1), 0.4);
  });
});
