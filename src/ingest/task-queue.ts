// The coordinator's queue of files waiting for a worker: largest first, so a big mailbox does not run
// alone at the end (docs/ingest.md, "Schedule"); a resumed file goes before everything.

import type { FileTask } from './messages.js';

export class TaskQueue {
  /** Max-heap by size. */
  private readonly heap: FileTask[] = [];
  private readonly urgent: FileTask[] = [];

  get length(): number {
    return this.heap.length + this.urgent.length;
  }

  push(t: FileTask): void {
    const h = this.heap;
    h.push(t);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  /** Goes out next (a resumed file). */
  pushFront(t: FileTask): void {
    this.urgent.unshift(t);
  }

  shift(): FileTask | undefined {
    if (this.urgent.length) return this.urgent.shift();
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Larger first; equal sizes in path order, so the order does not depend on the walk. */
function before(a: FileTask, b: FileTask): boolean {
  return a.size !== b.size ? a.size > b.size : a.rel < b.rel;
}
