// Messages between the OCR stage (ocr-stage.ts) and its worker processes (ocr-worker.ts).

import type { Finding, Locator } from '../model/document.js';
import type { OcrFileResult } from '../extract/ocr/types.js';

/** The environment variable that hands a worker process its OcrWorkerInit (JSON). */
export const OCR_WORKER_INIT_ENV = 'VERITY_OCR_WORKER_INIT';

export interface OcrWorkerInit {
  dumpRoot: string;
  /** Tesseract language codes, e.g. ['eng', 'fra']. */
  langs: string[];
}

export interface OcrJob {
  contentId: number;
  kind: 'pdf' | 'image';
  path: string;
  locator: Locator;
}

export type ToOcrWorker = { t: 'job'; job: OcrJob };

export type FromOcrWorker =
  /** The engine started (its language data loaded). */
  | { t: 'ready' }
  /** The engine could not start (language data missing): the whole stage fails with this. */
  | { t: 'fatal'; message: string }
  /** The job's plan: how many pages will be recognised (0: nothing to OCR). */
  | { t: 'planned'; contentId: number; pages: number }
  /** The recognised pages, and the findings of each OCR check run on them (all of that check's
   *  findings on this content: [] clears earlier ones). */
  | { t: 'done'; contentId: number; result: OcrFileResult; checks: { check: string; findings: Finding[] }[] }
  | { t: 'failed'; contentId: number; code: string; message: string };
