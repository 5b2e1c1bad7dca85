// The scan's OCR stage: every PDF and image OCR has not looked at yet goes to a pool of OCR worker
// processes; each outcome is committed as it arrives, so an interrupted stage resumes where it stopped
// and a crash (even a native one) or a timeout costs one document, recorded as a failure (docs/ocr-stage.md).

import { totalmem } from 'node:os';
import { fork, type ChildProcess } from 'node:child_process';
import type { OcrProgress } from '../model/api.js';
import type { Db } from '../store/db.js';
import { CaseWriter } from '../store/writer.js';
import { ocrCandidates, recordOcrFailed, writeOcrOutcome, type OcrCandidate } from '../store/ocr.js';
import { scoreFindings } from '../checks/score.js';
import { siblingModule } from './thread-entry.js';
import { DEFAULT_OCR_LANGS } from '../extract/ocr/engine.js';
import { OCR_WORKER_INIT_ENV, type FromOcrWorker, type OcrJob, type OcrWorkerInit, type ToOcrWorker } from './ocr-messages.js';

/**
 * Resident memory of one OCR worker process at its peak (pdf.js, the page bitmap at 300 dpi and its
 * PNG, tesseract's WASM heap with the language models, which grows to the largest page): 537-548 MB
 * on an A4 page in the engine's bench (docs/ocr.md). The stage runs no more workers than half the
 * machine's memory holds at this size.
 */
const OCR_WORKER_RSS_MB = 550;
/** V8 old-space limit of an OCR worker process (pdf.js and the rendering; WASM is apart). */
const OCR_WORKER_HEAP_MB = 768;
interface OcrTimeouts {
  planMs: number;
  pageMs: number;
}
/** Time to open and plan one document, then per planned page, before it is a timeout. */
const OCR_TIMEOUTS: OcrTimeouts = { planMs: 60_000, pageMs: 120_000 };

export interface OcrStageOptions {
  db: Db;
  dumpRoot: string;
  langs: readonly string[];
  /** Worker processes wanted (bounded by memory and by the documents to OCR). */
  workers: number;
  signal?: AbortSignal;
  onProgress?: (p: OcrProgress) => void;
  /** Time to open and plan a document, and per page, before it is a timeout (tests: tiny ones). */
  timeouts?: OcrTimeouts;
  /** Worker module to run instead of ./ocr-worker.js (tests: a worker that crashes). */
  workerEntry?: string;
}

export interface OcrStageResult {
  progress: OcrProgress;
  /** Text or findings were added: the corpus checks, scores and search summaries are out of date. */
  changed: boolean;
}

class OcrStageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcrStageError';
  }
}

/** Workers the machine's memory holds at OCR_WORKER_RSS_MB each (half of it), at least one. */
function ocrWorkersForMemory(wanted: number, memoryBytes = totalmem()): number {
  return Math.max(1, Math.min(wanted, Math.floor(memoryBytes / 2 ** 20 / 2 / OCR_WORKER_RSS_MB)));
}

export async function runOcrStage(opts: OcrStageOptions): Promise<OcrStageResult> {
  return new OcrStage(opts).run();
}

interface Slot {
  worker: ChildProcess;
  job: OcrCandidate | null;
  started: number;
  deadline: number;
  dead: boolean;
}

class OcrStage {
  private readonly langs: string;
  private readonly queue: OcrCandidate[];
  private readonly progress: OcrProgress;
  private readonly writer: CaseWriter;
  private readonly slots: Slot[] = [];
  private readonly t0 = Date.now();
  private docsPlanned = 0;
  private changed = false;
  private settle!: { resolve: () => void; reject: (e: Error) => void };
  private watchdog: NodeJS.Timeout | undefined;
  private over = false;
  private readonly timeouts: OcrTimeouts;

  constructor(private readonly opts: OcrStageOptions) {
    this.timeouts = opts.timeouts ?? OCR_TIMEOUTS;
    this.langs = [...new Set(opts.langs.length ? opts.langs : DEFAULT_OCR_LANGS)].join('+');
    this.queue = ocrCandidates(opts.db);
    this.writer = new CaseWriter(opts.db);
    this.progress = {
      langs: this.langs,
      documents: { total: this.queue.length, done: 0, failed: 0 },
      pages: { done: 0, planned: 0 },
      pagesPerSecond: 0,
      etaSeconds: null,
    };
  }

  async run(): Promise<OcrStageResult> {
    this.report();
    if (this.queue.length === 0) return { progress: this.snapshot(), changed: false };
    this.opts.signal?.throwIfAborted();
    const n = Math.min(this.queue.length, ocrWorkersForMemory(Math.max(1, this.opts.workers)));
    const onAbort = () => this.fail(new OcrStageError('OCR cancelled'));
    this.opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await new Promise<void>((resolve, reject) => {
        this.settle = { resolve, reject };
        for (let i = 0; i < n; i++) this.spawn(i);
        this.watchdog = setInterval(() => this.checkTimeouts(), 1000);
        this.watchdog.unref();
      });
    } finally {
      this.over = true;
      clearInterval(this.watchdog);
      this.opts.signal?.removeEventListener('abort', onAbort);
      for (const s of this.slots) s.worker.kill('SIGKILL');
    }
    return { progress: this.snapshot(), changed: this.changed };
  }

  private spawn(index: number): void {
    const entry = this.opts.workerEntry ?? siblingModule(import.meta.url, 'ocr-worker');
    const init: OcrWorkerInit = { dumpRoot: this.opts.dumpRoot, langs: this.langs.split('+') };
    const worker = fork(entry, [], {
      // Under vitest the sources are TypeScript: tsx loads them in the child.
      execArgv: [`--max-old-space-size=${OCR_WORKER_HEAP_MB}`, ...(entry.endsWith('.ts') ? ['--import', 'tsx'] : [])],
      env: { ...process.env, [OCR_WORKER_INIT_ENV]: JSON.stringify(init) },
      // tesseract writes its notes to stdout and stderr: not the scan's to show.
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = { worker, job: null, started: 0, deadline: Infinity, dead: false };
    this.slots[index] = slot;
    worker.on('message', (m: FromOcrWorker) => this.onMessage(slot, m));
    worker.on('error', (e: Error) => this.onDeath(index, slot, 'crashed', e.message));
    worker.on('exit', (code, signal) =>
      this.onDeath(index, slot, 'crashed', signal ? `OCR worker killed by ${signal}` : `OCR worker exited with code ${code}`),
    );
  }

  private onMessage(slot: Slot, m: FromOcrWorker): void {
    if (this.over || slot.dead) return;
    switch (m.t) {
      case 'ready':
        this.next(slot);
        break;
      case 'fatal':
        this.fail(new OcrStageError(m.message));
        break;
      case 'planned':
        this.docsPlanned++;
        this.progress.pages.planned += m.pages;
        slot.deadline = slot.started + this.timeouts.planMs + this.timeouts.pageMs * m.pages;
        this.report();
        break;
      case 'done': {
        const job = slot.job!;
        const pages = m.result.pages.map((p) => ({
          page: p.page,
          text: p.text,
          confidence: p.confidence,
          reason: p.reason,
          ...(p.layerText ? { layerText: p.layerText } : {}),
        }));
        writeOcrOutcome(
          this.opts.db,
          {
            contentId: job.contentId,
            engine: m.result.engine,
            engineVersion: m.result.engineVersion,
            langs: m.result.langs,
            pages,
            checks: m.checks,
            at: new Date().toISOString(),
          },
          scoreFindings,
        );
        if (pages.some((p) => p.text.trim()) || m.checks.some((c) => c.findings.length)) this.changed = true;
        this.progress.pages.done += pages.length;
        this.progress.documents.done++;
        this.next(slot);
        break;
      }
      case 'failed':
        this.recordFailure(slot.job!, m.code, m.message);
        this.next(slot);
        break;
    }
  }

  /** A worker died: its document is a recorded failure, and a new worker takes the slot. */
  private onDeath(index: number, slot: Slot, code: string, detail: string): void {
    if (this.over || slot.dead) return;
    slot.dead = true;
    slot.worker.kill('SIGKILL');
    const job = slot.job;
    if (!job) {
      // No document to blame: the worker could not start at all.
      this.fail(new OcrStageError(`OCR worker could not start: ${detail}`));
      return;
    }
    this.recordFailure(job, code, `OCR of ${job.path}: ${detail}`);
    slot.job = null;
    if (this.queue.length) this.spawn(index);
    else this.maybeFinish();
  }

  private checkTimeouts(): void {
    const now = Date.now();
    this.slots.forEach((slot, i) => {
      if (!slot.dead && slot.job && now > slot.deadline) {
        this.onDeath(i, slot, 'timeout', `no result within the time allowed (${Math.round((now - slot.started) / 1000)} s)`);
      }
    });
  }

  private recordFailure(job: OcrCandidate, code: string, message: string): void {
    const at = new Date().toISOString();
    this.writer.commit(() => {
      this.writer.recordFailure({ documentId: job.documentId, path: job.path, stage: 'ocr', code, message, at });
      recordOcrFailed(this.opts.db, job.contentId, this.langs, at);
    });
    this.progress.documents.done++;
    this.progress.documents.failed++;
    this.report();
  }

  private next(slot: Slot): void {
    slot.job = this.queue.shift() ?? null;
    if (!slot.job) {
      slot.deadline = Infinity;
      this.report();
      this.maybeFinish();
      return;
    }
    slot.started = Date.now();
    slot.deadline = slot.started + this.timeouts.planMs;
    const { contentId, kind, path, locator } = slot.job;
    const job: OcrJob = { contentId, kind, path, locator };
    slot.worker.send({ t: 'job', job } satisfies ToOcrWorker);
    this.report();
  }

  private maybeFinish(): void {
    if (this.queue.length === 0 && this.slots.every((s) => s.dead || !s.job)) this.settle.resolve();
  }

  private fail(e: Error): void {
    if (this.over) return;
    this.over = true;
    this.settle.reject(e);
  }

  private snapshot(): OcrProgress {
    const p = this.progress;
    const seconds = (Date.now() - this.t0) / 1000;
    p.pagesPerSecond = seconds > 0 ? Math.round((p.pages.done / seconds) * 100) / 100 : 0;
    const left = p.documents.total - p.documents.done;
    if (left === 0) p.etaSeconds = 0;
    else if (p.pagesPerSecond > 0 && this.docsPlanned > 0) {
      const pagesPerDoc = p.pages.planned / this.docsPlanned;
      const pagesLeft = Math.max(0, p.pages.planned - p.pages.done) + (p.documents.total - this.docsPlanned) * pagesPerDoc;
      p.etaSeconds = Math.round(pagesLeft / p.pagesPerSecond);
    } else p.etaSeconds = null;
    return structuredClone(p);
  }

  private report(): void {
    this.opts.onProgress?.(this.snapshot());
  }
}
