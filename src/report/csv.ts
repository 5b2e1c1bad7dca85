// The CSV report: one row per finding (a row for a document without any), UTF-8 with BOM, RFC 4180,
// and no cell a spreadsheet could run as a formula (docs/report.md).

import type { GatheredReport } from './gather.js';
import { dkimLine } from './dkim-results.js';

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
  // Emails: each DKIM signature's result, key source and reason (the JSON report's `dkim`), ' | ' between signatures.
  'dkim',
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

function csvRecord(cells: readonly string[]): string {
  return cells.map((c) => quoteField(neutraliseCell(c))).join(',');
}

export function csvRows(data: GatheredReport): string[][] {
  const rows: string[][] = [];
  for (const d of data.documents) {
    const base = [d.id, d.path, d.title ?? '', d.kind, d.sha256, String(d.score), d.verdict, d.tags.join('; '), d.note];
    const dkim = (d.dkim ?? []).map(dkimLine).join(' | ');
    if (d.flags.length === 0) rows.push([...base, '', '', '', dkim]);
    for (const f of d.flags) rows.push([...base, f.check, f.severity, f.message, dkim]);
  }
  return rows;
}

export function buildCsvReport(data: GatheredReport): string {
  const lines = [csvRecord([...CSV_COLUMNS]), ...csvRows(data).map(csvRecord)];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
