/**
 * CSV as Dutch spreadsheets open it by double-click, and as SPSS and R read it: semicolons (the
 * comma is the decimal sign), UTF-8 with a byte-order mark, CRLF line ends.
 */
export const BYTE_ORDER_MARK = '\uFEFF';

/** One cell: numbers stay numbers; text a spreadsheet would run as a formula is defused with a leading apostrophe. */
export function spreadsheetCell(value: string): string {
  if (/^[-−+]?\d[\d.,]*$/.test(value)) return value;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of cells, with its line end. */
export const spreadsheetLine = (row: readonly string[]) => `${row.map(spreadsheetCell).join(';')}\r\n`;

/** A whole file: the byte-order mark, then every row. */
export const spreadsheetCsv = (rows: readonly (readonly string[])[]) => `${BYTE_ORDER_MARK}${rows.map(spreadsheetLine).join('')}`;
