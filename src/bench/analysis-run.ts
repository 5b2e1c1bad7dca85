// The analysis at a million documents (the part of a scan whose memory grows with the dump), on a copy
// of the synthetic search case in a watched child process (docs/bench.md).

import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openCase } from '../store/db.js';
import { documentCount } from '../store/queries/case-stats.js';
import { defaultWorkers } from '../ingest/scan.js';
import type { ProcSummary } from './proc-sampler.js';
import { runWatchedChild } from './watched-child.js';

export interface AnalysisRun {
  documents: number;
  wallMs: number;
  proc: ProcSummary;
  findings: number;
  stages: Record<string, number>;
}

export async function runAnalysisBench(caseFile: string, log: (s: string) => void): Promise<AnalysisRun> {
  const copy = `${caseFile}.analysis`;
  const files = [copy, `${copy}-wal`, `${copy}-shm`];
  for (const f of files) rmSync(f, { force: true });
  // The case was closed by the search benchmark, so its WAL is folded in: the main file is the case.
  copyFileSync(caseFile, copy);
  try {
    const db = openCase(copy, { readonly: true });
    const documents = documentCount(db);
    db.close();
    const t0 = performance.now();
    let out = '';
    const timer = setInterval(() => log(`  analysis: ${((performance.now() - t0) / 1000).toFixed(0)} s`), 30_000);
    const child = fileURLToPath(new URL('./analysis-child.js', import.meta.url));
    const { wallMs, proc } = await runWatchedChild(
      'analysis child',
      [child, copy, String(defaultWorkers())],
      (chunk) => (out += chunk),
    ).finally(() => clearInterval(timer));
    const r = JSON.parse(out) as { findings: number; stages: Record<string, number> };
    return { documents, wallMs, proc, findings: r.findings, stages: r.stages };
  } finally {
    for (const f of files) rmSync(f, { force: true });
  }
}
