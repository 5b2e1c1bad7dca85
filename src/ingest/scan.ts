// The scan coordinator: walks the dump, decides per file (skip unchanged, resume, start fresh),
// feeds the worker pool, and is the single writer of the case, committing what the workers send
// in batched transactions. Killed at any moment, the case holds only whole batches, and the file
// states in them say where to resume.

import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ScanProgress } from '../model/api.js';
import type { Limits } from '../model/limits.js';
import type { DocumentRecord } from '../model/ingest.js';
import { openCase, type Db } from '../store/db.js';
import { CaseWriter } from '../store/writer.js';
import { DEFAULT_LIMITS } from './limits.js';
import { WorkerPool, type WorkerSlot } from './pool.js';
import { TaskQueue } from './task-queue.js';
import type { FileTask, FromWorker } from './messages.js';
import { walkDump, type WalkProblem } from './walk.js';
import { ProgressTracker } from './progress.js';
import { documentId } from './locator.js';
import { errorFinding } from './process-file.js';
import { analyseInThread } from './analyse-thread.js';
import { loadDkimKeys } from './dkim-keys.js';
import { StageClock } from './stage-clock.js';

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
  workers?: number;
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  /** Worker module to run instead of ./worker.js (tests: a wrapper that simulates hangs and races). */
  workerEntry?: string;
  /** Milliseconds between progress reports. */
  progressIntervalMs?: number;
}

export class ScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanError';
  }
}

const BATCH_DOCS = 400;
/** A batch is also committed once it holds this much text: indexing text is the costly part of a
 *  commit, and a commit holds the engine's thread (queries from the app wait behind it). */
const BATCH_TEXT_CHARS = 2_000_000;
const BATCH_MS = 250;
/** Files queued ahead of the workers: the more the queue holds, the better largest-first can pick. */
const QUEUE_HIGH = 20_000;
/** Documents waiting for the writer beyond which workers are told to wait. */
const WRITER_BACKLOG = 2000;

type Op = () => void;

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

class Scan {
  private readonly writer: CaseWriter;
  private readonly progress = new ProgressTracker(randomUUID());
  private readonly queue = new TaskQueue();
  private ops: Op[] = [];
  private opsDocs = 0;
  private opsText = 0;
  /** Content sent by workers but not yet committed: sha -> extractor@version. */
  private pendingContent = new Map<string, string>();
  private scanId = 0;
  private walkDone = false;
  private pool!: WorkerPool;
  private changed = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private finish!: () => void;
  private fail!: (e: Error) => void;
  private waitingHas: { slot: WorkerSlot; msg: Extract<FromWorker, { t: 'has' }> }[] = [];
  private readonly taskByRel = new Map<string, FileTask>();
  /** Where the time went: the workers' stages (summed over workers) and the coordinator's own. */
  private readonly workerStages = new StageClock();
  private readonly mainStages = new StageClock();
  private poolState: 'idle' | 'starting' | 'started' = 'idle';
  /** How long the coordinator's thread was blocked at a time: in the app it also answers the UI's
   *  queries, so this is how long a query could wait behind the scan. */
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });

  constructor(
    private readonly db: Db,
    private readonly dumpRoot: string,
    private readonly limits: Limits,
    private readonly opts: ScanOptions,
  ) {
    this.writer = new CaseWriter(db);
  }

  async run(): Promise<ScanProgress> {
    this.loopDelay.enable();
    const now = new Date().toISOString();
    this.scanId = Number(
      this.db.prepare('INSERT INTO scans (dump_root, started_at, state) VALUES (?, ?, ?)').run(this.dumpRoot, now, 'running')
        .lastInsertRowid,
    );
    this.db
      .prepare("INSERT INTO case_meta (key, value) VALUES ('dump_root', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(this.dumpRoot);
    const dkimKeys = loadDkimKeys(this.db, this.opts.dkimKeysText);
    this.pool = new WorkerPool(
      Math.max(1, this.opts.workers ?? defaultWorkers()),
      { limits: this.limits, dkimKeys: [...dkimKeys], nowIso: now },
      {
        onMessage: (slot, msg) => this.onMessage(slot, msg),
        onDeath: (slot, task, reason, detail) => this.onDeath(slot, task, reason, detail),
      },
      this.opts.workerEntry,
    );
    // The workers start with the first file that needs extracting (see dispatch): a re-scan of an
    // unchanged dump then never pays for starting them and loading every extractor (seconds).
    const report = setInterval(() => this.report(), this.opts.progressIntervalMs ?? 250);
    report.unref();
    this.flushTimer = setInterval(() => this.flush(), BATCH_MS);
    this.flushTimer.unref();
    const onAbort = () => this.fail(new CancelledScan());
    this.opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const done = new Promise<void>((res, rej) => {
        this.finish = res;
        this.fail = rej;
      });
      this.progress.p.state = 'running';
      void this.feed().catch((e) => this.fail(e));
      await done;
      this.flush();
      await this.pool.close();
      this.progress.p.state = 'analysing';
      this.report();
      const removed = this.mainStages.time('remove-unseen', () => this.writer.removeUnseen(this.scanId));
      // Off this thread: the app's engine answers queries from it while a scan runs.
      const analysis = await analyseInThread(
        {
          caseFile: resolve(this.opts.caseFile),
          dkimKeys: [...dkimKeys],
          nowIso: now,
          force: this.changed > 0 || removed > 0,
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
      this.progress.p.state = 'done';
    } catch (e) {
      clearInterval(report);
      await this.pool.close();
      this.flush();
      const cancelled = e instanceof CancelledScan;
      this.progress.p.state = cancelled ? 'cancelled' : 'failed';
      this.progress.p.message = cancelled ? 'cancelled' : (e as Error).message;
      this.db
        .prepare('UPDATE scans SET finished_at = ?, state = ?, stats = ? WHERE id = ?')
        .run(new Date().toISOString(), this.progress.p.state, JSON.stringify(this.stats(this.progress.snapshot())), this.scanId);
      if (!cancelled) throw e;
      return this.progress.snapshot();
    } finally {
      clearInterval(report);
      if (this.flushTimer) clearInterval(this.flushTimer);
      this.opts.signal?.removeEventListener('abort', onAbort);
    }
    const final = this.progress.snapshot();
    this.db
      .prepare('UPDATE scans SET finished_at = ?, state = ?, stats = ? WHERE id = ?')
      .run(new Date().toISOString(), 'done', JSON.stringify(this.stats(final)), this.scanId);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.pragma('optimize');
    this.opts.onProgress?.(final);
    return final;
  }

  /** The progress as stored in scans.stats, with the per-stage times (milliseconds). */
  private stats(
    p: ScanProgress,
  ): ScanProgress & { stages: { worker: Record<string, number>; main: Record<string, number> }; engineThread: EngineThreadDelay } {
    this.loopDelay.disable();
    const ms = (ns: number) => Math.round(ns / 1e5) / 10;
    const engineThread = {
      maxBlockMs: ms(this.loopDelay.max),
      p99DelayMs: ms(this.loopDelay.percentile(99)),
      meanDelayMs: ms(this.loopDelay.mean),
    };
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
      const state = this.writer.fileState(f.rel);
      const unchanged = state && state.size === f.size && state.mtimeMs === f.mtimeMs;
      if (unchanged && state.state === 'done') {
        p.files.done++;
        p.files.skippedUnchanged++;
        p.bytes.done += f.size;
        this.ops.push(() => this.writer.keepFile(f.rel, this.scanId));
        continue;
      }
      const resume = !!(unchanged && state.state === 'partial');
      this.changed++;
      const task: FileTask = { ...f, skip: resume ? state!.checkpoint : 0 };
      this.ops.push(() => this.writer.beginFile(f.rel, f.size, f.mtimeMs, this.scanId, !resume));
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
    const locator = [{ type: 'file' as const, path: prob.rel }];
    const id = documentId(locator);
    const f = errorFinding(prob.code, prob.message, null);
    this.ops.push(() => {
      this.writer.recordFailure({
        documentId: id,
        path: prob.rel,
        stage: 'walk',
        code: prob.code,
        message: prob.message,
        at: new Date().toISOString(),
      });
      this.writer.writeDocument(placeholderRecord(id, prob.rel, locator, f), this.scanId);
      this.writer.finishFile(prob.rel, 0, 0, null, this.scanId);
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
      case 'has': {
        if (this.opsDocs > WRITER_BACKLOG) {
          // Backpressure: the writer is behind; answer after the next flush.
          this.waitingHas.push({ slot, msg });
          return;
        }
        this.answerHas(slot, msg);
        break;
      }
      case 'doc': {
        p.documents.extracted++;
        const rec = msg.rec;
        if (rec.content) this.pendingContent.set(rec.sha256, `${rec.content.extractor}@${rec.content.extractorVersion}`);
        const failures = [...(rec.content?.findings ?? []), ...rec.occurrenceFindings].filter(isFailure);
        if (failures.length) p.errors++;
        this.ops.push(() => {
          this.writer.writeDocument(rec, this.scanId);
          for (const f of failures) {
            this.writer.recordFailure({
              documentId: rec.id,
              path: rec.path,
              stage: 'extract',
              code: String(f.evidence.code ?? f.check),
              message: f.message,
              at: new Date().toISOString(),
            });
          }
          p.documents.indexed++;
          p.documents.analysed++;
        });
        this.opsDocs++;
        this.opsText += rec.content?.text.length ?? 0;
        if (this.opsDocs >= BATCH_DOCS || this.opsText >= BATCH_TEXT_CHARS) this.flush();
        break;
      }
      case 'checkpoint':
        this.ops.push(() => this.writer.checkpoint(msg.rel, msg.done));
        break;
      case 'file-done': {
        this.workerStages.merge(msg.stages);
        const task = this.taskByRel.get(msg.rel);
        this.taskByRel.delete(msg.rel);
        this.ops.push(() => this.writer.finishFile(msg.rel, task?.size ?? msg.bytes, task?.mtimeMs ?? 0, msg.sha256, this.scanId));
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
        const locator = [{ type: 'file' as const, path: msg.rel }];
        const id = documentId(locator);
        const f = errorFinding(msg.code, msg.message, null);
        this.ops.push(() => {
          this.writer.recordFailure({
            documentId: id,
            path: msg.rel,
            stage: 'read',
            code: msg.code,
            message: msg.message,
            at: new Date().toISOString(),
          });
          if (!this.writer.docRowid(id))
            this.writer.writeDocument(placeholderRecord(id, msg.rel, locator, f, task?.size ?? 0), this.scanId);
          this.writer.finishFile(msg.rel, task?.size ?? 0, task?.mtimeMs ?? 0, null, this.scanId);
        });
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

  private answerHas(slot: WorkerSlot, msg: Extract<FromWorker, { t: 'has' }>): void {
    const key = `${msg.extractor}@${msg.version}`;
    const yes = this.pendingContent.get(msg.sha256) === key || this.writer.hasContent(msg.sha256, msg.extractor, msg.version);
    slot.send({ t: 'has', req: msg.req, yes });
  }

  /** A worker died on a document: record the document with the reason and resume its file after it. */
  private onDeath(_slot: WorkerSlot, task: FileTask | null, reason: 'timeout' | 'limit-exceeded' | 'crashed', detail: string): void {
    const p = this.progress.p;
    const cur = _slot.current;
    if (task) {
      p.errors++;
      const what = cur ? cur.path : task.rel;
      const message =
        reason === 'timeout'
          ? `Extraction of ${what} was stopped after ${Math.round(this.limits.documentTimeoutMs / 1000)} s without progress (${detail}).`
          : reason === 'limit-exceeded'
            ? `Extraction of ${what} ran out of its memory limit (${this.limits.workerHeapMb} MB).`
            : `Extraction of ${what} crashed: ${detail}`;
      const f = errorFinding(reason, message, null);
      const rec: DocumentRecord = cur
        ? {
            id: cur.id,
            parentId: cur.parentId,
            rootPath: task.rel,
            path: cur.path,
            name: cur.name,
            locator: cur.locator,
            depth: cur.depth,
            sha256: cur.sha256,
            size: cur.size,
            topIndex: cur.topIndex,
            occurrence: [],
            occurrenceFindings: [f],
          }
        : placeholderRecord(documentId([{ type: 'file', path: task.rel }]), task.rel, [{ type: 'file', path: task.rel }], f, task.size);
      const nextSkip = cur && cur.topIndex >= 0 ? cur.topIndex + 1 : -1;
      this.ops.push(() => {
        // The blamed document's content may never have been extracted: give it a bare content row.
        if (!this.writer.hasAnyContent(rec.sha256)) rec.content = bareContent(rec.sha256, rec.size);
        this.writer.writeDocument(rec, this.scanId);
        this.writer.recordFailure({
          documentId: rec.id,
          path: rec.path,
          stage: 'extract',
          code: reason,
          message,
          at: new Date().toISOString(),
        });
        if (nextSkip < 0) this.writer.finishFile(task.rel, task.size, task.mtimeMs, null, this.scanId);
        else this.writer.checkpoint(task.rel, nextSkip);
      });
      this.flush();
      if (nextSkip >= 0) {
        this.queue.pushFront({ ...task, skip: nextSkip });
      } else {
        p.files.done++;
        p.bytes.done += task.size;
      }
    }
    this.dispatch();
  }

  private flush(): void {
    if (this.ops.length === 0) return;
    const ops = this.ops;
    this.ops = [];
    this.opsDocs = 0;
    this.opsText = 0;
    this.mainStages.time('commit', () =>
      this.writer.transaction(() => {
        for (const op of ops) op();
      }),
    );
    this.pendingContent.clear();
    const waiting = this.waitingHas;
    this.waitingHas = [];
    for (const w of waiting) this.answerHas(w.slot, w.msg);
  }
}

/** Findings that belong in the failure ledger: something could not be read, not a mere note. */
function isFailure(f: { check: string }): boolean {
  if (f.check === 'extract.warning' || f.check === 'ingest.duplicate-container') return false;
  return f.check.startsWith('extract.') || f.check.startsWith('ingest.');
}

/** Event-loop delay of the coordinator's thread over the scan (perf_hooks, 10 ms resolution). */
export interface EngineThreadDelay {
  maxBlockMs: number;
  p99DelayMs: number;
  meanDelayMs: number;
}

class CancelledScan extends Error {
  constructor() {
    super('scan cancelled');
  }
}

function bareContent(sha256: string, size: number) {
  return {
    sha256,
    kind: 'other' as const,
    mime: 'application/octet-stream',
    size,
    extractor: 'none',
    extractorVersion: -1,
    title: null,
    date: null,
    person: null,
    metadata: [],
    text: '',
    facts: {},
    findings: [],
  };
}

function placeholderRecord(
  id: string,
  rel: string,
  locator: DocumentRecord['locator'],
  f: DocumentRecord['occurrenceFindings'][number],
  size = 0,
): DocumentRecord {
  // A file that could not be read has no known bytes: it is recorded with the hash of no bytes.
  const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  return {
    id,
    parentId: null,
    rootPath: rel,
    path: rel,
    name: rel.split('/').pop() ?? rel,
    locator,
    depth: 0,
    sha256: EMPTY_SHA,
    size,
    topIndex: -1,
    occurrence: [],
    occurrenceFindings: [f],
    content: bareContent(EMPTY_SHA, 0),
  };
}
