import type { ReactNode } from 'react';

/** A table's header row: one column header per entry, in order. */
export function ColumnHeads({ columns }: { columns: ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
