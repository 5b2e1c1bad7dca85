// Cheap per-stage timers for the ingest (hashing, sniffing, extraction per extractor, checks,
// commits, corpus analysis). Each thread accumulates milliseconds by stage name; workers send
// their totals with each 'file-done' and the coordinator adds them up into the scan's stats, so
// `npm run bench` (and anyone reading scans.stats) can say where a scan's time went.
// Worker stages are time spent on the worker's own thread, so they add up across workers
// (a 2-worker scan can hold twice its wall time in stages).

export type StageTimes = Record<string, number>;

export class StageClock {
  private times: StageTimes = {};

  add(stage: string, ms: number): void {
    this.times[stage] = (this.times[stage] ?? 0) + ms;
  }

  /** Time a synchronous call. */
  time<T>(stage: string, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.add(stage, performance.now() - t0);
    }
  }

  /** Time an asynchronous call (wall time until it settles). */
  async timeAsync<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.add(stage, performance.now() - t0);
    }
  }

  /** Merge totals sent by another thread. */
  merge(other: StageTimes | undefined): void {
    if (!other) return;
    for (const [k, v] of Object.entries(other)) this.add(k, v);
  }

  /** The totals so far, and start again from zero. */
  take(): StageTimes {
    const t = this.times;
    this.times = {};
    return t;
  }

  /** The totals, rounded to the millisecond. */
  snapshot(): StageTimes {
    return Object.fromEntries(Object.entries(this.times).map(([k, v]) => [k, Math.round(v)]));
  }
}
