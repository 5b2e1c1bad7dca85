// `node dist/bench/pdf-text-engines.js [--dir D] [--runs N] [--engines a,b] [--json F]`: the PDF text
// engines on one core, each run in a child of its own (CPU user+sys, peak RSS), their words against pdftotext.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '../ingest/limits.js';
import { openPdf, readPdfText } from '../extract/pdf/pdfjs.js';
import { loadPdfium, openPdfiumDocument } from '../extract/pdf/pdfium-engine.js';
import { readPdfiumText } from '../extract/pdf/pdfium-text.js';
import { readDocumentText } from '../extract/pdf/pdf-text.js';
import { structureOptions } from '../extract/pdf/pdf.js';
import { readPdfStructure } from '../extract/pdf/structure.js';
import { listFiles } from './floor.js';
import { wordJaccard } from './word-agreement.js';

/** The engines compared: pdf.js (before), PDFium as the wrapper reads it, with the word gaps, and the bulk path. */
const ENGINES = ['pdfjs', 'pdfium-raw', 'pdfium', 'bulk'] as const;
type Engine = (typeof ENGINES)[number];

interface ChildResult {
  engine: Engine;
  cpuMs: number;
  wallMs: number;
  maxRssMb: number;
  pages: number;
  failed: number;
  /** The text of each file, or null when the engine failed on it. */
  texts: (string | null)[];
  /** bulk only: files pdf.js read after PDFium. */
  fallbacks?: number;
}

const { maxPdfPages, maxTextChars } = DEFAULT_LIMITS;

/** As the extractor decides it: whether a file PDFium finds empty may hold text for pdf.js. */
function mayHaveText(bytes: Uint8Array): boolean {
  const structure = readPdfStructure(bytes, structureOptions(DEFAULT_LIMITS));
  return structure.fonts.length > 0 || structure.encrypted || structure.warnings.length > 0;
}

async function readOne(
  engine: Engine,
  bytes: Uint8Array,
  name: string,
  textHint: boolean,
): Promise<{ text: string; pages: number; fallback?: boolean }> {
  if (engine === 'pdfium' || engine === 'pdfium-raw') {
    const doc = openPdfiumDocument(await loadPdfium(), bytes, name);
    try {
      const t = readPdfiumText(doc, maxPdfPages, maxTextChars, undefined, engine === 'pdfium' ? undefined : Infinity);
      return { text: t.text, pages: t.pages };
    } finally {
      doc.close();
    }
  }
  const { doc, close } = await openPdf(bytes);
  try {
    if (engine === 'pdfjs') {
      const t = await readPdfText(doc, maxPdfPages, maxTextChars);
      return { text: t.text, pages: t.pages };
    }
    const t = await readDocumentText(bytes, doc, name, DEFAULT_LIMITS, { mayHaveText: textHint });
    return { text: t.text, pages: t.pages, fallback: t.engine === 'pdfjs' };
  } finally {
    await close();
  }
}

async function child(engine: Engine, listFile: string, outFile: string): Promise<void> {
  const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const t0 = performance.now();
  const r: ChildResult = { engine, cpuMs: 0, wallMs: 0, maxRssMb: 0, pages: 0, failed: 0, texts: [], fallbacks: 0 };
  // CPU counted around the engine alone: reading the file, and the structure reader's hint (the
  // extractor reads the structure anyway), are left out.
  let cpuUs = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    const hint = engine === 'bulk' ? mayHaveText(bytes) : true;
    const cpu0 = process.cpuUsage();
    try {
      const one = await readOne(engine, bytes, f, hint);
      r.texts.push(one.text);
      r.pages += one.pages;
      if (one.fallback) r.fallbacks!++;
    } catch {
      r.texts.push(null);
      r.failed++;
    }
    const cpu = process.cpuUsage(cpu0);
    cpuUs += cpu.user + cpu.system;
  }
  r.cpuMs = cpuUs / 1000;
  r.wallMs = performance.now() - t0;
  r.maxRssMb = process.resourceUsage().maxRSS / 1024;
  writeFileSync(outFile, JSON.stringify(r));
}

/** pdftotext's text of each file (cached by content hash), or null where it fails. */
function referenceTexts(files: string[]): (string | null)[] {
  const cache = join(tmpdir(), 'verity-pdftotext-cache');
  mkdirSync(cache, { recursive: true });
  return files.map((f) => {
    const bytes = readFileSync(f);
    const key = join(cache, createHash('sha256').update(bytes).digest('hex') + '.json');
    if (existsSync(key)) return JSON.parse(readFileSync(key, 'utf8')) as string | null;
    const r = spawnSync('pdftotext', ['-q', '-enc', 'UTF-8', '-l', String(maxPdfPages), f, '-'], {
      timeout: 60_000,
      maxBuffer: 256 << 20,
      encoding: 'utf8',
    });
    const text = r.status === 0 ? r.stdout : null;
    writeFileSync(key, JSON.stringify(text));
    return text;
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  engine: Engine;
  runs: number;
  cpuS: number;
  msPerPage: number;
  maxRssMb: number;
  failed: number;
  pages: number;
  jaccard: number;
  /** Files whose agreement with pdftotext is more than 0.05 below pdf.js's. */
  worseThanPdfjs: number;
  fallbacks?: number;
}

function parseArgs(argv: string[]): { dir: string; runs: number; engines: Engine[]; json?: string; node: string } {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const corpus = process.env.VERITY_CORPUS ?? resolve(here, '../../../shared/corpus');
  const a = {
    dir: join(corpus, 'pdf'),
    runs: 3,
    engines: [...ENGINES] as Engine[],
    json: undefined as string | undefined,
    node: process.execPath,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = (): string => argv[++i] ?? '';
    if (k === '--dir') a.dir = resolve(v());
    else if (k === '--runs') a.runs = Number(v());
    else if (k === '--engines') a.engines = v().split(',') as Engine[];
    else if (k === '--json') a.json = resolve(v());
    else if (k === '--node') a.node = v();
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1] as Engine, argv[2]!, argv[3]!);
  const a = parseArgs(argv);
  const files = listFiles(a.dir)
    .map((f) => f.path)
    .sort();
  const work = join(tmpdir(), `verity-pdf-engines-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const listFile = join(work, 'files.txt');
  writeFileSync(listFile, files.join('\n'));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const nodeVersion = execFileSync(a.node, ['--version'], { encoding: 'utf8' }).trim();
  log(`${files.length} files under ${a.dir}; node ${nodeVersion}; ${a.runs} run(s) per engine`);
  const ref = referenceTexts(files);
  const results = new Map<Engine, ChildResult[]>();
  try {
    // Runs interleaved (engine after engine, then again) so a busy spell on the machine hits them all.
    for (let run = 0; run < a.runs; run++)
      for (const engine of a.engines) {
        const out = join(work, `${engine}-${run}.json`);
        const self = fileURLToPath(import.meta.url);
        const r = spawnSync(a.node, [self, '--child', engine, listFile, out], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`${engine} run exited with ${r.status}: ${r.stderr.slice(-2000)}`);
        const res = JSON.parse(readFileSync(out, 'utf8')) as ChildResult;
        log(`  ${engine} run ${run + 1}: ${(res.cpuMs / 1000).toFixed(1)} s CPU, ${res.maxRssMb.toFixed(0)} MB, ${res.failed} failed`);
        results.set(engine, [...(results.get(engine) ?? []), res]);
      }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const agreement = (texts: (string | null)[]) => files.map((_, i) => (ref[i] == null ? null : wordJaccard(texts[i] ?? '', ref[i]!)));
  const pdfjsRuns = results.get('pdfjs');
  const base = pdfjsRuns ? agreement(pdfjsRuns[0]!.texts) : undefined;
  const rows: Row[] = [];
  const perFile: Record<string, Record<string, number | null>> = {};
  for (const [engine, runs] of results) {
    const first = runs[0]!;
    const agr = agreement(first.texts);
    const scored = agr.filter((x): x is number => x !== null);
    agr.forEach((x, i) => ((perFile[relative(a.dir, files[i]!)] ??= {})[engine] = x === null ? null : Math.round(x * 1000) / 1000));
    const cpuMs = median(runs.map((r) => r.cpuMs));
    rows.push({
      engine,
      runs: runs.length,
      cpuS: Math.round(cpuMs / 100) / 10,
      msPerPage: Math.round((cpuMs / Math.max(1, first.pages)) * 100) / 100,
      maxRssMb: Math.round(median(runs.map((r) => r.maxRssMb))),
      failed: first.failed,
      pages: first.pages,
      jaccard: Math.round((scored.reduce((s, x) => s + x, 0) / Math.max(1, scored.length)) * 1000) / 1000,
      worseThanPdfjs: base ? agr.filter((x, i) => x !== null && base[i] !== null && x < base[i]! - 0.05).length : 0,
      ...(engine === 'bulk' ? { fallbacks: first.fallbacks } : {}),
    });
  }
  const scoredFiles = ref.filter((t) => t !== null).length;
  const report = { node: nodeVersion, dir: a.dir, files: files.length, scoredFiles, runs: a.runs, rows, perFile };
  if (a.json) writeFileSync(a.json, JSON.stringify(report, null, 1));
  console.log(
    `| engine (${nodeVersion}) | CPU s (median of ${a.runs}) | ms a page | peak RSS MB | files failed | pages | mean word Jaccard vs pdftotext (${scoredFiles} files) | files > 0.05 worse than pdf.js | fell back to pdf.js |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.engine} | ${r.cpuS} | ${r.msPerPage} | ${r.maxRssMb} | ${r.failed} | ${r.pages} | ${r.jaccard} | ${r.worseThanPdfjs} | ${r.fallbacks ?? ''} |`,
    );
}

await main();
