// `verity report --case <file> --format html|csv|json [--tag T] [--verdict V] [--min-score N]
//   [--documents id,...] [--metadata] [--redact] -o <out>`
// Without --redact, a warning on stderr counts the names, addresses, serials, positions and
// scanner/printer identifiers the report discloses.

import { writeFile } from 'node:fs/promises';
import { openCase } from '../store/db.js';
import { buildReportWithCandidates } from '../report/index.js';
import { redactionWarning } from '../report/redact.js';
import type { ReportFormat, ReportSelection } from '../model/api.js';
import { VERDICTS, type Verdict } from '../model/document.js';
import { flagString, parseArgs, UsageError } from './args.js';

const FORMATS: ReportFormat[] = ['json', 'csv', 'html'];

export async function reportCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ['case', 'format', 'tag', 'verdict', 'min-score', 'documents', 'o', 'output'],
    booleans: ['metadata', 'redact'],
  });
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
  if (docs)
    selection.documents = docs
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const db = openCase(caseFile, { readonly: true });
  try {
    const redact = args.flags.has('redact');
    const { report, candidates } = buildReportWithCandidates(db, selection, format, { metadata: args.flags.has('metadata'), redact });
    // Publishing a report that names a source cannot be undone: say what it discloses, every time.
    const warning = redact ? null : redactionWarning(candidates);
    if (warning) process.stderr.write(`${warning}\n`);
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
