// The event hub every transport subscribes to: numbered events, progress coalesced to a pace a UI
// can take, final states delivered at once (docs/api.md, "Events").

import type { ApiEvents } from '../model/api.js';

export type EventTopic = keyof ApiEvents;
export interface HubEvent<K extends EventTopic = EventTopic> {
  seq: number;
  topic: K;
  payload: ApiEvents[K];
}
export type Listener = (e: HubEvent) => void;

const FINAL_STATES = new Set(['done', 'cancelled', 'failed']);

export class EventHub {
  private seq = 0;
  private readonly listeners = new Set<Listener>();
  private pending: ApiEvents['scan.progress'] | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastProgressAt = -Infinity;
  private readonly minGapMs: number;

  constructor(opts: { maxPerSecond?: number; now?: () => number } = {}) {
    this.minGapMs = 1000 / (opts.maxPerSecond ?? 10);
    this.now = opts.now ?? (() => performance.now());
  }
  private readonly now: () => number;

  /** Subscribe; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get lastSeq(): number {
    return this.seq;
  }

  publish<K extends EventTopic>(topic: K, payload: ApiEvents[K]): void {
    if (topic === 'scan.progress') return this.progress(payload as ApiEvents['scan.progress']);
    this.emit(topic, payload);
  }

  private progress(p: ApiEvents['scan.progress']): void {
    if (FINAL_STATES.has(p.state)) {
      this.clearTimer();
      this.pending = null;
      this.lastProgressAt = this.now();
      this.emit('scan.progress', p);
      return;
    }
    const wait = this.lastProgressAt + this.minGapMs - this.now();
    if (wait <= 0 && !this.timer) {
      this.lastProgressAt = this.now();
      this.emit('scan.progress', p);
      return;
    }
    this.pending = p;
    if (!this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          const q = this.pending;
          this.pending = null;
          if (q) {
            this.lastProgressAt = this.now();
            this.emit('scan.progress', q);
          }
        },
        Math.max(0, wait),
      );
      this.timer.unref?.();
    }
  }

  private emit<K extends EventTopic>(topic: K, payload: ApiEvents[K]): void {
    const e: HubEvent<K> = { seq: ++this.seq, topic, payload };
    for (const l of [...this.listeners]) {
      try {
        l(e as HubEvent);
      } catch {
        // A broken subscriber (a closed socket) must not stop the others.
      }
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  close(): void {
    this.clearTimer();
    this.pending = null;
    this.listeners.clear();
  }
}
