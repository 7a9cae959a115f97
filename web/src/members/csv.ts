/** One CSV cell: quoted when needed; a leading = + - @ gets a ' so spreadsheets do not run it. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A CSV file for spreadsheets: UTF-8 byte order mark (Excel reads UTF-8 only with it), comma-separated
 * cells, CRLF line ends.
 */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('')}`;
}
