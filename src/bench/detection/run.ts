// `npm run bench:detection`: generate K adversarial dumps (one organisation per seed), scan each with
// the built CLI as a user would, score its JSON report against the truth with the validate core, then
// scan the shared corpus of real files and count what the checks flag there. Prints the tables and
// writes everything to bench-results/detection-<date>.json.
// Seeds 1-3 are the development presets, 4-6 the hold-out presets (--holdout); see docs/detection-bench.md.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonReport } from '../../model/report.js';
import { scoreValidation } from '../../report/validate/score.js';
import type { Rate, ValidationResult } from '../../model/validation.js';
import { parseTruth } from '../../report/validate/truth.js';
import { runWatchedChild } from '../watched-child.js';
import { generateDump } from './generate.js';
import { readCorpusTruth, truthOf } from '../corpus-truth.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(REPO, 'bin', 'verity.js');

interface Args {
  seeds: number[];
  work: string;
  corpus: string | null;
  threshold: 'medium' | 'high';
}

const USAGE = `Usage: npm run bench:detection -- [--seeds 1,2,3 | --holdout] [--work <dir>] [--no-corpus] [--threshold medium|high]
  --seeds N,M   the dumps to generate and score (default 1,2,3); seed N is preset ((N - 1) mod 6) + 1
                with sizes varied by N: 1-3 the development organisations, 4-6 the hold-out ones
  --holdout     the hold-out presets only, as --seeds 4,5,6 (organisations, clients, servers, languages,
                mailbox formats and forgery parameters the checks were not tuned on)
  --work <dir>  where the dumps and cases go (default bench-data/detection)
  --no-corpus   skip the scan of the shared corpus ($VERITY_CORPUS or ../shared/corpus)
  --threshold   the lowest severity that counts as a detection (default medium)
`;

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const unknown = argv.filter((a) => a.startsWith('-') && !['--seeds', '--holdout', '--work', '--no-corpus', '--threshold'].includes(a));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(', ')}\n${USAGE}`);
  if (argv.includes('--holdout') && get('seeds')) throw new Error('--holdout and --seeds exclude each other');
  const seeds = (get('seeds') ?? (argv.includes('--holdout') ? '4,5,6' : '1,2,3')).split(',').map((s) => Number(s.trim()));
  if (seeds.some((s) => !Number.isInteger(s))) throw new Error(`--seeds takes whole numbers separated by commas, not ${get('seeds')}`);
  const threshold = (get('threshold') ?? 'medium') as Args['threshold'];
  if (threshold !== 'medium' && threshold !== 'high') throw new Error('--threshold is medium or high');
  const corpusDir = process.env.VERITY_CORPUS ?? resolve(REPO, '..', 'shared', 'corpus');
  return {
    seeds,
    work: resolve(get('work') ?? join(REPO, 'bench-data', 'detection')),
    corpus: argv.includes('--no-corpus') ? null : existsSync(join(corpusDir, 'MANIFEST.tsv')) ? corpusDir : null,
    threshold,
  };
}

async function scanAndReport(dump: string, caseFile: string, keys: string | null): Promise<{ report: JsonReport; scanMs: number }> {
  const args = [BIN, 'scan', dump, '--case', caseFile, '--quiet', ...(keys ? ['--dkim-keys', keys] : [])];
  const scan = await runWatchedChild('verity scan', args, () => {});
  const out = `${caseFile}.report.json`;
  await runWatchedChild('verity report', [BIN, 'report', '--case', caseFile, '--format', 'json', '-o', out], () => {});
  return { report: JSON.parse(await readFile(out, 'utf8')) as JsonReport, scanMs: scan.wallMs };
}

const fmt = (r: Rate) => (r.rate === null ? '  —  ' : r.rate.toFixed(2));
const pct = (r: Rate) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(2)} %`);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

function sum(rates: Rate[]): Rate {
  const count = rates.reduce((a, r) => a + r.count, 0);
  const total = rates.reduce((a, r) => a + r.total, 0);
  return { count, total, rate: total ? count / total : null };
}

function merge(results: ValidationResult[], key: 'recallByFamily' | 'lookalikesByFamily'): Record<string, Rate> {
  const fams = [...new Set(results.flatMap((r) => Object.keys(r[key])))].sort();
  return Object.fromEntries(fams.map((f) => [f, sum(results.map((r) => r[key][f] ?? { count: 0, total: 0, rate: null }))]));
}

interface CorpusFigures {
  root: string;
  documents: number;
  flagged: Rate;
  /** The same over the files the corpus's own index does not call crafted (docs/checks-documents.md). */
  genuineFlagged: Rate;
  genuineByCheck: Record<string, number>;
  byCheck: Record<string, number>;
  scanMs: number;
}

function corpusFigures(report: JsonReport, scanMs: number, threshold: 'medium' | 'high', root: string): CorpusFigures {
  const ok = (s: string) => s === 'high' || (threshold === 'medium' && s === 'medium');
  const labels = readCorpusTruth(root);
  const byCheck: Record<string, number> = {};
  const genuineByCheck: Record<string, number> = {};
  let flagged = 0,
    genuine = 0,
    genuineFlagged = 0;
  for (const d of report.documents) {
    const checks = new Set(d.flags.filter((f) => ok(f.severity)).map((f) => f.check));
    const isGenuine = truthOf(labels, d.path)?.label !== 'crafted';
    if (isGenuine) genuine++;
    if (checks.size) flagged++;
    if (checks.size && isGenuine) genuineFlagged++;
    for (const c of checks) {
      byCheck[c] = (byCheck[c] ?? 0) + 1;
      if (isGenuine) genuineByCheck[c] = (genuineByCheck[c] ?? 0) + 1;
    }
  }
  const rate = (count: number, total: number): Rate => ({ count, total, rate: total ? count / total : null });
  const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]));
  return {
    root: report.dump.root,
    documents: report.documents.length,
    flagged: rate(flagged, report.documents.length),
    genuineFlagged: rate(genuineFlagged, genuine),
    genuineByCheck: sorted(genuineByCheck),
    byCheck: sorted(byCheck),
    scanMs,
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const log = (s: string) => process.stderr.write(`${s}\n`);
  await mkdir(args.work, { recursive: true });
  const perSeed: {
    seed: number;
    organisation: string;
    zones: string[];
    infra: string;
    counts: object;
    generateMs: number;
    scanMs: number;
    result: ValidationResult;
  }[] = [];
  for (const seed of args.seeds) {
    const dir = join(args.work, `seed-${seed}`);
    const g0 = performance.now();
    const g = await generateDump(dir, seed, { log });
    const generateMs = performance.now() - g0;
    log(`seed ${seed}: scanning ${g.dumpDir}`);
    const { report, scanMs } = await scanAndReport(g.dumpDir, join(dir, 'case.verity'), g.keysFile);
    const result = scoreValidation(report, parseTruth(await readFile(g.truthFile, 'utf8'), g.truthFile), { threshold: args.threshold });
    log(
      `seed ${seed}: recall ${fmt(result.recall)} (${result.recall.count}/${result.recall.total}), false positives ${result.falsePositives.count}/${result.falsePositives.total}`,
    );
    perSeed.push({
      seed,
      organisation: g.params.name,
      zones: g.params.sites.map((s) => s.zone),
      infra: g.params.infra,
      counts: g.counts,
      generateMs,
      scanMs,
      result,
    });
  }
  const results = perSeed.map((s) => s.result);
  const recallByFamily = merge(results, 'recallByFamily');
  const lookalikesByFamily = merge(results, 'lookalikesByFamily');
  const recall = sum(results.map((r) => r.recall));
  const fpGenuine = sum(results.map((r) => r.falsePositivesListed));
  const fpPlain = {
    count: fpGenuine.count - sum(results.map((r) => r.lookalikes)).count,
    total: fpGenuine.total - sum(results.map((r) => r.lookalikes)).total,
    rate: null as number | null,
  };
  fpPlain.rate = fpPlain.total ? fpPlain.count / fpPlain.total : null;
  const lookalikes = sum(results.map((r) => r.lookalikes));

  let corpus: CorpusFigures | null = null;
  if (args.corpus) {
    log(`corpus: scanning ${args.corpus}`);
    const { report, scanMs } = await scanAndReport(args.corpus, join(args.work, 'corpus.verity'), null);
    corpus = corpusFigures(report, scanMs, args.threshold, args.corpus);
  } else log('corpus: skipped (no ../shared/corpus and no $VERITY_CORPUS, or --no-corpus)');

  const out: string[] = [];
  out.push(
    `Detection bench: ${args.seeds.length} dumps (seeds ${args.seeds.join(', ')}), a detection is a finding of severity ${args.threshold} or higher`,
  );
  for (const s of perSeed)
    out.push(
      `  seed ${s.seed}: ${s.organisation} (${s.zones.join(', ')}; ${s.infra}): recall ${fmt(s.result.recall)}, genuine flagged ${s.result.falsePositives.count}/${s.result.falsePositives.total}`,
    );
  out.push('');
  const w = Math.max(...Object.keys(recallByFamily).map((f) => f.length), 6) + 2;
  out.push(`${pad('family', w)}found/planted  recall   lookalikes flagged`);
  for (const [f, r] of Object.entries(recallByFamily)) {
    const l = lookalikesByFamily[f];
    out.push(`${pad(f, w)}${pad(`${r.count}/${r.total}`, 15)}${pad(fmt(r), 9)}${l ? `${l.count}/${l.total}` : '—'}`);
  }
  out.push('');
  out.push(`overall recall: ${recall.count}/${recall.total} = ${fmt(recall)}`);
  out.push(
    `false positives on genuine items: ${fpGenuine.count}/${fpGenuine.total} = ${pct(fpGenuine)} (plain genuine ${fpPlain.count}/${fpPlain.total} = ${pct(fpPlain)}; lookalikes ${lookalikes.count}/${lookalikes.total} = ${pct(lookalikes)})`,
  );
  if (corpus) {
    out.push(
      `shared corpus: ${corpus.flagged.count} of ${corpus.documents} documents flagged ${args.threshold} or higher = ${pct(corpus.flagged)}`,
    );
    for (const [c, n] of Object.entries(corpus.byCheck)) out.push(`  ${pad(c, 34)}${n}`);
    out.push(
      `  of which on files the corpus's index does not call crafted (spam, verifier test messages, conformance files): ${corpus.genuineFlagged.count} of ${corpus.genuineFlagged.total} = ${pct(corpus.genuineFlagged)}`,
    );
    for (const [c, n] of Object.entries(corpus.genuineByCheck)) out.push(`    ${pad(c, 32)}${n}`);
  }
  const totalMs = performance.now() - t0;
  out.push(`(${Math.round(totalMs / 1000)} s)`);
  process.stdout.write(`${out.join('\n')}\n`);

  const date = new Date().toISOString().slice(0, 10);
  const resultsDir = join(REPO, 'bench-results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `detection-${date}.json`);
  await writeFile(
    file,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), threshold: args.threshold, seeds: args.seeds, recall, recallByFamily, falsePositives: fpGenuine, falsePositivesPlain: fpPlain, lookalikes, lookalikesByFamily, corpus, perSeed, totalMs }, null, 2)}\n`,
  );
  log(`Wrote ${file}`);
}

main().catch((e: Error) => {
  process.stderr.write(`bench:detection: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
