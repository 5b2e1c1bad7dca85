// Starting the analysis thread (analyse-worker.ts) and waiting for it without blocking the caller.

import { Worker } from 'node:worker_threads';
import type { StageTimes } from './stage-clock.js';
import { siblingModule, threadEntry } from './thread-entry.js';
import type { DkimKey } from '../checks/types.js';

export interface AnalysisRequest {
  caseFile: string;
  dkimKeys: [string, DkimKey][];
  nowIso: string;
  force: boolean;
  /** False: only bring the search summaries up to date (after scores changed outside a scan). */
  analyse?: boolean;
  /** Threads for the corpus checks (1: all in the analysis thread). */
  threads?: number;
  /** V8 old-space limit of each check thread, in MB (default CHECK_THREAD_HEAP_MB). */
  checkThreadHeapMb?: number;
}

/**
 * Old-space limit of a check thread. Without one, V8 sizes a thread's heap for a 24 GB machine and
 * lets garbage pile up: on a 4 GB dump (153,000 documents) email.threads holds ~70 MB of live data
 * but peaked at 350 MB resident, and two such checks side by side took the scan past 1 GB. Under
 * this limit V8 collects sooner (200 MB, same speed). A check that truly needs more is not lost:
 * its thread runs out of memory and the analysis thread runs that check itself, without the limit.
 */
export const CHECK_THREAD_HEAP_MB = 256;

/** Stage-time prefix of a check rerun in the analysis thread after its thread ran out of memory
 *  (followed by the check's id). */
export const RERUN_STAGE = 'analyse:rerun-in-analysis-thread:';

export type FromAnalysis =
  { t: 'progress'; analysed: number } | { t: 'done'; ran: boolean; findings: number; stages: StageTimes } | { t: 'error'; message: string };

/** Run the corpus analysis and search summaries on `caseFile` in a worker thread. Aborting stops the
 *  thread: its one write transaction is rolled back, the case keeps the previous analysis. */
export function analyseInThread(
  req: AnalysisRequest,
  onProgress: (analysed: number) => void,
  signal?: AbortSignal,
): Promise<Extract<FromAnalysis, { t: 'done' }>> {
  const { code, eval: isEval } = threadEntry(siblingModule(import.meta.url, 'analyse-worker'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: isEval, workerData: req });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const onAbort = () =>
      settle(() => {
        void worker.terminate();
        reject(new Error(`analysis of ${req.caseFile} cancelled`));
      });
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('exit', () => signal?.removeEventListener('abort', onAbort));
    worker.on('message', (m: FromAnalysis) => {
      if (m.t === 'progress') onProgress(m.analysed);
      else if (m.t === 'done') settle(() => resolve(m));
      else settle(() => reject(new Error(`analysis of ${req.caseFile} failed: ${m.message}`)));
    });
    worker.on('error', (e) => settle(() => reject(new Error(`analysis of ${req.caseFile} failed: ${e.message}`))));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`analysis thread of ${req.caseFile} exited (code ${code}) before finishing`))),
    );
  });
}
