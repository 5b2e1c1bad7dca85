// `verity failures --case <file> [--json]`: the failure ledger.

import { openCase } from '../store/db.js';
import { flagString, parseArgs, UsageError } from './args.js';

export async function failuresCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['case'], booleans: ['json'] });
  const caseFile = flagString(args, 'case');
  if (!caseFile) throw new UsageError('verity failures needs --case <file>');
  const db = openCase(caseFile, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT doc_id AS documentId, path, stage, code, message, at FROM failures ORDER BY path, stage, code')
      .all() as { documentId: string | null; path: string; stage: string; code: string; message: string; at: string }[];
    if (args.flags.has('json')) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      for (const r of rows) process.stdout.write(`${r.stage}\t${r.code}\t${r.path}\t${r.message.replace(/\s+/g, ' ')}\n`);
      process.stderr.write(`${rows.length} failure(s)\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}
