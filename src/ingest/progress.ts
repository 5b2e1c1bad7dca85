// Progress of a scan: counters per stage, a rate over a sliding window, and an ETA that stays null
// until the walk is complete (a total that can still grow makes no honest ETA).

import type { ScanProgress } from '../model/api.js';

export class ProgressTracker {
  readonly p: ScanProgress;
  private samples: { t: number; bytes: number }[] = [];
  private readonly t0 = Date.now();

  constructor(jobId: string) {
    this.p = {
      jobId,
      state: 'walking',
      files: { discovered: 0, done: 0, skippedUnchanged: 0 },
      bytes: { discovered: 0, done: 0 },
      documents: { discovered: 0, extracted: 0, indexed: 0, analysed: 0 },
      errors: 0,
      rate: 0,
      etaSeconds: null,
      currentFile: null,
      startedAt: new Date(this.t0).toISOString(),
      elapsedMs: 0,
      walkComplete: false,
    };
  }

  snapshot(): ScanProgress {
    const now = Date.now();
    this.p.elapsedMs = now - this.t0;
    this.samples.push({ t: now, bytes: this.p.bytes.done });
    while (this.samples.length > 2 && now - this.samples[0].t > 10_000) this.samples.shift();
    const first = this.samples[0];
    const dt = (now - first.t) / 1000;
    this.p.rate = dt > 0.5 ? Math.max(0, (this.p.bytes.done - first.bytes) / dt) : this.p.rate;
    const left = this.p.bytes.discovered - this.p.bytes.done;
    this.p.etaSeconds = this.p.walkComplete && this.p.rate > 0 ? Math.round(left / this.p.rate) : null;
    return structuredClone(this.p);
  }
}
