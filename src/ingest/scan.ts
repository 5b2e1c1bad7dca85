// The scan coordinator: walks the dump, feeds the worker pool largest file first, and is the single
// writer of the case, committing what the workers send in batches (docs/ingest.md).

import { availableParallelism } from 'node:os';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ScanProgress } from '../model/api.js';
import type { Limits } from '../model/limits.js';
import { openCase, type Db } from '../store/db.js';
import { CaseWriter } from '../store/writer.js';
import { FileLedger } from '../store/file-ledger.js';
import { beginScan, finishScan } from '../store/scan-ledger.js';
import { checkpointAndOptimize } from '../store/maintenance.js';
import { DEFAULT_LIMITS } from './limits.js';
import { WorkerPool, type WorkerSlot } from './pool.js';
import { TaskQueue } from './task-queue.js';
import type { FileTask, FromWorker } from './messages.js';
import { walkDump, type WalkProblem } from './walk.js';
import { ProgressTracker } from './progress.js';
import { analyseInThread } from './analyse-thread.js';
import { loadDkimKeys, type PublishedDkimKey } from './dkim-keys.js';
import type { DkimKeyTable } from '../checks/types.js';
import { StageClock } from './stage-clock.js';
import { CommitBatcher } from './commit-batcher.js';
import { KnownContent } from './known-content.js';
import { EngineThreadWatch, type EngineThreadDelay } from './engine-thread.js';
import { deathMessage, failuresOf, recordBlamed, recordUnreadable, writeExtracted, type DeathReason } from './failures.js';

/** Extraction workers and check threads when the caller does not say: one per core, at most 8. */
export function defaultWorkers(): number {
  return Math.min(availableParallelism(), 8);
}

export interface ScanOptions {
  dumpRoot: string;
  caseFile: string;
  resume?: boolean;
  /** Extra DKIM keys (key-file text) to import before the scan. */
  dkimKeysText?: string;
  /** Where that text came from, recorded as each key's source. */
  dkimKeysSource?: string;
  /** Public keys whose private halves are published (--dkim-published-keys), stored in the case before the scan. */
  dkimPublishedKeys?: PublishedDkimKey[];
  workers?: number;
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  /** Worker module to run instead of ./worker.js (tests: a wrapper that simulates hangs and races). */
  workerEntry?: string;
  /** Milliseconds between progress reports. */
  progressIntervalMs?: number;
  /** OCR as the last stage (default true); false loads nothing of OCR. */
  ocr?: boolean;
  /** Tesseract languages (default English and French). */
  ocrLangs?: readonly string[];
  /** Only the OCR stage and the analysis after it, on what earlier scans indexed (`verity ocr`). */
  ocrOnly?: boolean;
  /** Tests: the OCR worker module, and the time a document and a page may take. */
  ocrWorkerEntry?: string;
  ocrTimeouts?: { planMs: number; pageMs: number };
}

class ScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanError';
  }
}

/** Files queued ahead of the workers: the more the queue holds, the better largest-first can pick. */
const QUEUE_HIGH = 20_000;

export async function runScan(opts: ScanOptions): Promise<ScanProgress> {
  const dumpRoot = resolve(opts.dumpRoot);
  const st = await stat(dumpRoot).catch(() => null);
  if (!st) throw new ScanError(`The dump folder ${dumpRoot} does not exist.`);
  if (!st.isDirectory()) throw new ScanError(`The dump ${dumpRoot} is not a folder.`);
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  let db: Db;
  try {
    db = openCase(opts.caseFile);
  } catch (e) {
    throw new ScanError(`The case file ${opts.caseFile} cannot be opened for writing: ${(e as Error).message}`);
  }
  try {
    return await new Scan(db, dumpRoot, limits, opts).run();
  } finally {
    db.close();
  }
}

/** What scans.stats holds: the final progress, the per-stage times (milliseconds), the engine thread's delays. */
type ScanStats = ScanProgress & {
  stages: { worker: Record<string, number>; main: Record<string, number> };
  engineThread: EngineThreadDelay;
};

class Scan {
  private readonly writer: CaseWriter;
  private readonly files: FileLedger;
  private readonly batcher: CommitBatcher;
  private readonly known: KnownContent;
  private readonly progress = new ProgressTracker(randomUUID());
  private readonly queue = new TaskQueue();
  private scanId = 0;
  private walkDone = false;
  private pool!: WorkerPool;
  private changed = 0;
  private finish!: () => void;
  private fail!: (e: Error) => void;
  private readonly taskByRel = new Map<string, FileTask>();
  /** Where the time went: the workers' stages (summed over workers) and the coordinator's own. */
  private readonly workerStages = new StageClock();
  private readonly mainStages = new StageClock();
  private poolState: 'idle' | 'starting' | 'started' = 'idle';
  private readonly engineThread = new EngineThreadWatch();

  constructor(
    private readonly db: Db,
    private readonly dumpRoot: string,
    private readonly limits: Limits,
    private readonly opts: ScanOptions,
  ) {
    this.writer = new CaseWriter(db);
    this.files = new FileLedger(db);
    this.batcher = new CommitBatcher(
      (writes) => this.writer.commit(writes),
      this.mainStages,
      () => this.known.committed(),
    );
    this.known = new KnownContent(this.writer, () => this.batcher.pendingDocuments);
  }

  async run(): Promise<ScanProgress> {
    this.engineThread.start();
    const now = new Date().toISOString();
    this.scanId = beginScan(this.db, this.dumpRoot, now);
    const dkimKeys = loadDkimKeys(this.db, this.opts.dkimKeysText, this.opts.dkimKeysSource, this.opts.dkimPublishedKeys);
    this.pool = new WorkerPool(
      Math.max(1, this.opts.workers ?? defaultWorkers()),
      { limits: this.limits, dkimKeys: [...dkimKeys], nowIso: now },
      {
        onMessage: (slot, msg) => this.onMessage(slot, msg),
        onDeath: (slot, task, reason, detail) => this.onDeath(slot, task, reason, detail),
        onRecycled: () => this.dispatch(),
      },
      this.opts.workerEntry,
    );
    // The workers start with the first file that needs extracting (see dispatch): a re-scan of an
    // unchanged dump then never pays for starting them and loading every extractor (seconds).
    const report = setInterval(() => this.report(), this.opts.progressIntervalMs ?? 250);
    report.unref();
    this.batcher.start();
    const onAbort = () => this.fail(new CancelledScan());
    this.opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const done = new Promise<void>((res, rej) => {
        this.finish = res;
        this.fail = rej;
      });
      if (this.opts.ocrOnly) {
        // Nothing walked: the finished files are those of the scans before.
        this.walkDone = true;
        this.progress.p.walkComplete = true;
        this.finish();
      } else {
        this.progress.p.state = 'running';
        void this.feed().catch((e) => this.fail(e));
      }
      await done;
      this.batcher.flush();
      await this.pool.close();
      if (!this.opts.ocrOnly) {
        this.progress.p.state = 'analysing';
        this.report();
        const removed = this.mainStages.time('remove-unseen', () => this.files.removeUnseen(this.scanId));
        await this.analyse(dkimKeys, now, this.changed > 0 || removed > 0);
      }
      // Last: the documents are searchable and checked before OCR starts.
      if (this.opts.ocr !== false && (await this.ocr())) await this.analyse(dkimKeys, now, true);
      this.progress.p.state = 'done';
    } catch (e) {
      clearInterval(report);
      await this.pool.close();
      this.batcher.flush();
      const cancelled = e instanceof CancelledScan;
      this.progress.p.state = cancelled ? 'cancelled' : 'failed';
      this.progress.p.message = cancelled ? 'cancelled' : (e as Error).message;
      finishScan(this.db, this.scanId, this.progress.p.state, this.stats(this.progress.snapshot()));
      if (!cancelled) throw e;
      return this.progress.snapshot();
    } finally {
      clearInterval(report);
      this.batcher.stop();
      this.opts.signal?.removeEventListener('abort', onAbort);
    }
    const final = this.progress.snapshot();
    finishScan(this.db, this.scanId, 'done', this.stats(final));
    checkpointAndOptimize(this.db);
    this.opts.onProgress?.(final);
    return final;
  }

  /** Corpus checks, scores and search summaries, off this thread: the app's engine answers queries
   *  from it while a scan runs. */
  private async analyse(dkimKeys: DkimKeyTable, now: string, force: boolean): Promise<void> {
    this.progress.p.state = 'analysing';
    this.report();
    const analysis = await analyseInThread(
      {
        caseFile: resolve(this.opts.caseFile),
        dkimKeys: [...dkimKeys],
        nowIso: now,
        force,
        threads: this.opts.workers ?? defaultWorkers(),
      },
      (n) => {
        this.progress.p.documents.analysed = n;
        this.report();
      },
      this.opts.signal,
    ).catch((e: Error) => {
      throw this.opts.signal?.aborted ? new CancelledScan() : e;
    });
    this.mainStages.merge(analysis.stages);
  }

  /** The OCR stage (loaded only when it runs). True when it added text or findings. */
  private async ocr(): Promise<boolean> {
    this.progress.p.state = 'ocr';
    const t0 = performance.now();
    const [{ runOcrStage }, { DEFAULT_OCR_LANGS }] = await Promise.all([import('./ocr-stage.js'), import('../extract/ocr/engine.js')]);
    const r = await runOcrStage({
      db: this.db,
      dumpRoot: this.dumpRoot,
      langs: this.opts.ocrLangs ?? DEFAULT_OCR_LANGS,
      workers: this.opts.workers ?? defaultWorkers(),
      signal: this.opts.signal,
      onProgress: (o) => (this.progress.p.ocr = o),
      ...(this.opts.ocrWorkerEntry ? { workerEntry: this.opts.ocrWorkerEntry } : {}),
      ...(this.opts.ocrTimeouts ? { timeouts: this.opts.ocrTimeouts } : {}),
    }).catch((e: Error) => {
      throw this.opts.signal?.aborted ? new CancelledScan() : e;
    });
    this.progress.p.ocr = r.progress;
    this.mainStages.add('ocr', performance.now() - t0);
    return r.changed;
  }

  /** The progress as stored in scans.stats, with the per-stage times (milliseconds). */
  private stats(p: ScanProgress): ScanStats {
    const engineThread = this.engineThread.stop();
    return { ...p, stages: { worker: this.workerStages.snapshot(), main: this.mainStages.snapshot() }, engineThread };
  }

  private report(): void {
    this.opts.onProgress?.(this.progress.snapshot());
  }

  /** Walk the dump and queue the files that need work. */
  private async feed(): Promise<void> {
    const p = this.progress.p;
    for await (const f of walkDump(this.dumpRoot, (prob) => this.onWalkProblem(prob))) {
      p.files.discovered++;
      p.bytes.discovered += f.size;
      const decision = this.files.decide(f);
      if (decision.action === 'keep') {
        p.files.done++;
        p.files.skippedUnchanged++;
        p.bytes.done += f.size;
        this.batcher.push(() => this.files.keep(f.rel, this.scanId));
        continue;
      }
      const resume = decision.action === 'resume';
      this.changed++;
      const task: FileTask = { ...f, skip: resume ? decision.skip : 0 };
      this.batcher.push(() => this.files.begin(f.rel, f.size, f.mtimeMs, this.scanId, !resume));
      this.queue.push(task);
      this.dispatch();
      while (this.queue.length > QUEUE_HIGH) await new Promise((r) => setTimeout(r, 20));
    }
    p.walkComplete = true;
    this.walkDone = true;
    this.dispatch();
  }

  private onWalkProblem(prob: WalkProblem): void {
    const p = this.progress.p;
    p.errors++;
    p.documents.discovered++;
    this.batcher.push(() => {
      recordUnreadable(this.writer, this.files, this.scanId, {
        rel: prob.rel,
        stage: 'walk',
        code: prob.code,
        message: prob.message,
        size: 0,
        mtimeMs: 0,
      });
      p.documents.indexed++;
    });
  }

  private dispatch(): void {
    if (this.queue.length && this.poolState !== 'started') {
      if (this.poolState === 'idle') {
        this.poolState = 'starting';
        this.pool.start().then(
          () => {
            this.poolState = 'started';
            this.dispatch();
          },
          (e: Error) => this.fail(e),
        );
      }
      return;
    }
    for (let slot = this.pool.idle(); slot && this.queue.length; slot = this.pool.idle()) {
      const task = this.queue.shift()!;
      this.taskByRel.set(task.rel, task);
      this.progress.p.currentFile = task.rel;
      this.pool.assign(slot, task);
    }
    if (this.walkDone && this.queue.length === 0 && !this.pool.busy()) this.finish();
  }

  private onMessage(slot: WorkerSlot, msg: FromWorker): void {
    const p = this.progress.p;
    switch (msg.t) {
      case 'begin':
        p.documents.discovered++;
        break;
      case 'has':
        this.known.ask(slot, msg);
        break;
      case 'doc': {
        p.documents.extracted++;
        const rec = msg.rec;
        this.known.sent(rec);
        const failures = failuresOf(rec);
        if (failures.length) p.errors++;
        this.batcher.pushDocument(() => {
          writeExtracted(this.writer, rec, failures, this.scanId);
          p.documents.indexed++;
          p.documents.analysed++;
        }, rec.content?.text.length ?? 0);
        break;
      }
      case 'checkpoint':
        this.batcher.push(() => this.files.checkpoint(msg.rel, msg.done));
        break;
      case 'file-done': {
        this.workerStages.merge(msg.stages);
        const task = this.taskByRel.get(msg.rel);
        this.taskByRel.delete(msg.rel);
        this.batcher.push(() => this.files.finish(msg.rel, task?.size ?? msg.bytes, task?.mtimeMs ?? 0, msg.sha256, this.scanId));
        p.files.done++;
        p.bytes.done += task?.size ?? msg.bytes;
        slot.task = null;
        this.dispatch();
        break;
      }
      case 'file-failed': {
        const task = this.taskByRel.get(msg.rel);
        this.taskByRel.delete(msg.rel);
        p.errors++;
        this.batcher.push(() =>
          recordUnreadable(this.writer, this.files, this.scanId, {
            rel: msg.rel,
            stage: 'read',
            code: msg.code,
            message: msg.message,
            size: task?.size ?? 0,
            mtimeMs: task?.mtimeMs ?? 0,
            keepExisting: true,
          }),
        );
        p.files.done++;
        p.bytes.done += task?.size ?? 0;
        slot.task = null;
        this.dispatch();
        break;
      }
      case 'ready':
        break;
    }
  }

  /** A worker died on a document: record the document with the reason and resume its file after it. */
  private onDeath(slot: WorkerSlot, task: FileTask | null, reason: DeathReason, detail: string): void {
    const p = this.progress.p;
    const cur = slot.current;
    if (task) {
      p.errors++;
      const message = deathMessage(reason, cur ? cur.path : task.rel, this.limits, detail);
      const nextSkip = cur && cur.topIndex >= 0 ? cur.topIndex + 1 : -1;
      this.batcher.push(() => {
        if (cur) recordBlamed(this.writer, this.files, this.scanId, task, cur, reason, message, nextSkip);
        // Nothing extracted yet: the file itself is what could not be read.
        else
          recordUnreadable(this.writer, this.files, this.scanId, {
            rel: task.rel,
            stage: 'extract',
            code: reason,
            message,
            size: task.size,
            mtimeMs: task.mtimeMs,
          });
      });
      this.batcher.flush();
      if (nextSkip >= 0) {
        this.queue.pushFront({ ...task, skip: nextSkip });
      } else {
        p.files.done++;
        p.bytes.done += task.size;
      }
    }
    this.dispatch();
  }
}

class CancelledScan extends Error {
  constructor() {
    super('scan cancelled');
  }
}
