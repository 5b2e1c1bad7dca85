// The `verity` command: scan, ocr, report, search, failures, checks, dkim, serve, demo.
// Fatal problems (dump missing, case not writable) end with one clear sentence and a non-zero exit.

import { VERITY_VERSION } from '../version.js';
import type { ApiCallError } from './api-client.js';

const USAGE = `verity ${VERITY_VERSION} — verify leaked-document dumps, offline

Usage:
  verity scan <dump> [--case <file>] [--dkim-keys <file>] [--json-progress] [--workers N]
        [--no-ocr] [--ocr-lang fra+eng]
        Index a dump folder into a case file (default: ./<dump-name>.verity). Resumable:
        run it again after an interruption and it continues where it stopped. OCR of scans
        and document images is its last stage (default languages: eng+fra).
  verity ocr --case <file> [--dump <dir>] [--ocr-lang fra+eng] [--workers N] [--json-progress]
        Run or resume the OCR stage of a case scanned before (e.g. with --no-ocr).
  verity report --case <file> --format json|csv|html [-o <out>] [--tag T] [--verdict V]
        [--min-score N] [--documents id,...] [--metadata] [--redact] [--fixed-time <ISO-8601>]
  verity validate --case <file> --truth <file> [--threshold medium|high] [--unlisted-genuine] [--json] [-o <out>]
        Score the case against known ground truth (CSV or JSON): recall per family, false
        positives, and every missed or false item with its findings.
  verity search --case <file> <query> [--json] [--limit N]
        Full-text search, the app's query language: path, kind, score and a snippet per
        document, best matches first (default 20), or a JSON array with --json.
  verity failures --case <file> [--json]     Files that failed, at which stage, and why.
  verity checks [--json]                     The forensic checks and what each one means.
  verity dkim needed --case <file> [--json]  The DKIM keys the case lacks, with the look-ups to
        run on a connected machine (Verity itself never does).
  verity dkim import --case <file> <keyfile> [--dump <dir>]
        Import a DKIM key file (zone lines, dig output, key archive JSON) and re-verify the mail.
  verity serve --case <file> [--dump <dir>] [--port N] [--dkim-keys <file>] [--allow-open]
        The app in your browser, on 127.0.0.1 only, with a one-time token.
  verity demo <dir> [--seed N] [--size 200MB] [--truth <file>]
        Write a demo dump with planted fakes and innocent lookalikes.
`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./scan-command.js')).scanCommand,
  report: async () => (await import('./report-command.js')).reportCommand,
  validate: async () => (await import('./validate-command.js')).validateCommand,
  ocr: async () => (await import('./scan-command.js')).ocrCommand,
  search: async () => (await import('./search-command.js')).searchCommand,
  failures: async () => (await import('./failures-command.js')).failuresCommand,
  checks: async () => (await import('./checks-command.js')).checksCommand,
  dkim: async () => (await import('./dkim-command.js')).dkimCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  demo: async () => (await import('./demo-command.js')).demoCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(USAGE);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write(`${VERITY_VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[cmd];
  if (!load) {
    process.stderr.write(`verity: unknown command '${cmd}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (e) {
    const err = e as Error;
    if (err?.name === 'UsageError') {
      process.stderr.write(`verity ${cmd}: ${err.message}\n`);
      return 2;
    }
    if (err?.name === 'ApiCallError') {
      // The command checked its flags: a refused input is still the user's to correct.
      const { error } = err as ApiCallError;
      const details = Array.isArray(error.details)
        ? (error.details as { path?: string; message?: string }[]).map((d) => `${d.path ? `${d.path}: ` : ''}${d.message ?? ''}`)
        : [];
      process.stderr.write(`verity ${cmd}: ${error.message}${details.length ? ` (${details.join('; ')})` : ''}\n`);
      return error.code === 'invalid-input' ? 2 : 1;
    }
    if (err?.name === 'CommandError') {
      process.stderr.write(`verity ${cmd}: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`verity ${cmd}: unexpected error: ${err?.stack ?? String(e)}\n`);
    return 1;
  }
}
