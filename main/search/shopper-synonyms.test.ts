import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understandQuery } from './query-understanding.ts';
import { synonymsOf } from './shopper-synonyms.ts';

describe('shoppers’ synonyms', () => {
  test('regional and everyday words bring the catalog’s words', () => {
    assert.equal(synonymsOf('fix the loo'), 'repair toilet');
    assert.equal(synonymsOf('new hosepipe'), 'hose');
    assert.equal(synonymsOf('mole grips'), 'locking pliers');
  });

  test('plurals and phrases match; a phrase wins over a word inside it', () => {
    assert.equal(synonymsOf('a set of spanners'), 'wrench');
    assert.equal(synonymsOf('insulate the roof space'), 'insulation loft attic');
    assert.equal(synonymsOf('plug hole is blocked'), 'drain clogged');
  });

  test('words already in the query are not repeated, and a query with no known word gets nothing', () => {
    assert.equal(synonymsOf('tap faucet'), '');
    assert.equal(synonymsOf('cordless drill'), '');
  });

  test('the understood query keeps its own words first, for both full text and meaning', () => {
    const q = understandQuery('mend a leaky tap');
    assert.ok(q.text.startsWith('mend a leaky tap '), q.text);
    assert.match(q.text, /\brepair\b/);
    assert.match(q.text, /\bfaucet\b/);
    assert.equal(q.meaningText, q.text);
  });

  test('synonyms never set attribute constraints', () => {
    const q = understandQuery('cosy light for the terrace');
    assert.deepEqual(q.constraints.power, { want: [], exclude: [] });
    assert.deepEqual(q.constraints.setting, { want: [], exclude: [] });
  });
});
