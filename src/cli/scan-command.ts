// `verity scan <dump> [--case <file>] [--dkim-keys <file|folder>]... [--dkim-published-keys <folder>] [--json-progress]
// [--workers N] [--timeout S] [--no-ocr] [--ocr-lang fra+eng] [--quiet]`: 'scan.start' on the case's service, its
// progress events shown as they come, then 'case.summary'. `verity ocr` runs the same job, OCR stage only.

import { basename, resolve } from 'node:path';
import type { ScanProgress, ScanStartInput } from '../model/api.js';
import { EventHub } from '../api/events.js';
import { withCaseService } from './api-client.js';
import { createProgressView, type ProgressView } from './progress-view.js';
import { flagString, parseArgs, type ParsedArgs } from './args.js';
import { CommandError, UsageError } from './errors.js';
import { dkimKeyOptions } from './dkim-command.js';

const FINAL_STATES = new Set<ScanProgress['state']>(['done', 'cancelled', 'failed']);

/** Default case file: <dump folder name>.verity in the current folder (never inside the dump). */
function defaultCaseFile(dump: string): string {
  return resolve(`${basename(resolve(dump))}.verity`);
}

export async function scanCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ['case', 'workers', 'timeout', 'dkim-published-keys', 'ocr-lang'],
    booleans: ['json-progress', 'quiet', 'no-ocr'],
    lists: ['dkim-keys'],
  });
  const dump = args.positional[0];
  if (!dump) throw new UsageError('verity scan needs the dump folder: verity scan <dump> [--case <file>]');
  const caseFile = resolve(flagString(args, 'case') ?? defaultCaseFile(dump));
  const options = await scanOptions(args);
  if (args.flags.has('no-ocr')) {
    if (args.flags.has('ocr-lang')) throw new UsageError('--ocr-lang and --no-ocr cannot go together');
    options.ocr = false;
  }
  return runScanJob(caseFile, resolve(dump), options, args);
}

/** `verity ocr --case <file> [--dump <dir>] [--ocr-lang fra+eng] [--workers N] [--json-progress] [--quiet]`:
 *  the OCR stage alone, run or resumed on a case scanned before (the dump: --dump, else the case's). */
export async function ocrCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['case', 'dump', 'workers', 'ocr-lang'], booleans: ['json-progress', 'quiet'] });
  const caseArg = flagString(args, 'case');
  if (!caseArg) throw new UsageError('verity ocr needs --case <file>');
  if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]} (the dump folder goes with --dump)`);
  const caseFile = resolve(caseArg);
  const dump = flagString(args, 'dump');
  // Read-only first: a missing case is reported, never created; the case also knows its dump.
  const summary = await withCaseService({ caseFile, access: 'read-only' }, (call) => call('case.summary', {}));
  const dumpRoot = dump ? resolve(dump) : summary.dumpRoot;
  if (!dumpRoot) throw new CommandError('The dump folder of this case is not known: give it with --dump <dir>.');
  const options = await scanOptions(args);
  options.ocrOnly = true;
  return runScanJob(caseFile, dumpRoot, options, args);
}

/** Runs one scan job on the case's service, showing its progress, then the case's summary. */
async function runScanJob(caseFile: string, dumpRoot: string, options: ScanStartInput, args: ParsedArgs): Promise<number> {
  const mode = args.flags.has('json-progress') ? 'json' : process.stderr.isTTY ? 'tty' : 'plain';
  const view = args.flags.has('quiet') ? null : createProgressView(mode);
  // Every update reaches the view, as the scan reports it (the hub's default pace is for UIs).
  const events = new EventHub({ maxPerSecond: Infinity });
  try {
    // Read-only: the scan is the case's writer (it creates a new case); the summary reads it after.
    return await withCaseService({ caseFile, dumpRoot, access: 'read-only', events }, async (call) => {
      const job = followScan(events, view);
      let started = false;
      let interrupted = false;
      const cancel = () => {
        interrupted = true;
        if (started) void call('scan.cancel', {});
      };
      process.once('SIGINT', cancel);
      process.once('SIGTERM', cancel);
      try {
        await call('scan.start', options).catch((e: unknown) => {
          job.stop();
          throw e;
        });
        started = true;
        if (interrupted) void call('scan.cancel', {});
        const final = await job.ended;
        if (final.state === 'failed') throw new CommandError(final.message ?? 'the scan failed');
        view?.end(final);
        if (mode !== 'json') {
          const s = await call('case.summary', {});
          const kinds = Object.entries(s.byKind).sort((a, b) => b[1] - a[1]);
          process.stderr.write(
            `Case: ${caseFile}\nDocuments: ${kinds.map(([kind, n]) => `${kind} ${n}`).join(', ')}\nFlagged: ${s.flagged}; failures: ${s.failures}${s.failures ? ` (verity failures --case ${caseFile})` : ''}\n`,
          );
        }
        return final.state === 'done' ? 0 : 130;
      } finally {
        process.off('SIGINT', cancel);
        process.off('SIGTERM', cancel);
      }
    });
  } finally {
    events.close();
  }
}

async function scanOptions(args: ParsedArgs): Promise<ScanStartInput> {
  const options: ScanStartInput = {};
  Object.assign(options, await dkimKeyOptions(args.lists.get('dkim-keys') ?? [], flagString(args, 'dkim-published-keys')));
  const workers = flagString(args, 'workers');
  if (workers !== undefined) {
    const n = Number(workers);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--workers must be a whole number from 1 to 64');
    options.workers = n;
  }
  const langs = flagString(args, 'ocr-lang');
  if (langs !== undefined) {
    const list = langs.split('+').map((l) => l.trim());
    if (!list.every((l) => /^[a-z]{3}(_[a-z]+)?$/.test(l)))
      throw new UsageError(`--ocr-lang takes Tesseract language codes joined by +, such as fra+eng (not '${langs}')`);
    options.ocrLangs = list;
  }
  const timeout = flagString(args, 'timeout');
  if (timeout !== undefined) {
    const s = Number(timeout);
    if (!(s > 0 && s <= 86_400)) throw new UsageError('--timeout must be a number of seconds, more than 0 and at most 86400');
    options.documentTimeoutSeconds = s;
  }
  return options;
}

/**
 * Follows the scan job through the service's events until the job has ended ('case.changed' with
 * reason 'scan', published after its last progress), showing its progress on the way.
 */
function followScan(events: EventHub, view: ProgressView | null): { ended: Promise<ScanProgress>; stop(): void } {
  let stop = () => {};
  const ended = new Promise<ScanProgress>((resolveEnded) => {
    let final: ScanProgress | null = null;
    const off = events.subscribe((e) => {
      if (e.topic === 'scan.progress') {
        const p = e.payload as ScanProgress;
        if (!FINAL_STATES.has(p.state)) return view?.update(p);
        // A finished scan reports its final progress, then its result: all but the last are progress.
        if (final) view?.update(final);
        final = p;
      } else if (final && (e.payload as { reason?: string }).reason === 'scan') {
        off();
        resolveEnded(final);
      }
    });
    stop = off;
  });
  return { ended, stop };
}
