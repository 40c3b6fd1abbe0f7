import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseChart, sameScale, timeOrder, withoutCommonPrefix } from './chart-shape.ts';
import { toCsv } from './csv.ts';
import { kindOf } from './format.ts';
import { sortRows } from './sort.ts';
import { viewModelOf } from './tool-result.ts';

describe('chooseChart', () => {
  test('a month column and a measure draw lines over time', () => {
    const spec = chooseChart({ columns: ['month', 'revenue'], rows: [['2025-02', 10], ['2025-01', 12], ['2025-03', 9]] });
    assert.deepEqual(spec, { kind: 'line', x: 0, series: [1] });
  });

  test('dates and timestamps are time axes too; EXTRACT(month) integers as well', () => {
    assert.equal(chooseChart({ columns: ['order_date', 'orders'], rows: [['2025-01-01', 3], ['2025-01-02', 4]] }).kind, 'line');
    assert.equal(chooseChart({ columns: ['t', 'n'], rows: [['2025-01-01T00:00:00.000Z', 3], ['2025-01-02T00:00:00.000Z', 4]] }).kind, 'line');
    assert.deepEqual(chooseChart({ columns: ['month', 'units'], rows: [[1, 5], [2, 6]] }), { kind: 'line', x: 0, series: [1] });
  });

  test('a date with a second label column (date × store) is not one line: bars or table instead', () => {
    const spec = chooseChart({ columns: ['month', 'store', 'revenue'], rows: [['2025-01', 'A', 1], ['2025-01', 'B', 2]] });
    assert.notEqual(spec.kind, 'line');
  });

  test('one label column with measures draws bars; measures of another scale stay in the table', () => {
    const spec = chooseChart({
      columns: ['store_name', 'revenue', 'orders', 'previous_year_revenue'],
      rows: [['Seattle', 1_200_000, 900, 1_000_000], ['Bellevue', 800_000, 700, 900_000]],
    });
    assert.deepEqual(spec, { kind: 'bar', category: 0, measures: [1, 3] });
  });

  test('one row of figures is KPI cards, with its label when it has one', () => {
    assert.deepEqual(chooseChart({ columns: ['count'], rows: [[42]] }), { kind: 'kpi', label: null, figures: [0] });
    assert.deepEqual(chooseChart({ columns: ['store_name', 'revenue', 'orders'], rows: [['Seattle', 5, 2]] }), { kind: 'kpi', label: 0, figures: [1, 2] });
  });

  test('products (a name and a price) are cards with price, stock and similarity', () => {
    const columns = ['product_id', 'sku', 'product_name', 'category', 'product_type', 'base_price', 'similarity_percent', 'stock_in_visible_stores', 'visible_stores_in_stock'];
    const spec = chooseChart({ columns, rows: [['id', 'SKU1', 'Drill', 'Power Tools', 'Drills', 99.5, 71.2, 14, 2]] });
    assert.deepEqual(spec, { kind: 'products', name: 2, price: 5, stock: 7, similarity: 6, detail: 3 });
  });

  test('ids are not measures, years are not measures, and empty or text-only results are tables', () => {
    assert.equal(chooseChart({ columns: ['customer_id', 'name'], rows: [[1, 'a'], [2, 'b']] }).kind, 'table');
    assert.equal(chooseChart({ columns: ['a'], rows: [] }).kind, 'table');
    assert.equal(chooseChart({ columns: ['name', 'city'], rows: [['a', 'b'], ['c', 'd']] }).kind, 'table');
  });

  test('repeated labels or too many of them fall back to the table', () => {
    assert.equal(chooseChart({ columns: ['category', 'n'], rows: [['a', 1], ['a', 2]] }).kind, 'table');
    const many = Array.from({ length: 60 }, (_, i) => [`p${i}`, i]);
    assert.equal(chooseChart({ columns: ['product', 'n'], rows: many }).kind, 'table');
  });

  test('nulls in a measure keep it a measure', () => {
    assert.equal(chooseChart({ columns: ['store', 'growth'], rows: [['a', null], ['b', 2.5]] }).kind, 'bar');
  });
});

describe('helpers of the result view', () => {
  test('sameScale keeps measures within a factor of the first', () => {
    const table = { columns: ['a', 'b', 'c'], rows: [[1000, 900, 3]] };
    assert.deepEqual(sameScale(table, [0, 1, 2]), [0, 1]);
  });

  test('withoutCommonPrefix drops the words every label starts with, never a whole label', () => {
    assert.deepEqual(withoutCommonPrefix(['Zava Retail Seattle', 'Zava Retail Online']), { labels: ['Seattle', 'Online'], prefix: 'Zava Retail' });
    assert.deepEqual(withoutCommonPrefix(['Zava', 'Zava Retail']).labels, ['Zava', 'Zava Retail']);
    assert.deepEqual(withoutCommonPrefix(['a b', 'c d']).labels, ['a b', 'c d']);
  });

  test('timeOrder sorts by the time column', () => {
    assert.deepEqual(timeOrder({ columns: ['m', 'v'], rows: [['2025-10', 1], ['2025-02', 2]] }, 0).map((r) => r[0]), ['2025-02', '2025-10']);
  });

  test('kindOf reads money, percent, counts and dates from names and values', () => {
    assert.equal(kindOf('revenue', [1.5]), 'money');
    assert.equal(kindOf('gross_margin_percent', [40.1]), 'percent');
    assert.equal(kindOf('orders', [3]), 'integer');
    assert.equal(kindOf('month', ['2025-01']), 'month');
    assert.equal(kindOf('order_date', ['2025-01-02']), 'date');
  });

  test('sortRows sorts numbers by value, text naturally, empties last, both directions', () => {
    const rows = [['b', 10], ['a', null], ['c', 2]];
    assert.deepEqual(sortRows(rows, 1, false).map((r) => r[0]), ['c', 'b', 'a']);
    assert.deepEqual(sortRows(rows, 1, true).map((r) => r[0]), ['b', 'c', 'a']);
  });

  test('toCsv quotes what needs quoting and defuses formulas', () => {
    assert.equal(toCsv(['name', 'n'], [['a,"b"', 1], ['=SUM(A1)', null]]), 'name,n\r\n"a,""b""",1\r\n\'=SUM(A1),\r\n');
  });

  test('viewModelOf unpacks columnar results and store performance', () => {
    assert.deepEqual(viewModelOf({ c: ['n'], r: [[1]], n: 1, truncated: false })?.table, { columns: ['n'], rows: [[1]] });
    const perf = viewModelOf({ period: { start_date: '2025-01-01', end_date: '2025-03-31' }, stores: [{ store_name: 'A', revenue: 1 }], insights: ['x'] });
    assert.deepEqual(perf?.table, { columns: ['store_name', 'revenue'], rows: [['A', 1]] });
    assert.deepEqual(perf?.notes, ['x']);
    assert.equal(viewModelOf({ utc_date: '2025-01-01' }), undefined);
  });
});
