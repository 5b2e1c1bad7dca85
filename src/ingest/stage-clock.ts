// Cheap per-stage timers: each thread sums milliseconds by stage name, and the scan stores the totals
// in scans.stats so anyone can say where a scan's time went (docs/ingest.md).

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
