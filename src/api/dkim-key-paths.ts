// The key files a command line names (--dkim-keys, several times or folders; --dkim-published-keys)
// read into what 'scan.start' and the service take: one key archive whose entries keep their own
// source, and the published keys' fingerprints (the private keys themselves never leave this reader).

import type { ScanStartInput } from '../model/api.js';
import { readDkimKeyPaths, readPublishedKeyFolder } from '../ingest/dkim-keys.js';

export interface DkimKeyOptions extends Pick<ScanStartInput, 'dkimKeys' | 'dkimKeysSource' | 'dkimPublishedKeys'> {
  /** What could not be read, one line each ("file line N: ..."), for the command to show. */
  problems: string[];
  keys: number;
}

export async function dkimKeyOptions(keyPaths: readonly string[], publishedDir?: string): Promise<DkimKeyOptions> {
  const out: DkimKeyOptions = { problems: [], keys: 0 };
  if (keyPaths.length) {
    const read = await readDkimKeyPaths(keyPaths);
    out.keys = read.keys;
    out.problems.push(...read.problems.map((p) => `${p.file}${p.line ? ` line ${p.line}` : ''}: ${p.message}`));
    if (read.keys) {
      out.dkimKeys = read.text;
      out.dkimKeysSource = `command line --dkim-keys ${keyPaths.join(' ')}`.slice(0, 4000);
    }
  }
  if (publishedDir) {
    const published = await readPublishedKeyFolder(publishedDir).catch((e: unknown) => {
      throw new Error(`The published-keys folder ${publishedDir} cannot be read: ${(e as Error).message}`, { cause: e });
    });
    out.problems.push(...published.problems.map((p) => `${p.file}: ${p.message}`));
    out.dkimPublishedKeys = published.keys;
  }
  return out;
}
