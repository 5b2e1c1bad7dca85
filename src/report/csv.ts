// The CSV report: one row per finding, for a spreadsheet. UTF-8 with a byte-order mark (Excel reads
// BOM-less CSV as the local code page and mangles accents), CRLF records and RFC 4180 quoting.
//
// Formula injection: a spreadsheet evaluates a cell that starts with = + - @ (or a tab or carriage
// return, which some applications strip before looking), so a hostile subject such as
// =HYPERLINK("http://evil","click") would become a live link or worse. Following OWASP's "CSV
// Injection" guidance, such a cell gets a leading apostrophe, which makes it plain text and is
// visible to the reader; the rest of the value is kept as found.
//
// A selected document without findings still gets one row, with the finding columns empty: the
// analyst may have given it a verdict ("authentic") or a note, and a report that silently dropped
// the clean documents of a selection would misstate what was examined.
//
// Evidence is left out: it is nested data that no spreadsheet cell shows usefully (and can exceed a
// cell's 32,767 characters); the JSON and HTML reports carry it.

import type { GatheredReport } from './gather.js';

export const CSV_COLUMNS = [
  'document_id',
  'path',
  'title',
  'kind',
  'sha256',
  'score',
  'verdict',
  'tags',
  'note',
  'check',
  'severity',
  'message',
] as const;

const BOM = '\uFEFF';

/** A cell a spreadsheet would read as a formula, made inert with a leading apostrophe. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a field holding a comma, a quote or a line break, doubling inner quotes. */
export function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(cells: readonly string[]): string {
  return cells.map((c) => quoteField(neutraliseCell(c))).join(',');
}

export function csvRows(data: GatheredReport): string[][] {
  const rows: string[][] = [];
  for (const d of data.documents) {
    const base = [d.id, d.path, d.title ?? '', d.kind, d.sha256, String(d.score), d.verdict, d.tags.join('; '), d.note];
    if (d.flags.length === 0) rows.push([...base, '', '', '']);
    for (const f of d.flags) rows.push([...base, f.check, f.severity, f.message]);
  }
  return rows;
}

export function buildCsvReport(data: GatheredReport): string {
  const lines = [csvRecord([...CSV_COLUMNS]), ...csvRows(data).map(csvRecord)];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
