// Starting the analysis thread (analyse-worker.ts) and waiting for it without blocking the caller.

import { Worker } from 'node:worker_threads';
import type { StageTimes } from './stage-clock.js';
import { siblingModule, threadEntry } from './thread-entry.js';

export interface AnalysisRequest {
  caseFile: string;
  dkimKeys: [string, string][];
  nowIso: string;
  force: boolean;
  /** False: only bring the search summaries up to date (after scores changed outside a scan). */
  analyse?: boolean;
  /** Threads for the corpus checks (1: all in the analysis thread). */
  threads?: number;
}

export type FromAnalysis =
  | { t: 'progress'; analysed: number }
  | { t: 'done'; ran: boolean; findings: number; stages: StageTimes }
  | { t: 'error'; message: string };

/** Run the corpus analysis and search summaries on `caseFile` in a worker thread. Aborting stops the
 *  thread: its one write transaction is rolled back, the case keeps the previous analysis. */
export function analyseInThread(req: AnalysisRequest, onProgress: (analysed: number) => void, signal?: AbortSignal): Promise<Extract<FromAnalysis, { t: 'done' }>> {
  const { code, eval: isEval } = threadEntry(siblingModule(import.meta.url, 'analyse-worker'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: isEval, workerData: req });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const onAbort = () => settle(() => {
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
    worker.on('exit', (code) => settle(() => reject(new Error(`analysis thread of ${req.caseFile} exited (code ${code}) before finishing`))));
  });
}
