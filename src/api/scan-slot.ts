// The scan-job slot: one scan at a time per case, reserved before any await, cancellable, its
// latest progress kept for 'scan.status' (docs/api.md, "The scan-job slot").

import { randomUUID } from 'node:crypto';
import type { ScanProgress } from '../model/api.js';
import { ProgressTracker } from '../ingest/progress.js';
import { ApiError } from './errors.js';

/** Runs one scan: reports progress as it goes, resolves with the final progress (done or
 *  cancelled), rejects when the scan fails. */
export type ScanRun = (signal: AbortSignal, onProgress: (p: ScanProgress) => void) => Promise<ScanProgress>;

export interface ScanSlotHooks {
  /** Every progress of the running job, with the job's id. */
  progress(p: ScanProgress): void;
  /** The job is over and the slot free again. */
  ended(): void;
}

interface Job {
  jobId: string;
  controller: AbortController;
  done: Promise<void>;
}

export class ScanSlot {
  private job: Job | null = null;
  private last: ScanProgress | null = null;

  constructor(private readonly hooks: ScanSlotHooks) {}

  /** The latest progress of the running or last job; null before the first. */
  get status(): ScanProgress | null {
    return this.last;
  }

  /** Starts `run` in the slot and returns its job id; 'conflict' while another job holds it. */
  start(run: ScanRun): string {
    if (this.job) throw new ApiError('conflict', 'a scan is already running', { jobId: this.job.jobId });
    // Everything up to here is synchronous: two quick calls cannot both take the slot.
    const job: Job = { jobId: randomUUID(), controller: new AbortController(), done: Promise.resolve() };
    this.job = job;
    // Answered by 'scan.status' at once ('walking', nothing counted yet); the first event is the scan's own.
    this.last = new ProgressTracker(job.jobId).p;
    job.done = this.execute(job, run);
    return job.jobId;
  }

  /** Cancels the running job and waits until it has stopped; false when none was running. */
  async cancel(): Promise<boolean> {
    const running = this.job;
    if (!running) return false;
    running.controller.abort();
    await running.done;
    return true;
  }

  private async execute(job: Job, run: ScanRun): Promise<void> {
    const report = (p: ScanProgress) => {
      this.last = { ...p, jobId: job.jobId };
      this.hooks.progress(this.last);
    };
    try {
      report(await run(job.controller.signal, report));
    } catch (e) {
      const cancelled = job.controller.signal.aborted;
      report({
        ...this.last!,
        state: cancelled ? 'cancelled' : 'failed',
        message: cancelled ? 'The scan was cancelled.' : String((e as Error)?.message ?? e),
      });
    } finally {
      this.job = null;
      this.hooks.ended();
    }
  }
}
