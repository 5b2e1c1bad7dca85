// `npm run bench -- [--size 1GB | --quick] [--skip-scan] [--skip-search] [--skip-analysis] ...`: the
// dump, its floors (hashing; native tools), a scan and a re-scan, search and analysis at scale
// (options and parts: docs/bench.md).

import { cpus } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { ensureDump, type BenchDump } from './dataset.js';
import { listFiles, measureFloor, type FloorRun } from './floor.js';
import { FILE_KINDS, floorRatios, measureNativeFloor, type NativeFloor } from './native-floor.js';
import { runScanChild, type ScanRun } from './scan-run.js';
import { runSearchBench, type SearchBench } from './search-bench.js';
import { runAnalysisBench, type AnalysisRun } from './analysis-run.js';
import { runOcrBench, type OcrBench } from './ocr-bench.js';
import { parseSize, sizeLabel } from './size.js';
import { VERITY_VERSION } from '../version.js';

interface Args {
  size: number;
  dump?: string;
  seed: number;
  workers?: number;
  searchDocs: number;
  skipScan: boolean;
  skipSearch: boolean;
  skipAnalysis: boolean;
  skipOcr: boolean;
  profile: boolean;
  genJobs: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    size: parseSize('1GB'),
    seed: 2017,
    searchDocs: 910_000,
    skipScan: false,
    skipSearch: false,
    skipAnalysis: false,
    skipOcr: false,
    profile: false,
    genJobs: Math.max(1, cpus().length),
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === '--size') a.size = parseSize(v());
    else if (k === '--quick') {
      a.size = parseSize('30MB');
      a.searchDocs = 20_000;
    } else if (k === '--seed') a.seed = Number(v());
    else if (k === '--dump') a.dump = resolve(v());
    else if (k === '--workers') a.workers = Number(v());
    else if (k === '--search-docs') a.searchDocs = Number(v());
    else if (k === '--skip-scan') a.skipScan = true;
    else if (k === '--skip-search') a.skipSearch = true;
    else if (k === '--skip-analysis') a.skipAnalysis = true;
    else if (k === '--skip-ocr') a.skipOcr = true;
    else if (k === '--profile') a.profile = true;
    else if (k === '--gen-jobs') a.genJobs = Number(v());
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const r1 = (x: number) => Math.round(x * 10) / 10;
const mbs = (bytes: number, ms: number) => r1(bytes / 1e6 / (ms / 1000));
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Results {
  tool: 'verity-bench';
  version: string;
  startedAt: string;
  machine: { cpus: number; model: string; node: string; loadavgAtStart: number[] };
  args: Args;
  dump?: BenchDump;
  floor?: { oneReader: FloorRun; perCoreReaders: FloorRun; ratioUses: string };
  /** pdftotext, exiftool and OpenSSL on the same dump, two processes at a time (native-floor.ts). */
  nativeFloor?: NativeFloor;
  scan?: ScanRun & {
    mbPerSec: number;
    docsPerSec: number;
    ratioToFloor: number;
    ratioToOneReaderFloor: number;
    /** Scan over the native floor (all kinds together: the scan's stages are per extractor, not per kind of file). */
    ratioToNativeFloor: { wall: number | null; cpu: number | null } | null;
    cpuMbPerSec: number;
  };
  rescan?: ScanRun & { shareOfFirstScan: number };
  search?: SearchBench;
  /** The scan's analysis on a copy of the search case (about a million documents). */
  analysis?: AnalysisRun;
  /** OCR pages per second for one worker (one core) and its peak memory. */
  ocr?: OcrBench;
  targets?: Record<string, { target: string; value: number | null; met: boolean | null }>;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve('bench-data');
  mkdirSync(root, { recursive: true });
  const { loadavg } = await import('node:os');
  const res: Results = {
    tool: 'verity-bench',
    version: VERITY_VERSION,
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version, loadavgAtStart: loadavg().map(r1) },
    args,
  };
  const outDir = resolve('bench-results');
  mkdirSync(outDir, { recursive: true });
  const label = args.skipScan ? 'search' : args.dump ? basename(args.dump) : sizeLabel(args.size);
  const outFile = join(outDir, `${res.startedAt.replace(/[:]/g, '-').replace(/\..*/, '')}-${label}.json`);
  const save = () => writeFileSync(outFile, `${JSON.stringify(res, null, 2)}\n`);

  if (!args.skipScan) {
    log(args.dump ? `dump: ${args.dump}` : `dump: ${sizeLabel(args.size)}, seed ${args.seed}`);
    const dump = args.dump ? existingDump(args.dump) : await ensureDump(root, args.size, args.seed, { jobs: args.genJobs, log });
    res.dump = dump;
    log(
      `  ${dump.reused ? 'reused' : `generated in ${dump.generatedSeconds} s`}: ${dump.dir} (${dump.files} files, ${(dump.bytes / 1e6).toFixed(0)} MB)`,
    );

    // The floor. A first pass warms the OS cache (a fresh dump is already in it; a cached one may
    // not be), so floor and scan both read from memory and the ratio compares CPU work.
    const readers = args.workers ?? cpus().length;
    log('floor: read + SHA-256 of every byte');
    await measureFloor(dump.dir, readers);
    const oneReader = await measureFloor(dump.dir, 1);
    const perCoreReaders = await measureFloor(dump.dir, readers);
    res.floor = {
      oneReader,
      perCoreReaders,
      ratioUses: `${readers} parallel readers: the scan runs ${readers} extraction workers on ${cpus().length} cores, so its floor is what the whole machine reads and hashes per second`,
    };
    log(`  1 reader ${r1(oneReader.mbPerSec)} MB/s, ${readers} readers ${r1(perCoreReaders.mbPerSec)} MB/s`);
    save();
    log('native floor: pdftotext on every PDF, exiftool and openssl dgst on every file, 2 processes at a time');
    res.nativeFloor = await measureNativeFloor(listFiles(dump.dir), { parallel: 2, log });
    log(`  ${s1(res.nativeFloor.total.wallMs)} wall, ${s1(res.nativeFloor.total.cpuMs)} CPU`);
    save();

    const casesDir = join(root, 'cases');
    mkdirSync(casesDir, { recursive: true });
    const caseFile = join(casesDir, `${dump.key}.verity`);
    for (const f of [caseFile, `${caseFile}-wal`, `${caseFile}-shm`]) rmSync(f, { force: true });
    const profDir = args.profile ? join(outDir, `profile-${res.startedAt.replace(/[:.]/g, '-')}`) : undefined;
    log(`scan: ${caseFile}${profDir ? ` (CPU profiles in ${profDir})` : ''}`);
    const scan = await runScanChild(dump.dir, caseFile, { workers: args.workers, cpuProfDir: profDir, log });
    res.scan = {
      ...scan,
      mbPerSec: mbs(dump.bytes, scan.wallMs),
      docsPerSec: r1(scan.documents / (scan.wallMs / 1000)),
      ratioToFloor: r1(scan.wallMs / perCoreReaders.wallMs),
      ratioToOneReaderFloor: r1(scan.wallMs / oneReader.wallMs),
      ratioToNativeFloor: res.nativeFloor ? floorRatios({ wallMs: scan.wallMs, cpuMs: scan.proc.cpuMs }, res.nativeFloor.total) : null,
      cpuMbPerSec: mbs(dump.bytes, scan.proc.cpuMs),
    };
    save();
    log(`  ${(scan.wallMs / 1000).toFixed(1)} s, ${scan.documents} documents, peak RSS ${(scan.proc.peakRssBytes / 1e6).toFixed(0)} MB`);

    log('re-scan of the unchanged dump');
    const rescan = await runScanChild(dump.dir, caseFile, { workers: args.workers, log });
    res.rescan = { ...rescan, shareOfFirstScan: Math.round((rescan.wallMs / scan.wallMs) * 10000) / 100 };
    save();
  }

  if (!args.skipSearch) {
    log(`search: synthetic case of ${args.searchDocs} top-level documents`);
    res.search = await runSearchBench(root, args.searchDocs, log);
    save();
    if (!args.skipAnalysis) {
      log(`analysis (corpus checks, scores, summaries) of a copy of that case: ${res.search.documents} documents`);
      res.analysis = await runAnalysisBench(res.search.caseFile, log);
      save();
    }
  }

  if (!args.skipOcr) {
    log('OCR: one tesseract worker, A4 pages at 300 dpi');
    res.ocr = await runOcrBench(log);
    save();
  }

  res.targets = targets(res);
  save();
  printTable(res);
  log(`\nfigures: ${outFile}`);
}

/** A folder given with --dump (a real dump, or a generated one kept from an earlier version). */
function existingDump(dir: string): BenchDump {
  const files = listFiles(dir);
  const bytes = files.reduce((s, f) => s + f.size, 0);
  const biggestMbox = files.filter((f) => f.path.endsWith('.mbox')).sort((a, b) => b.size - a.size)[0];
  return {
    dir,
    key: basename(dir),
    files: files.length,
    bytes,
    counts: {},
    bigMbox: biggestMbox ? { path: relative(dir, biggestMbox.path), bytes: biggestMbox.size } : null,
    generatedSeconds: 0,
    reused: true,
  };
}

function targets(r: Results): NonNullable<Results['targets']> {
  const t: NonNullable<Results['targets']> = {};
  const add = (name: string, target: string, value: number | undefined, ok: (v: number) => boolean) => {
    t[name] = { target, value: value ?? null, met: value === undefined ? null : ok(value) };
  };
  add('scan / native floor (wall)', '<= 2', r.scan?.ratioToNativeFloor?.wall ?? undefined, (v) => v <= 2);
  add('peak RSS (MB)', '<= 1000', r.scan ? Math.round(r.scan.proc.peakRssBytes / 1e6) : undefined, (v) => v <= 1000);
  add(
    'peak RSS, analysis of the search case (MB)',
    '<= 1000',
    r.analysis ? Math.round(r.analysis.proc.peakRssBytes / 1e6) : undefined,
    (v) => v <= 1000,
  );
  add('re-scan (% of scan)', '<= 5', r.rescan?.shareOfFirstScan, (v) => v <= 5);
  add('FTS p95 (ms)', '< 100', r.search?.fts.p95, (v) => v < 100);
  add('facets max (ms)', '< 200', r.search?.facets.max, (v) => v < 200);
  add('page max (ms)', '< 50', r.search?.pages.max, (v) => v < 50);
  add('document detail p95 (ms)', '(no target)', r.search?.detail.p95, () => true);
  return t;
}

function printTable(r: Results): void {
  const rows: [string, string][] = [];
  const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
  if (r.dump)
    rows.push([
      'dump',
      `${(r.dump.bytes / 1e6).toFixed(0)} MB, ${r.dump.files} files${r.dump.bigMbox ? `, largest mbox ${(r.dump.bigMbox.bytes / 1e6).toFixed(0)} MB` : ''}`,
    ]);
  if (r.floor) {
    rows.push([
      'floor, 1 reader',
      `${s(r.floor.oneReader.wallMs)}  ${r1(r.floor.oneReader.mbPerSec)} MB/s  (CPU ${s(r.floor.oneReader.cpuMs)})`,
    ]);
    rows.push([
      `floor, ${r.floor.perCoreReaders.readers} readers`,
      `${s(r.floor.perCoreReaders.wallMs)}  ${r1(r.floor.perCoreReaders.mbPerSec)} MB/s  (CPU ${s(r.floor.perCoreReaders.cpuMs)})`,
    ]);
  }
  if (r.nativeFloor) {
    const nf = r.nativeFloor;
    const missingTools = Object.entries(nf.tools).filter(([, v]) => !v);
    rows.push([
      `native floor, ${nf.parallel} processes`,
      `${s(nf.total.wallMs)} wall  (CPU ${s(nf.total.cpuMs)})${missingTools.length ? `; not installed, skipped: ${missingTools.map(([k]) => k).join(', ')}` : ''}`,
    ]);
    for (const kind of FILE_KINDS) {
      const k = nf.byKind[kind];
      if (k.files === 0) continue;
      const tools = nf.runs
        .filter((x) => x.kind === kind)
        .map((x) => `${x.tool} ${s(x.cpuMs)}${x.failed ? ` (${x.failed} failed)` : ''}`)
        .join(', ');
      rows.push([`  ${kind}`, `${k.files} files, ${(k.bytes / 1e6).toFixed(1)} MB: ${s(k.wallMs)} wall, CPU ${s(k.cpuMs)} (${tools})`]);
    }
  }
  if (r.scan) {
    const sc = r.scan;
    rows.push(['scan wall', `${s(sc.wallMs)}  ${sc.mbPerSec} MB/s  ${sc.docsPerSec} documents/s  (${sc.documents} documents)`]);
    rows.push(['scan CPU', `${s(sc.proc.cpuMs)}  (${sc.cpuMbPerSec} MB per CPU-second)`]);
    rows.push([
      'scan peak RSS',
      `${(sc.proc.peakRssBytes / 1e6).toFixed(0)} MB sampled, VmHWM ${(sc.proc.vmHwmBytes / 1e6).toFixed(0)} MB`,
    ]);
    if (sc.engineThread)
      rows.push([
        'engine thread blocked',
        `max ${sc.engineThread.maxBlockMs} ms, p99 ${sc.engineThread.p99DelayMs} ms (how long an app query could wait behind the scan)`,
      ]);
    rows.push([
      'scan / floor',
      `${sc.ratioToFloor}x (${r.floor?.perCoreReaders.readers} readers); ${sc.ratioToOneReaderFloor}x (1 reader)`,
    ]);
    if (sc.ratioToNativeFloor)
      rows.push([
        'scan / native floor',
        `${sc.ratioToNativeFloor.wall ?? '-'}x wall, ${sc.ratioToNativeFloor.cpu ?? '-'}x CPU (all kinds: the scan's stage times are per extractor, not per kind of file)`,
      ]);
    if (sc.stages) {
      const w = Object.entries(sc.stages.worker).sort((a, b) => b[1] - a[1]);
      const total = w.reduce((x, [, v]) => x + v, 0);
      rows.push(['worker stages', `${s(total)} over all workers`]);
      for (const [k, v] of w.slice(0, 14)) rows.push([`  ${k}`, `${s(v)}  ${((v / total) * 100).toFixed(1)}%`]);
      for (const [k, v] of Object.entries(sc.stages.main).sort((a, b) => b[1] - a[1])) rows.push([`  main: ${k}`, s(v)]);
    }
  }
  if (r.rescan) rows.push(['re-scan', `${s(r.rescan.wallMs)}  ${r.rescan.shareOfFirstScan}% of the first scan`]);
  if (r.search) {
    const q = r.search;
    rows.push([
      'search case',
      `${q.documents} documents, ${(q.caseBytes / 1e9).toFixed(2)} GB${q.reused ? ' (reused)' : `, built in ${q.buildSeconds} s`}; search summaries ${q.summaryRebuilt ? `rebuilt in ${(q.summaryMs / 1000).toFixed(1)} s` : 'current'}`,
    ]);
    rows.push(['full-text search', `p50 ${q.fts.p50} ms  p95 ${q.fts.p95} ms  max ${q.fts.max} ms  (${q.fts.n} queries)`]);
    rows.push(['broad texts (apart)', q.ftsBroad.map((x) => `${x.name} ${x.ms} ms (${x.total} documents)`).join('; ')]);
    rows.push(['facet counts', `p50 ${q.facets.p50} ms  p95 ${q.facets.p95} ms  max ${q.facets.max} ms`]);
    rows.push(['open a document', `p50 ${q.detail.p50} ms  p95 ${q.detail.p95} ms  max ${q.detail.max} ms`]);
    rows.push(['page of the table', `p50 ${q.pages.p50} ms  p95 ${q.pages.p95} ms  max ${q.pages.max} ms`]);
    const slow = [...q.fts.queries, ...q.pages.queries, ...q.facets.queries].sort((a, b) => b.ms - a.ms).slice(0, 3);
    rows.push(['slowest queries', slow.map((x) => `${x.name} ${x.ms} ms`).join('; ')]);
  }
  if (r.analysis) {
    const a = r.analysis;
    rows.push([
      'analysis of the search case',
      `${s(a.wallMs)}, ${a.documents} documents, ${a.findings} corpus findings, peak RSS ${(a.proc.peakRssBytes / 1e6).toFixed(0)} MB`,
    ]);
    for (const [k, v] of Object.entries(a.stages).sort((x, y) => y[1] - x[1])) rows.push([`  ${k}`, s(v)]);
  }
  if (r.ocr)
    rows.push([
      'OCR, one worker, A4 at 300 dpi',
      `${r.ocr.pagesPerSecondPerCore} pages/s per core (${r.ocr.pagesPerCpuSecond} per CPU-second), peak RSS ${(r.ocr.peakRssBytes / 1e6).toFixed(0)} MB`,
    ]);
  if (r.targets) {
    rows.push(['', '']);
    for (const [k, t] of Object.entries(r.targets))
      rows.push([`target ${k}`, `${t.value ?? '-'} (${t.target}) ${t.met === null ? 'not measured' : t.met ? 'MET' : 'NOT MET'}`]);
  }
  const w = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error)?.stack ?? e}\n`);
  process.exitCode = 1;
});
