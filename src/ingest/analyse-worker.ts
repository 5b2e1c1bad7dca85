// The analysis stage in its own thread: corpus checks, scores and search summaries read and write
// the whole case (seconds on a small dump, minutes at a million documents). Run on the engine's
// main thread they would stall every API request meanwhile (the app's engine serves queries from
// that thread); here it uses its own connection to the case (WAL: the engine's connection keeps
// reading) and reports back through messages.

import { parentPort, workerData } from 'node:worker_threads';
import { openCase } from '../store/db.js';
import { refreshSearchSummaries } from '../store/queries/summary.js';
import { analyseCase } from './analyse.js';
import { StageClock } from './stage-clock.js';
import type { AnalysisRequest, FromAnalysis } from './analyse-thread.js';

const req = workerData as AnalysisRequest;
const post = (m: FromAnalysis) => parentPort!.postMessage(m);
try {
  const db = openCase(req.caseFile);
  try {
    const clock = new StageClock();
    const r = req.analyse === false ? { ran: false, findings: 0 } : clock.time('analyse', () => analyseCase(db, { dkimKeys: new Map(req.dkimKeys), now: new Date(req.nowIso) }, { force: req.force, onProgress: (n) => post({ t: 'progress', analysed: n }) }));
    // Page positions, facet counts and common-word rankings for fast search on big cases.
    clock.time('search-summaries', () => refreshSearchSummaries(db));
    post({ t: 'done', ran: r.ran, findings: r.findings, stages: clock.snapshot() });
  } finally {
    db.close();
  }
} catch (e) {
  post({ t: 'error', message: (e as Error)?.stack ?? String(e) });
}
