/** Orders two cells of one column: numbers by value, empties last, text by locale with numeric parts. */
export function compareCells(a: unknown, b: unknown): number {
  const emptyA = a === null || a === undefined;
  const emptyB = b === null || b === undefined;
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** Rows sorted by one column, ascending or descending (a stable copy; empties stay last). */
export function sortRows(rows: unknown[][], column: number, descending: boolean): unknown[][] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => {
      const a = x.row[column];
      const b = y.row[column];
      const emptyA = a === null || a === undefined;
      const emptyB = b === null || b === undefined;
      if (emptyA || emptyB) return emptyA === emptyB ? x.i - y.i : emptyA ? 1 : -1;
      return (descending ? -compareCells(a, b) : compareCells(a, b)) || x.i - y.i;
    })
    .map(({ row }) => row);
}
