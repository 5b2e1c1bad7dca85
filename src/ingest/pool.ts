// A pool of extraction workers with a watchdog: a worker silent on one document for longer
// than the limit is terminated and replaced, and the document is blamed with a timeout. A worker
// that asks to be recycled (its WASM heap trapped or grew) is replaced once its file is over.

import { Worker } from 'node:worker_threads';
import { siblingModule, threadEntry } from './thread-entry.js';
import type { FileTask, FromWorker, ToWorker, WorkerInit } from './messages.js';

export interface WorkerEvents {
  onMessage(slot: WorkerSlot, msg: FromWorker): void;
  /** The worker died (timeout, out of memory, crash) while on `task`. */
  onDeath(slot: WorkerSlot, task: FileTask | null, reason: 'timeout' | 'limit-exceeded' | 'crashed', detail: string): void;
  /** A worker was replaced between two files at its own request; the new one is ready for a task. */
  onRecycled(slot: WorkerSlot, reason: string): void;
}

export class WorkerSlot {
  task: FileTask | null = null;
  lastBeat = Date.now();
  current: Extract<FromWorker, { t: 'begin' }> | null = null;
  dead = false;
  /** Why the worker asked to be replaced after its current file. */
  retiring: string | null = null;
  constructor(
    readonly index: number,
    readonly worker: Worker,
  ) {}
  send(msg: ToWorker): void {
    if (!this.dead) this.worker.postMessage(msg);
  }
}

/** The extraction worker's module (tests may substitute a wrapper). */
function workerEntry(override?: string): { code: string | URL; eval: boolean } {
  return threadEntry(override ?? siblingModule(import.meta.url, 'worker'));
}

export class WorkerPool {
  readonly slots: WorkerSlot[] = [];
  private watchdog: NodeJS.Timeout | null = null;
  private closed = false;
  /** Workers replaced at their own request so far. */
  recycled = 0;

  /** `entry` replaces the worker module (tests wrap the real worker to simulate hangs and races). */
  constructor(
    private readonly size: number,
    private readonly init: WorkerInit,
    private readonly events: WorkerEvents,
    private readonly entry?: string,
  ) {}

  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, (_, i) => this.spawn(i)));
    this.watchdog = setInterval(() => this.checkTimeouts(), 1000);
    this.watchdog.unref();
  }

  private spawn(index: number): Promise<void> {
    const { code, eval: isEval } = workerEntry(this.entry);
    const worker = new Worker(code, {
      eval: isEval,
      workerData: this.init,
      resourceLimits: { maxOldGenerationSizeMb: this.init.limits.workerHeapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
    });
    const slot = new WorkerSlot(index, worker);
    this.slots[index] = slot;
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (msg: FromWorker) => {
        if (msg.t === 'ready') {
          ready = true;
          resolve();
          return;
        }
        slot.lastBeat = Date.now();
        if (msg.t === 'recycle') {
          slot.retiring = msg.reason;
          return;
        }
        if (msg.t === 'begin') slot.current = msg;
        this.events.onMessage(slot, msg);
        if (slot.retiring && (msg.t === 'file-done' || msg.t === 'file-failed')) this.recycle(slot);
      });
      worker.on('error', (e: Error & { code?: string }) => {
        if (!ready) return reject(e);
        if (slot.dead) return;
        slot.dead = true;
        const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
        this.replace(slot, oom ? 'limit-exceeded' : 'crashed', e.message);
      });
      worker.on('exit', (code) => {
        if (!ready) return reject(new Error(`extraction worker exited with code ${code} before starting`));
        if (slot.dead || this.closed) return;
        slot.dead = true;
        this.replace(slot, 'crashed', `worker exited with code ${code}`);
      });
    });
  }

  private replace(slot: WorkerSlot, reason: 'timeout' | 'limit-exceeded' | 'crashed', detail: string): void {
    const task = slot.task;
    slot.task = null;
    void slot.worker.terminate();
    if (this.closed) return;
    this.spawn(slot.index)
      .then(() => this.events.onDeath(slot, task, reason, detail))
      .catch((e) => this.events.onDeath(slot, task, 'crashed', `could not restart worker: ${e}`));
  }

  /** Replace a worker between files (its task is over: nothing is blamed). */
  private recycle(slot: WorkerSlot): void {
    const reason = slot.retiring ?? 'asked';
    slot.dead = true;
    void slot.worker.terminate();
    if (this.closed) return;
    this.recycled++;
    this.spawn(slot.index)
      .then(() => this.events.onRecycled(slot, reason))
      .catch((e) => {
        if (!this.closed) this.events.onDeath(slot, null, 'crashed', `could not restart worker: ${e}`);
      });
  }

  private checkTimeouts(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot && !slot.dead && slot.task && now - slot.lastBeat > this.init.limits.documentTimeoutMs) {
        slot.dead = true;
        this.replace(slot, 'timeout', `no progress for ${Math.round((now - slot.lastBeat) / 1000)} s`);
      }
    }
  }

  idle(): WorkerSlot | undefined {
    return this.slots.find((s) => s && !s.dead && !s.task && !s.retiring);
  }

  busy(): boolean {
    return this.slots.some((s) => s && s.task);
  }

  assign(slot: WorkerSlot, task: FileTask): void {
    slot.task = task;
    slot.current = null;
    slot.lastBeat = Date.now();
    slot.send({ t: 'task', task });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    await Promise.all(this.slots.map((s) => s?.worker.terminate()));
  }
}
