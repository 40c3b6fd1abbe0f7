import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertModelStatementAllowed, classifyStatement, loadStatementParser } from './statement-kind.ts';

const store = { group: 'store_managers', slug: 'seattle' } as const;
const headOffice = { group: 'head_office', slug: 'head-office' } as const;

describe('statement kind of model SQL', () => {
  before(() => loadStatementParser());

  test('queries: SELECT, WITH … SELECT (also recursive), VALUES, TABLE, set operations', () => {
    for (const sql of [
      'SELECT 1',
      'select count(*) from retail.orders;',
      'WITH RECURSIVE r(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r',
      'VALUES (1), (2)',
      'TABLE retail.stores',
      '(SELECT 1) UNION ALL (SELECT 2)',
      "SELECT 'EXPLAIN; DELETE FROM x' AS text -- EXPLAIN",
    ]) {
      assert.deepEqual(classifyStatement(sql), { kind: 'query' }, sql);
    }
  });

  test('EXPLAIN in any case, with comments and option lists', () => {
    for (const sql of ['EXPLAIN SELECT 1', 'ExPlAiN (ANALYZE, COSTS OFF) SELECT 1', '/* c */ explain/**/analyze SELECT 1', '-- c\nEXPLAIN (FORMAT JSON) TABLE retail.orders']) {
      assert.deepEqual(classifyStatement(sql), { kind: 'explain' }, sql);
    }
  });

  test('everything else is named', () => {
    for (const [sql, name] of [
      ['SHOW work_mem', /SHOW/],
      ['SET ROLE x', /SET/],
      ['PREPARE p AS SELECT 1', /PREPARE/],
      ['LISTEN x', /LISTEN/],
      ['DO $$ BEGIN END $$', /DO/],
      ['COPY t TO STDOUT', /COPY/],
      ['CALL p()', /CALL/],
      ['WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', /data-modifying WITH/],
      ['SELECT 1 INTO t', /SELECT … INTO/],
      ['EXPLAIN ANALYZE DELETE FROM t', /EXPLAIN of a statement/],
      ["PREPARE TRANSACTION 'x'", /transaction control/],
    ] as const) {
      const kind = classifyStatement(sql);
      assert.equal(kind.kind, 'other', sql);
      assert.match((kind as { name: string }).name, name, sql);
    }
  });

  test('several statements, none, and syntax errors fail like the server would', () => {
    assert.throws(() => classifyStatement('SELECT 1; SELECT 2'), { code: 'VALIDATION_ERROR' });
    assert.throws(() => classifyStatement('-- nothing'), { code: 'VALIDATION_ERROR' });
    assert.throws(() => classifyStatement('SELECT FROM WHERE'), { code: 'DATABASE_ERROR', sqlState: '42601', position: 13 });
  });

  test('only head office may EXPLAIN; nobody may run anything but a query', async () => {
    await assert.rejects(assertModelStatementAllowed('EXPLAIN SELECT 1', store), { code: 'AUTHORIZATION_ERROR', message: /EXPLAIN is not allowed for seattle/ });
    await assertModelStatementAllowed('EXPLAIN ANALYZE SELECT 1', headOffice);
    await assert.rejects(assertModelStatementAllowed('SET work_mem = 1', headOffice), { code: 'AUTHORIZATION_ERROR' });
    await assertModelStatementAllowed('SELECT 1', store);
  });
});
