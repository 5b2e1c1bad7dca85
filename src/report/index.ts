// Report formats behind one entry point, used by the CLI and the API alike.

import type { Db } from '../store/db.js';
import type { ReportFormat, ReportSelection } from '../model/api.js';
import { buildJsonReport } from './json.js';

export interface ReportOptions {
  redact?: boolean;
  metadata?: boolean;
  generatedAt?: string;
}

export interface BuiltReport { fileName: string; mime: string; content: string }

export function buildReport(db: Db, selection: ReportSelection, format: ReportFormat, opts: ReportOptions = {}): BuiltReport {
  switch (format) {
    case 'json':
      return { fileName: 'verity-report.json', mime: 'application/json', content: `${JSON.stringify(buildJsonReport(db, selection, opts), null, 2)}\n` };
    default:
      throw new Error(`report format ${format} is not available yet`);
  }
}
