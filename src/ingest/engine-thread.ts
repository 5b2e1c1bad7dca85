// How long the scan's coordinator thread was blocked at a time: in the app it also answers the UI's
// queries, so this is how long a query could wait behind the scan.

import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Event-loop delay of the coordinator's thread over the scan (perf_hooks, 10 ms resolution). */
export interface EngineThreadDelay {
  maxBlockMs: number;
  p99DelayMs: number;
  meanDelayMs: number;
}

export class EngineThreadWatch {
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });

  start(): void {
    this.loopDelay.enable();
  }

  /** Stop watching; the delays seen so far. */
  stop(): EngineThreadDelay {
    this.loopDelay.disable();
    const ms = (ns: number) => Math.round(ns / 1e5) / 10;
    return {
      maxBlockMs: ms(this.loopDelay.max),
      p99DelayMs: ms(this.loopDelay.percentile(99)),
      meanDelayMs: ms(this.loopDelay.mean),
    };
  }
}
