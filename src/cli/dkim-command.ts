// `verity dkim needed --case <file> [--json]`: the DKIM keys the case lacks ('dkim.needed'), with the
// look-ups to run on a connected machine. `verity dkim import --case <file> <keyfile> [--dump <dir>]`:
// imports a key file ('dkim.importKeys') and re-verifies the signed emails (docs/cli.md).

import { resolve } from 'node:path';
import type { DkimImportResult, DkimNeeded, ScanStartInput } from '../model/api.js';
import { dkimKeyOptions as readDkimKeyOptions } from '../api/dkim-key-paths.js';
import { withCaseService } from './api-client.js';
import { flagString, parseArgs } from './args.js';
import { CommandError, UsageError } from './errors.js';

const USAGE = 'verity dkim needed --case <file> [--json] | verity dkim import --case <file> <keyfile|folder>... [--dump <dir>]';

/** Keys rotate: the wording both the command and the app give (DESIGN.md, "DKIM offline"). */
const ROTATION_NOTE =
  'Keys rotate: DNS answers with the key a domain publishes today, so for old mail the key it signed with is often gone. An archive of DKIM keys keeps retired ones with the dates they were seen; its JSON export imports as it is.';

export async function dkimCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'needed') return neededCommand(rest);
  if (sub === 'import') return importCommand(rest);
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  throw new UsageError(sub ? `unknown dkim command '${sub}' (${USAGE})` : USAGE);
}

async function neededCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['case'], booleans: ['json'] });
  const caseFile = flagString(args, 'case');
  if (!caseFile) throw new UsageError('verity dkim needed needs --case <file>');
  if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const needed = await withCaseService({ caseFile, access: 'read-only' }, (call) => call('dkim.needed', {}));
  // The JSON is the contract: exactly these six fields per key, in this order.
  const rows = needed.keys.map(({ domain, selector, count, firstDate, lastDate, lookup }) => ({
    domain,
    selector,
    count,
    firstDate,
    lastDate,
    lookup,
  }));
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else process.stdout.write(neededText(needed, caseFile));
  return 0;
}

const day = (iso: string | null): string => iso?.slice(0, 10) ?? '?';

function neededText(needed: DkimNeeded, caseFile: string): string {
  const lines: string[] = [];
  if (needed.keys.length === 0) lines.push('No DKIM key is missing: every signature was checked with a key the case holds.');
  else {
    lines.push(`${needed.keys.length} DKIM key(s) missing; each would let Verity check the signatures of the emails counted:`, '');
    const width = Math.max(...needed.keys.map((k) => k.name.length));
    for (const k of needed.keys) {
      const span = k.firstDate === null ? 'dates unknown' : `signed ${day(k.firstDate)} to ${day(k.lastDate)}`;
      lines.push(`${k.name.padEnd(width)}  ${String(k.count).padStart(6)} email(s)  ${span}`, `    ${k.lookup}`);
    }
    lines.push(
      '',
      'Run the look-ups on a connected machine (Verity never does). This line runs them all and writes the answers into dkim-keys.txt:',
      '',
      `  ${needed.fetchScript}`,
      '',
      `then: verity dkim import --case ${caseFile} dkim-keys.txt`,
      '',
      ROTATION_NOTE,
    );
  }
  if (needed.awaitingReverification > 0)
    lines.push(
      '',
      `${needed.awaitingReverification} signature(s) have their key in the case but were not re-verified since: import the keys again with the dump folder at hand (--dump <dir>).`,
    );
  return `${lines.join('\n')}\n`;
}

async function importCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['case', 'dump'], booleans: [] });
  const caseFile = flagString(args, 'case');
  if (!caseFile) throw new UsageError('verity dkim import needs --case <file>');
  const keyFiles = args.positional;
  if (!keyFiles.length) throw new UsageError('verity dkim import needs the key file: verity dkim import --case <file> <keyfile|folder>...');
  // Every format and folders, each key keeping its own file as source (one archive of them all).
  const read = await readDkimKeyOptions(keyFiles).catch((e: unknown) => {
    throw new CommandError((e as Error).message);
  });
  for (const p of read.problems.slice(0, 50)) process.stderr.write(`dkim keys: ${p}\n`);
  // No key at all: the service says so ('invalid-input'), as for any text without key records.
  const text = read.dkimKeys ?? '[]';
  const keyFile = keyFiles.join(' ');
  // Read-only first: a missing case is reported, never created; the case also knows its dump.
  const summary = await withCaseService({ caseFile, access: 'read-only' }, (call) => call('case.summary', {}));
  const dump = flagString(args, 'dump');
  const dumpRoot = dump ? resolve(dump) : (summary.dumpRoot ?? undefined);
  const { result, needed } = await withCaseService({ caseFile, dumpRoot, access: 'read-write' }, async (call) => ({
    result: await call('dkim.importKeys', { text, source: keyFile }),
    needed: await call('dkim.needed', {}),
  }));
  process.stdout.write(importText(result, needed, dumpRoot !== undefined));
  return 0;
}

function importText(result: DkimImportResult, needed: DkimNeeded, hadDump: boolean): string {
  const lines = [`Imported ${result.imported} DKIM key(s) from ${result.source}.`];
  for (const k of result.replacedKeys)
    lines.push(
      `  ${k.name}: ${k.recordChanged ? 'a different key' : 'the same key'} from ${k.source} replaces the one from ${k.previousSource}`,
    );
  if (result.replaced > result.replacedKeys.length) lines.push(`  ... and ${result.replaced - result.replacedKeys.length} more replaced`);
  lines.push(
    hadDump
      ? `Re-verified ${result.reverified} signed email(s).`
      : 'The dump folder is not known: nothing was re-verified. Give it with --dump <dir>.',
  );
  lines.push(needed.keys.length ? `Still missing: ${needed.keys.length} key(s) (verity dkim needed).` : 'No DKIM key is missing any more.');
  return `${lines.join('\n')}\n`;
}

/** --dkim-keys (files or folders, any format) and --dkim-published-keys as 'scan.start' options; what
 *  could not be read is said on stderr, and no key at all where some were asked for is an error. */
export async function dkimKeyOptions(keyPaths: readonly string[], publishedDir?: string): Promise<ScanStartInput> {
  let read: Awaited<ReturnType<typeof readDkimKeyOptions>>;
  try {
    read = await readDkimKeyOptions(keyPaths, publishedDir);
  } catch (e) {
    throw new CommandError((e as Error).message);
  }
  const { problems, keys, ...options } = read;
  for (const p of problems.slice(0, 50)) process.stderr.write(`dkim keys: ${p}\n`);
  if (problems.length > 50) process.stderr.write(`dkim keys: ... and ${problems.length - 50} more\n`);
  if (keyPaths.length && keys === 0) throw new CommandError(`No DKIM key could be read from ${keyPaths.join(', ')}`);
  if (publishedDir && !options.dkimPublishedKeys?.length) throw new CommandError(`No PEM private key could be read from ${publishedDir}`);
  return options;
}
