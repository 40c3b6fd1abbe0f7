import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isZavaError } from '../kernel/errors.ts';
import { parseSearchInput, semanticSearchInputSchema } from './input.ts';

function rejects(input: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseSearchInput(input),
    (error: unknown) => {
      assert.ok(isZavaError(error));
      assert.equal(error.code, 'VALIDATION_ERROR');
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('semanticSearchInputSchema', () => {
  test('applies the lab defaults: 20 rows, 30 percent', () => {
    assert.deepEqual(parseSearchInput({ query_description: '  cordless drill ' }), { query_description: 'cordless drill', max_rows: 20, similarity_threshold: 30 });
  });

  test('accepts the limits themselves', () => {
    assert.equal(parseSearchInput({ query_description: 'x', max_rows: 1, similarity_threshold: 20 }).max_rows, 1);
    assert.equal(parseSearchInput({ query_description: 'x'.repeat(1000), max_rows: 100, similarity_threshold: 80 }).max_rows, 100);
  });

  test('empty or blank queries name the 1–1000 character limit', () => {
    rejects({ query_description: '' }, /query_description is empty.*1 to 1000 characters/);
    rejects({ query_description: '   ' }, /query_description is empty/);
    rejects({}, /query_description must be a string/);
  });

  test('a 10,000-character query names the 1000-character limit', () => {
    rejects({ query_description: 'drill '.repeat(2000).slice(0, 10_000) }, /longer than the limit of 1000 characters/);
  });

  test('max_rows 0 and 1000 name the limits 1 and 100', () => {
    rejects({ query_description: 'saw', max_rows: 0 }, /max_rows must be at least 1/);
    rejects({ query_description: 'saw', max_rows: 1000 }, /max_rows must be at most 100/);
    rejects({ query_description: 'saw', max_rows: 2.5 }, /max_rows must be a whole number from 1 to 100/);
    rejects({ query_description: 'saw', max_rows: '20' }, /max_rows must be a whole number from 1 to 100/);
  });

  test('thresholds out of 20–80 percent name the limit', () => {
    rejects({ query_description: 'saw', similarity_threshold: 19 }, /similarity_threshold must be at least 20 \(percent\)/);
    rejects({ query_description: 'saw', similarity_threshold: 81 }, /similarity_threshold must be at most 80 \(percent\)/);
    rejects({ query_description: 'saw', similarity_threshold: 0.3 }, /at least 20/);
  });

  test('several problems are all named, with details per field', () => {
    try {
      parseSearchInput({ query_description: '', max_rows: 0, similarity_threshold: 99 });
      assert.fail('expected a validation error');
    } catch (error) {
      assert.ok(isZavaError(error));
      const issues = (error.details?.issues ?? []) as { path: string }[];
      assert.deepEqual(issues.map((i) => i.path).sort(), ['max_rows', 'query_description', 'similarity_threshold']);
    }
  });

  test('every field carries a description for the tool schema', () => {
    for (const field of Object.values(semanticSearchInputSchema.shape)) assert.ok(field.description && field.description.length > 10);
  });
});
