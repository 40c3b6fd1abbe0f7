/** RFC 4180 CSV of a result: quoted where needed, CRLF line ends, a header row. */
export function toCsv(columns: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
    // A leading = + - @ makes spreadsheets run the cell as a formula: prefix a quote (OWASP CSV injection).
    const safe = /^[=+\-@\t\r]/.test(text) && typeof v !== 'number' ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A file name for a download: `<stem>-YYYY-MM-DD.csv`. */
export function csvName(stem: string, now = new Date()): string {
  return `${stem.replace(/[^\w-]+/g, '-')}-${now.toISOString().slice(0, 10)}.csv`;
}
