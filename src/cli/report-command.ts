// `verity report --case <file>`: 'report.export', and without --redact a warning from
// 'report.redactionCandidates' (docs/cli.md).

import { writeFile } from 'node:fs/promises';
import type { ReportExportInput, ReportFormat, ReportSelection } from '../model/api.js';
import { VERDICTS, type Verdict } from '../model/document.js';
import { isoInstant } from '../api/schema.js';
import { redactionWarning } from '../api/redaction-warning.js';
import { withCaseService } from './api-client.js';
import { flagString, parseArgs, type ParsedArgs } from './args.js';
import { UsageError } from './errors.js';

const FORMATS: ReportFormat[] = ['json', 'csv', 'html'];

export async function reportCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ['case', 'format', 'tag', 'verdict', 'min-score', 'documents', 'fixed-time', 'o', 'output'],
    booleans: ['metadata', 'redact'],
  });
  const caseFile = flagString(args, 'case');
  if (!caseFile) throw new UsageError('verity report needs --case <file>');
  const format = (flagString(args, 'format') ?? 'json') as ReportFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const out = flagString(args, 'o') ?? flagString(args, 'output');
  const selection = reportSelection(args);
  const redact = args.flags.has('redact');
  const input: ReportExportInput = { format, selection, redact, metadata: args.flags.has('metadata') };
  const fixedTime = flagString(args, 'fixed-time');
  if (fixedTime !== undefined) {
    if (!isoInstant.safeParse(fixedTime).success)
      throw new UsageError(
        `--fixed-time must be an ISO-8601 date and time with its offset, such as 2024-05-01T12:00:00Z (got ${fixedTime})`,
      );
    input.generatedAt = fixedTime;
  }
  const { content, warning } = await withCaseService({ caseFile, access: 'read-only' }, async (call) => {
    const report = await call('report.export', input);
    // Publishing a report that names a source cannot be undone: say what it discloses, every time.
    return { content: report.content, warning: redact ? null : redactionWarning(await call('report.redactionCandidates', selection)) };
  });
  if (warning) process.stderr.write(`${warning}\n`);
  if (out && out !== '-') {
    await writeFile(out, content);
    process.stderr.write(`Wrote ${format} report to ${out}\n`);
  } else {
    process.stdout.write(content);
  }
  return 0;
}

function reportSelection(args: ParsedArgs): ReportSelection {
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
  return selection;
}
