// A worker thread that counts search totals (count-worker.ts) while the engine's thread ranks the
// result page (docs/api.md, "The count thread").

import { Worker } from 'node:worker_threads';
import type { SearchQuery } from '../model/api.js';
import type { TotalCounter } from '../store/queries/search.js';
import { siblingModule, threadEntry } from '../ingest/thread-entry.js';
import type { FromCounter, ToCounter } from './count-worker.js';

export class CountThread implements TotalCounter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  private closed = false;

  /** `uncached`: count afresh, as a thread that never saw this query would (benchmarks). */
  constructor(
    private readonly caseFile: string,
    private readonly opts: { uncached?: boolean } = {},
  ) {}

  count(query: SearchQuery): Promise<number> {
    if (this.closed) return Promise.reject(new Error(`count thread of ${this.caseFile} is closed`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const msg: ToCounter = { id, query, ...(this.opts.uncached ? { uncached: true } : {}) };
      const w = this.thread();
      // Held while a count is owed; idle, it must not keep a CLI process alive.
      w.ref();
      w.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    this.failAll(new Error(`count thread of ${this.caseFile} closed`));
    if (w) await w.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const { code, eval: isEval } = threadEntry(siblingModule(import.meta.url, 'count-worker'));
    const w = new Worker(code, { eval: isEval, workerData: { caseFile: this.caseFile } });
    w.on('message', (m: FromCounter) => {
      const waiter = this.waiting.get(m.id);
      if (!waiter) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) w.unref();
      if ('n' in m) waiter.resolve(m.n);
      else waiter.reject(new Error(m.error));
    });
    const lost = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.failAll(new Error(`count thread of ${this.caseFile} ${why}`));
    };
    w.on('error', (e) => lost(`failed: ${e.message}`));
    w.on('exit', (code) => lost(`exited (code ${code})`));
    this.worker = w;
    return w;
  }

  private failAll(e: Error): void {
    for (const { reject } of this.waiting.values()) reject(e);
    this.waiting.clear();
  }
}
