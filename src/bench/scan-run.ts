// One `verity scan --json-progress` in a child process, as a user runs it, watched from /proc, with the
// per-stage times the scan stored in its case (scans.stats).

import { fileURLToPath } from 'node:url';
import { openCase } from '../store/db.js';
import { lastScanStats } from '../store/scan-ledger.js';
import { caseFileBytes, documentsByKind } from '../store/queries/case-stats.js';
import type { ProcSummary } from './proc-sampler.js';
import { runWatchedChild } from './watched-child.js';
import type { EngineThreadDelay } from '../ingest/engine-thread.js';

export interface ScanRun {
  wallMs: number;
  exitCode: number | null;
  proc: ProcSummary;
  final: {
    files: { discovered: number; done: number; skippedUnchanged: number };
    bytes: { done: number };
    documents: { indexed: number };
    errors: number;
    elapsedMs: number;
  } | null;
  stages: { worker: Record<string, number>; main: Record<string, number> } | null;
  /** How long the scan's coordinator thread (the app's engine thread) was blocked at most / p99. */
  engineThread: EngineThreadDelay | null;
  documents: number;
  byKind: Record<string, number>;
  caseBytes: number;
}

export interface ScanRunOptions {
  workers?: number;
  /** Folder for V8 CPU profiles of the scan (node --cpu-prof), one per thread. */
  cpuProfDir?: string;
  log: (s: string) => void;
}

export async function runScanChild(dump: string, caseFile: string, opts: ScanRunOptions): Promise<ScanRun> {
  const bin = fileURLToPath(new URL('../../bin/verity.js', import.meta.url));
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const args = [
    ...nodeArgs,
    bin,
    'scan',
    dump,
    '--case',
    caseFile,
    '--json-progress',
    ...(opts.workers ? ['--workers', String(opts.workers)] : []),
  ];
  const t0 = performance.now();
  let final: ScanRun['final'] = null;
  let buf = '';
  let lastLog = 0;
  const { wallMs, proc } = await runWatchedChild('verity scan', args, (chunk) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        const j = JSON.parse(line) as {
          type: string;
          state: string;
          bytes: { done: number; discovered: number };
          documents: { indexed: number };
        };
        if (j.type === 'done') final = j as unknown as ScanRun['final'];
        else if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          opts.log(
            `  scan: ${j.state} ${(j.bytes.done / 1e6).toFixed(0)}/${(j.bytes.discovered / 1e6).toFixed(0)} MB, ${j.documents.indexed} documents (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
          );
        }
      } catch {
        /* not a progress line */
      }
    }
  });
  // A scan that fails throws above, with its stderr: what is recorded exited with 0.
  const exitCode = 0;
  const db = openCase(caseFile, { readonly: true });
  try {
    const stats = lastScanStats(db) as { stages?: ScanRun['stages']; engineThread?: EngineThreadDelay } | null;
    const byKind = documentsByKind(db);
    const documents = Object.values(byKind).reduce((s, n) => s + n, 0);
    return {
      wallMs,
      exitCode,
      proc,
      final,
      stages: stats?.stages ?? null,
      engineThread: stats?.engineThread ?? null,
      documents,
      byKind,
      caseBytes: caseFileBytes(db),
    };
  } finally {
    db.close();
  }
}
