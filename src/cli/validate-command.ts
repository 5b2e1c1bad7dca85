// `verity validate --case <file> --truth <file>`: 'report.validate', the case scored against an
// analyst's ground truth (recall per family, false positives, what was missed and why).

import { readFile, writeFile } from 'node:fs/promises';
import type { ValidateInput } from '../model/api.js';
import { withCaseService } from './api-client.js';
import { flagString, parseArgs } from './args.js';
import { UsageError } from './errors.js';

export async function validateCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['case', 'truth', 'threshold', 'o', 'output'], booleans: ['json', 'unlisted-genuine'] });
  const caseFile = flagString(args, 'case');
  const truthFile = flagString(args, 'truth');
  if (!caseFile || !truthFile) throw new UsageError('verity validate needs --case <file> and --truth <file> (CSV or JSON)');
  const threshold = flagString(args, 'threshold') ?? 'medium';
  if (threshold !== 'medium' && threshold !== 'high') throw new UsageError('--threshold must be medium or high');
  let truth: string;
  try {
    truth = await readFile(truthFile, 'utf8');
  } catch (e) {
    throw new UsageError(`the truth file ${truthFile} cannot be read: ${(e as Error).message}`);
  }
  const input: ValidateInput = { truth, source: truthFile, threshold, unlistedAsGenuine: args.flags.has('unlisted-genuine') };
  const { result, text } = await withCaseService({ caseFile, access: 'read-only' }, (call) => call('report.validate', input));
  const content = args.flags.has('json') ? `${JSON.stringify({ tool: 'verity validate', ...result }, null, 2)}\n` : text;
  const out = flagString(args, 'o') ?? flagString(args, 'output');
  if (out && out !== '-') {
    await writeFile(out, content);
    process.stderr.write(`Wrote the validation to ${out}\n`);
  } else {
    process.stdout.write(content);
  }
  return 0;
}
