// CLI glue for `verity demo <dir>`: refuses to write into a non-empty directory unless asked, writes
// the dump, the DKIM key file beside it (never inside: a leak does not ship its senders' keys) and,
// when asked, the ground truth; then says where everything went.

import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { generateDump } from './generate.js';
import { formatTruthCsv } from '../shared/truth-file.js';
import { validationRows, type GroundTruth } from './truth.js';

export interface WriteDemoOptions {
  seed?: number;
  scale?: number;
  targetBytes?: number;
  /** Write into a directory that already holds files. */
  force?: boolean;
  /** DKIM key file path; default: '<dir>.dkim-keys.txt' beside the dump. */
  keyFile?: string;
  /** Also write the ground truth as JSON here (outside the dump). */
  truthFile?: string;
  log?: (line: string) => void;
  onProgress?: (files: number, bytes: number) => void;
}

export async function writeDemo(
  dir: string,
  opts: WriteDemoOptions = {},
): Promise<{ truth: GroundTruth; keyFile: string; truthFile?: string; validationFile: string }> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const root = resolve(dir);
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new Error(`verity demo: ${root} exists and is not a directory`);
    if (readdirSync(root).length > 0 && !opts.force) {
      throw new Error(`verity demo: ${root} is not empty; choose an empty or new directory (or pass --force to add to it)`);
    }
  } else mkdirSync(root, { recursive: true });
  const keyFile = resolve(opts.keyFile ?? join(dirname(root), `${basename(root)}.dkim-keys.txt`));
  const inside = (p: string) => p === root || p.startsWith(root + '/');
  if (inside(keyFile)) throw new Error(`verity demo: the key file must be outside the dump (${keyFile})`);
  if (opts.truthFile && inside(resolve(opts.truthFile)))
    throw new Error(`verity demo: the truth file must be outside the dump (${opts.truthFile})`);

  const started = process.hrtime.bigint();
  const truth = await generateDump(root, {
    seed: opts.seed,
    scale: opts.scale,
    targetBytes: opts.targetBytes,
    keyFile,
    onProgress: opts.onProgress,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // The truth `verity validate` reads, beside the dump like the keys: a scan can be scored at once.
  const validationFile = join(dirname(root), `${basename(root)}.truth.csv`);
  writeFileSync(validationFile, formatTruthCsv(validationRows(truth)));
  let truthFile: string | undefined;
  if (opts.truthFile) {
    truthFile = resolve(opts.truthFile);
    writeFileSync(truthFile, `${JSON.stringify(truth, null, 2)}\n`);
  }
  log(
    `Demo dump written to ${root}: ${truth.files} files, ${(truth.bytes / 1e6).toFixed(1)} MB, about ${truth.counts.documents} documents, in ${seconds.toFixed(1)} s.`,
  );
  log(
    `It holds ${truth.fakes.length} planted fakes (${new Set(truth.fakes.map((x) => x.kind)).size} kinds) and ${truth.lookalikes.length} innocent lookalikes.`,
  );
  log(`DKIM public keys (test-only) written to ${keyFile}`);
  log(`Scan it with: verity scan ${root} --dkim-keys ${keyFile} --case ${root}.verity`);
  log(`Then score the scan against the planted truth: verity validate --case ${root}.verity --truth ${validationFile}`);
  if (truthFile) log(`Ground truth written to ${truthFile}`);
  return { truth, keyFile, truthFile, validationFile };
}
