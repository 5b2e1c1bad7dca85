// `verity scan <dump> [--case <file>] [--dkim-keys <file>] [--json-progress] [--workers N]`

import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { runScan, ScanError } from '../ingest/scan.js';
import { createProgressView } from './progress-view.js';
import { flagString, parseArgs, UsageError } from './args.js';
import { openCase } from '../store/db.js';

/** Default case file: <dump folder name>.verity in the current folder (never inside the dump). */
export function defaultCaseFile(dump: string): string {
  return resolve(`${basename(resolve(dump))}.verity`);
}

export async function scanCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['case', 'dkim-keys', 'workers', 'timeout'], booleans: ['json-progress', 'quiet'] });
  const dump = args.positional[0];
  if (!dump) throw new UsageError('verity scan needs the dump folder: verity scan <dump> [--case <file>]');
  const caseFile = resolve(flagString(args, 'case') ?? defaultCaseFile(dump));
  const keysFile = flagString(args, 'dkim-keys');
  let dkimKeysText: string | undefined;
  if (keysFile) {
    try {
      dkimKeysText = await readFile(keysFile, 'utf8');
    } catch (e) {
      throw new ScanError(`The DKIM key file ${keysFile} cannot be read: ${(e as Error).message}`);
    }
  }
  const workers = flagString(args, 'workers');
  const timeout = flagString(args, 'timeout');
  const mode = args.flags.has('json-progress') ? 'json' : process.stderr.isTTY ? 'tty' : 'plain';
  const view = args.flags.has('quiet') ? null : createProgressView(mode);
  const ac = new AbortController();
  const onSig = () => ac.abort();
  process.once('SIGINT', onSig);
  process.once('SIGTERM', onSig);
  try {
    const final = await runScan({
      dumpRoot: dump,
      caseFile,
      dkimKeysText,
      workers: workers ? Number(workers) : undefined,
      limits: timeout ? { documentTimeoutMs: Number(timeout) * 1000 } : undefined,
      signal: ac.signal,
      onProgress: (p) => view?.update(p),
    });
    view?.end(final);
    if (mode !== 'json') {
      const db = openCase(caseFile, { readonly: true });
      const byKind = db.prepare('SELECT kind, count(*) AS n FROM documents GROUP BY kind ORDER BY n DESC').all() as {
        kind: string;
        n: number;
      }[];
      const flagged = db.prepare('SELECT count(*) FROM documents WHERE flags > 0').pluck().get() as number;
      const failures = db.prepare('SELECT count(*) FROM failures').pluck().get() as number;
      db.close();
      process.stderr.write(
        `Case: ${caseFile}\nDocuments: ${byKind.map((k) => `${k.kind} ${k.n}`).join(', ')}\nFlagged: ${flagged}; failures: ${failures}${failures ? ` (verity failures --case ${caseFile})` : ''}\n`,
      );
    }
    return final.state === 'done' ? 0 : 130;
  } finally {
    process.off('SIGINT', onSig);
    process.off('SIGTERM', onSig);
  }
}
