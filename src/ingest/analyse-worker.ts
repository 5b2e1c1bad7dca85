// The analysis thread: corpus checks (in check threads when there are cores for them), scores and
// search summaries, on its own connection so the engine's thread keeps answering (docs/ingest.md).

import { parentPort, Worker, workerData } from 'node:worker_threads';
import { openCase, type Db } from '../store/db.js';
import { refreshSearchSummaries } from '../store/queries/summary-build.js';
import { removeOrphanContent } from '../store/writer.js';
import type { CorpusFinding } from '../store/corpus-analysis.js';
import { documentCount } from '../store/queries/case-stats.js';
import { checkpointWal } from '../store/maintenance.js';
import { CORPUS_CHECKS } from '../checks/registry.js';
import type { CheckContext, DkimKey } from '../checks/types.js';
import { analysisNeeded, corpusFindings, writeAnalysis } from './analyse.js';
import { StageClock } from './stage-clock.js';
import { siblingModule, threadEntry } from './thread-entry.js';
import { CHECK_THREAD_HEAP_MB, RERUN_STAGE, type AnalysisRequest, type FromAnalysis } from './analyse-thread.js';

/** Between the analysis thread and a check thread. */
type ToChecks = { t: 'run'; id: string } | { t: 'stop' };
type FromChecks = { t: 'next' } | { t: 'found'; id: string; found: CorpusFinding[] } | { t: 'error'; message: string };
interface ChecksData {
  mode: 'checks';
  caseFile: string;
  dkimKeys: [string, DkimKey][];
  nowIso: string;
}

/**
 * Check threads at most, whatever the cores. Each may grow to its heap limit (CHECK_THREAD_HEAP_MB),
 * so memory grows with the thread count; time does not shrink past four. On the 1M-document case the
 * checks alone take 67, 58, 34, 24, 23, 12, 9, 5 and 4 s: four threads finish with the longest (67 s),
 * as eight would.
 */
const MAX_CHECK_THREADS = 4;

/** The costliest checks first, so the last one to finish is a cheap one. */
const COSTLY_FIRST = ['text.near-duplicate', 'email.sender-habits', 'email.threads'];

function checkContext(d: { dkimKeys: [string, DkimKey][]; nowIso: string }): CheckContext {
  return { dkimKeys: new Map(d.dkimKeys), now: new Date(d.nowIso) };
}

function runCheckThread(d: ChecksData): void {
  const port = parentPort!;
  // Each check streams the case once: a small page cache (64 MB each would be resident for nothing).
  const db = openCase(d.caseFile, { readonly: true, cacheMb: 8 });
  const ctx = checkContext(d);
  port.on('message', (m: ToChecks) => {
    if (m.t === 'stop') {
      db.close();
      port.close();
      return;
    }
    try {
      const check = CORPUS_CHECKS.find((c) => c.id === m.id)!;
      port.postMessage({ t: 'found', id: m.id, found: corpusFindings(db, ctx, [check]) } satisfies FromChecks);
    } catch (e) {
      port.postMessage({ t: 'error', message: `${m.id}: ${(e as Error)?.stack ?? e}` } satisfies FromChecks);
    }
  });
  port.postMessage({ t: 'next' } satisfies FromChecks);
}

/** Worker's error code when it passed its resourceLimits. */
const OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * Run every corpus check in `threads` check threads; findings in registry order. A check whose
 * thread runs out of memory (see CHECK_THREAD_HEAP_MB), and any check left when no thread is,
 * runs here in the analysis thread instead; `rerunMs` is the time each of those took.
 */
async function findingsInThreads(
  req: AnalysisRequest,
  threads: number,
  db: Db,
): Promise<{ found: CorpusFinding[]; rerunMs: Record<string, number> }> {
  const queue = [
    ...COSTLY_FIRST.filter((id) => CORPUS_CHECKS.some((c) => c.id === id)),
    ...CORPUS_CHECKS.map((c) => c.id).filter((id) => !COSTLY_FIRST.includes(id)),
  ];
  const byCheck = new Map<string, CorpusFinding[]>();
  const outOfMemory: string[] = [];
  const { code, eval: isEval } = threadEntry(siblingModule(import.meta.url, 'analyse-worker'));
  const data: ChecksData = { mode: 'checks', caseFile: req.caseFile, dkimKeys: req.dkimKeys, nowIso: req.nowIso };
  const maxOldGenerationSizeMb = req.checkThreadHeapMb ?? CHECK_THREAD_HEAP_MB;
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(code, { eval: isEval, workerData: data, resourceLimits: { maxOldGenerationSizeMb } });
          let done = false;
          let running: string | undefined;
          const give = () => {
            running = queue.shift();
            if (running) w.postMessage({ t: 'run', id: running } satisfies ToChecks);
            else {
              done = true;
              w.postMessage({ t: 'stop' } satisfies ToChecks);
              resolve();
            }
          };
          w.on('message', (m: FromChecks) => {
            if (m.t === 'found') byCheck.set(m.id, m.found);
            if (m.t === 'error') {
              done = true;
              reject(new Error(`corpus check failed: ${m.message}`));
              void w.terminate();
              return;
            }
            give();
          });
          w.on('error', (e: Error & { code?: string }) => {
            if (e.code !== OUT_OF_MEMORY || done) return reject(e);
            done = true;
            if (running) outOfMemory.push(running);
            resolve();
          });
          w.on('exit', (c) => {
            if (!done) reject(new Error(`check thread exited (code ${c}) before finishing`));
          });
        }),
    ),
  );
  // What no thread could run: the checks that ran out of memory, then any still queued.
  const rerun = [...outOfMemory, ...queue];
  const rerunMs: Record<string, number> = {};
  for (const id of rerun) {
    const t0 = performance.now();
    byCheck.set(id, corpusFindings(db, checkContext(req), [CORPUS_CHECKS.find((c) => c.id === id)!]));
    rerunMs[id] = performance.now() - t0;
  }
  return { found: CORPUS_CHECKS.flatMap((c) => byCheck.get(c.id) ?? []), rerunMs };
}

async function runAnalysis(req: AnalysisRequest): Promise<void> {
  const post = (m: FromAnalysis) => parentPort!.postMessage(m);
  const db = openCase(req.caseFile);
  try {
    const clock = new StageClock();
    let ran = false;
    let findings = 0;
    // Something changed: content no document uses any more goes first (its findings would count).
    if (req.force) clock.time('remove-orphans', () => removeOrphanContent(db));
    if (req.analyse !== false && analysisNeeded(db, req.force)) {
      const threads = Math.max(1, Math.min(req.threads ?? 1, CORPUS_CHECKS.length, MAX_CHECK_THREADS));
      const t0 = performance.now();
      let found: CorpusFinding[];
      if (threads > 1) {
        const r = await findingsInThreads(req, threads, db);
        found = r.found;
        // Kept with the scan's stage times, by check: a check that outgrew its thread is worth knowing of.
        for (const [id, ms] of Object.entries(r.rerunMs)) clock.add(`${RERUN_STAGE}${id}`, ms);
      } else found = corpusFindings(db, checkContext(req));
      clock.add('analyse:corpus-checks', performance.now() - t0);
      findings = clock.time('analyse:write-scores', () => writeAnalysis(db, found));
      ran = true;
    }
    post({ t: 'progress', analysed: documentCount(db) });
    // Page positions, facet counts and common-word rankings for fast search on big cases.
    clock.time('search-summaries', () => refreshSearchSummaries(db));
    // Fold the analysis's writes into the case file here, not on the engine's thread afterwards.
    clock.time('checkpoint', () => checkpointWal(db));
    post({ t: 'done', ran, findings, stages: clock.snapshot() });
  } finally {
    db.close();
  }
}

const data = workerData as AnalysisRequest | ChecksData;
if ('mode' in data && data.mode === 'checks') runCheckThread(data);
else {
  runAnalysis(data as AnalysisRequest).catch((e: Error) =>
    parentPort!.postMessage({ t: 'error', message: e?.stack ?? String(e) } satisfies FromAnalysis),
  );
}
