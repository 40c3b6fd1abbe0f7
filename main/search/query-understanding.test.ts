import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attributeMatch, hasConstraints, understandQuery } from './query-understanding.ts';

describe('query understanding', () => {
  test('a plain query has no constraints and keeps its words', () => {
    const q = understandQuery('boards to build a fence');
    assert.equal(q.text, 'boards to build a fence');
    assert.equal(q.meaningText, 'boards to build a fence');
    assert.equal(hasConstraints(q.constraints), false);
    assert.deepEqual(q.recognised, []);
  });

  test('"cordless" wants battery tools and drops corded and gas ones; the word stays in the text', () => {
    const q = understandQuery('cordless drill');
    assert.equal(q.text, 'cordless drill');
    assert.deepEqual(q.constraints.power, { want: ['cordless'], exclude: ['corded', 'gas', 'none'] });
  });

  test('corded, plug-in and mains all mean corded', () => {
    for (const text of ['corded drill', 'plug-in hedge trimmer', 'mains powered sander']) {
      assert.deepEqual(understandQuery(text).constraints.power.want, ['corded'], text);
    }
  });

  test('muscle and elbow grease want unpowered products', () => {
    for (const text of ['cut the grass with muscle alone', 'turn bolts with elbow grease', 'dig by muscle power']) {
      assert.deepEqual(understandQuery(text).constraints.power, { want: ['none'], exclude: ['corded', 'cordless', 'gas'] }, text);
    }
  });

  test('gas and petrol want gas engines', () => {
    assert.deepEqual(understandQuery('petrol lawn mower').constraints.power, { want: ['gas'], exclude: ['corded', 'cordless', 'none'] });
    assert.deepEqual(understandQuery('gas grill').constraints.power.want, ['gas']);
  });

  test('"without electricity", "manual", "hand-powered" and "by hand" want unpowered products', () => {
    for (const text of ['something to cut wood without electricity', 'manual lawn mower', 'hand-powered drill', 'cut a plank by hand', 'a non-electric saw']) {
      const q = understandQuery(text);
      assert.deepEqual(q.constraints.power.want, ['none'], text);
      // "without electricity" rules out the cord and the battery; an engine is not electric.
      const electricOnly = /without electricity|non-electric/.test(text);
      assert.deepEqual(q.constraints.power.exclude, electricOnly ? ['corded', 'cordless'] : ['corded', 'cordless', 'gas'], text);
    }
  });

  test('the negated phrase leaves the text embedded (an encoder reads "no X" as "X") but stays for word matching', () => {
    const q = understandQuery('something to cut wood without electricity');
    assert.equal(q.meaningText, 'something to cut wood');
    assert.equal(q.text, 'something to cut wood electricity', '"without" is no stop word to PostgreSQL');
    assert.deepEqual(q.recognised, ['without electricity']);
  });

  test('negation: "not cordless", "no battery", "battery-free", "without a cord", "no gas"', () => {
    assert.deepEqual(understandQuery('drill, not cordless').constraints.power, { want: [], exclude: ['cordless'] });
    assert.equal(understandQuery('drill, not cordless').meaningText, 'drill,');
    assert.deepEqual(understandQuery('string trimmer with no battery').constraints.power.exclude, ['cordless']);
    assert.deepEqual(understandQuery('battery-free door lock').constraints.power.exclude, ['cordless']);
    assert.deepEqual(understandQuery('hedge trimmer without a cord').constraints.power.exclude, ['corded']);
    assert.deepEqual(understandQuery('mower with no gas and no fumes').constraints.power.exclude, ['gas']);
    assert.deepEqual(understandQuery("leaf blower that doesn't need petrol").constraints.power.exclude, ['gas']);
  });

  test('a negation alone keeps the query words (nothing else says what is meant)', () => {
    const q = understandQuery('not cordless');
    assert.equal(q.meaningText, 'not cordless');
    assert.deepEqual(q.constraints.power.exclude, ['cordless']);
  });

  test('outdoor / indoor and their negations', () => {
    assert.deepEqual(understandQuery('waterproof electrical box for outdoor use').constraints.setting, { want: ['outdoor'], exclude: ['indoor'] });
    assert.deepEqual(understandQuery('exterior paint').constraints.setting, { want: ['outdoor'], exclude: ['indoor'] });
    assert.deepEqual(understandQuery('interior paint').constraints.setting, { want: ['indoor'], exclude: ['outdoor'] });
    const notOutdoor = understandQuery('extension cord not for outdoor use');
    assert.deepEqual(notOutdoor.constraints.setting, { want: ['indoor'], exclude: ['outdoor'] });
    assert.equal(notOutdoor.meaningText, 'extension cord');
  });

  test('asking for two power sources excludes neither', () => {
    assert.deepEqual(understandQuery('corded or cordless drill').constraints.power, { want: ['corded', 'cordless'], exclude: ['gas', 'none'] });
  });

  test('"electric" wants a motor (cord or battery) but "electrical" and bare "battery" are product words', () => {
    assert.deepEqual(understandQuery('electric lawn mower').constraints.power, { want: ['corded', 'cordless'], exclude: ['gas', 'none'] });
    assert.equal(hasConstraints(understandQuery('electrical box').constraints), false);
    assert.equal(hasConstraints(understandQuery('battery charger').constraints), false);
  });

  test('attributeMatch filters excluded values, scores wanted ones, and leaves unknown products alone', () => {
    const c = understandQuery('cordless saw for outdoor use').constraints;
    assert.deepEqual(attributeMatch(c, { powerSource: 'corded', setting: 'outdoor' }), { excluded: true, match: 0 });
    assert.deepEqual(attributeMatch(c, { powerSource: 'cordless', setting: 'outdoor' }), { excluded: false, match: 1 });
    assert.deepEqual(attributeMatch(c, { powerSource: 'cordless', setting: 'both' }), { excluded: false, match: 0.5 });
    assert.deepEqual(attributeMatch(c, { powerSource: 'cordless', setting: 'indoor' }), { excluded: true, match: 0 });
    assert.deepEqual(attributeMatch(c, undefined), { excluded: false, match: 0 });
  });
});
