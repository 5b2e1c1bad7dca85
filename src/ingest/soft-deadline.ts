// The cancellation signal of the document being extracted: it fires after 3/4 of documentTimeoutMs
// without a posted message, before the pool's watchdog kills the worker (docs/extract.md).

import { ExtractError } from '../extract/types.js';

/** Share of documentTimeoutMs after which the document in progress is asked to stop. */
const SOFT_SHARE = 0.75;

const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;

interface Open {
  controller: AbortController;
  what: string;
}

export class SoftDeadline {
  private readonly ms: number;
  private lastBeat = performance.now();
  /** Documents being extracted, outermost first: only the innermost one is silent. */
  private readonly open: Open[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(documentTimeoutMs: number) {
    this.ms = Math.max(1, Math.floor(documentTimeoutMs * SOFT_SHARE));
    this.timer = setTimeout(() => this.expire(), this.ms);
    this.timer.unref();
  }

  /** The worker made progress (it posted a message): the silence starts again. */
  beat(): void {
    this.lastBeat = performance.now();
    this.timer.refresh();
  }

  /**
   * The signal for a document whose extraction starts; it is the one that fires until end().
   * Besides the timer, reading `aborted` (or calling throwIfAborted) looks at the clock: an
   * extractor working through bytes already in memory awaits only resolved promises, which never
   * let a timer run, and it must still see its deadline.
   */
  begin(what: string): AbortSignal {
    const entry: Open = { controller: new AbortController(), what };
    this.open.push(entry);
    const signal = entry.controller.signal;
    const aborted = (): boolean => {
      if (!nativeAborted.call(signal) && this.open.at(-1) === entry && this.silentFor() >= this.ms) this.stop(entry);
      return nativeAborted.call(signal) as boolean;
    };
    Object.defineProperty(signal, 'aborted', { get: aborted });
    Object.defineProperty(signal, 'throwIfAborted', {
      value: () => {
        if (aborted()) throw signal.reason;
      },
    });
    return signal;
  }

  /** The document's extraction (its children included) is over. */
  end(signal: AbortSignal): void {
    const i = this.open.findIndex((o) => o.controller.signal === signal);
    if (i >= 0) this.open.splice(i, 1);
  }

  private silentFor(): number {
    return performance.now() - this.lastBeat;
  }

  private expire(): void {
    const top = this.open.at(-1);
    if (top) this.stop(top);
  }

  private stop(entry: Open): void {
    entry.controller.abort(new ExtractError('timeout', `${entry.what}: no progress for ${this.ms} ms; extraction stopped`));
  }
}
