// `verity failures --case <file> [--json]`: the failure ledger ('scan.failures'), by path.

import type { FailureEntry } from '../model/document.js';
import { withCaseService } from './api-client.js';
import { flagString, parseArgs } from './args.js';
import { UsageError } from './errors.js';

const PAGE = 1000;

export async function failuresCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['case'], booleans: ['json'] });
  const caseFile = flagString(args, 'case');
  if (!caseFile) throw new UsageError('verity failures needs --case <file>');
  const rows = await withCaseService({ caseFile, access: 'read-only' }, async (call) => {
    const all: FailureEntry[] = [];
    for (;;) {
      const page = await call('scan.failures', { offset: all.length, limit: PAGE, order: 'path' });
      all.push(...page.rows);
      if (page.rows.length < PAGE) return all;
    }
  });
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    for (const r of rows) process.stdout.write(`${r.stage}\t${r.code}\t${r.path}\t${r.message.replace(/\s+/g, ' ')}\n`);
    process.stderr.write(`${rows.length} failure(s)\n`);
  }
  return 0;
}
