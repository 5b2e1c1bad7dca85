// Report formats behind one entry point (CLI and API alike): every format is made from the same gathered
// data after the same redaction pass, so what one hides the others hide too.

import type { Db } from '../store/db.js';
import type { RedactionCandidate, ReportFormat, ReportSelection } from '../model/api.js';
import { gatherReport } from './gather.js';
import { jsonReportFrom } from './json.js';
import { buildCsvReport } from './csv.js';
import { buildHtmlReport } from './html.js';
import { buildRedactor, candidatesOf, knownPeople, redactReport } from './redact.js';

export interface ReportOptions {
  redact?: boolean;
  metadata?: boolean;
  generatedAt?: string;
}

export interface BuiltReport {
  fileName: string;
  mime: string;
  content: string;
}

/** The report, and what it discloses before redaction (the CLI warns about it when not redacting). */
export function buildReportWithCandidates(
  db: Db,
  selection: ReportSelection,
  format: ReportFormat,
  opts: ReportOptions = {},
): { report: BuiltReport; candidates: RedactionCandidate[] } {
  let data = gatherReport(db, selection, { generatedAt: opts.generatedAt });
  const candidates = candidatesOf(data, knownPeople(db));
  if (opts.redact) data = redactReport(data, buildRedactor(candidates));
  switch (format) {
    case 'json':
      return {
        report: {
          fileName: 'verity-report.json',
          mime: 'application/json',
          content: `${JSON.stringify(jsonReportFrom(data, { metadata: opts.metadata }), null, 2)}\n`,
        },
        candidates,
      };
    case 'csv':
      return { report: { fileName: 'verity-report.csv', mime: 'text/csv; charset=utf-8', content: buildCsvReport(data) }, candidates };
    case 'html':
      return {
        report: {
          fileName: 'verity-report.html',
          mime: 'text/html; charset=utf-8',
          content: buildHtmlReport(data, { redacted: !!opts.redact, metadata: opts.metadata }),
        },
        candidates,
      };
    default:
      throw new Error(`unknown report format ${String(format)}`);
  }
}

export function buildReport(db: Db, selection: ReportSelection, format: ReportFormat, opts: ReportOptions = {}): BuiltReport {
  return buildReportWithCandidates(db, selection, format, opts).report;
}
