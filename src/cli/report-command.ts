// `verity report --case <file> --format html|csv|json [--tag T] [--verdict V] [--min-score N]
//   [--documents id,...] [--metadata] [--redact] -o <out>`

import { writeFile } from 'node:fs/promises';
import { openCase } from '../store/db.js';
import { buildReport } from '../report/index.js';
import type { ReportFormat, ReportSelection } from '../model/api.js';
import { VERDICTS, type Verdict } from '../model/document.js';
import { flagString, parseArgs, UsageError } from './args.js';

const FORMATS: ReportFormat[] = ['json', 'csv', 'html'];

export async function reportCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['case', 'format', 'tag', 'verdict', 'min-score', 'documents', 'o', 'output'], booleans: ['metadata', 'redact'] });
  const caseFile = flagString(args, 'case');
  if (!caseFile) throw new UsageError('verity report needs --case <file>');
  const format = (flagString(args, 'format') ?? 'json') as ReportFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const out = flagString(args, 'o') ?? flagString(args, 'output');
  const selection: ReportSelection = {};
  const tag = flagString(args, 'tag');
  if (tag) selection.tag = tag;
  const verdict = flagString(args, 'verdict');
  if (verdict) {
    if (!VERDICTS.includes(verdict as Verdict)) throw new UsageError(`--verdict must be one of ${VERDICTS.join(', ')}`);
    selection.verdict = verdict as Verdict;
  }
  const minScore = flagString(args, 'min-score');
  if (minScore !== undefined) {
    const n = Number(minScore);
    if (!Number.isInteger(n) || n < 0 || n > 100) throw new UsageError('--min-score must be a whole number from 0 to 100');
    selection.minScore = n;
  }
  const docs = flagString(args, 'documents');
  if (docs) selection.documents = docs.split(',').map((s) => s.trim()).filter(Boolean);
  const db = openCase(caseFile, { readonly: true });
  try {
    const report = buildReport(db, selection, format, { metadata: args.flags.has('metadata'), redact: args.flags.has('redact') });
    if (out && out !== '-') {
      await writeFile(out, report.content);
      process.stderr.write(`Wrote ${format} report to ${out}\n`);
    } else {
      process.stdout.write(report.content);
    }
    return 0;
  } finally {
    db.close();
  }
}
