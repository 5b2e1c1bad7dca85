import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub, type HubEvent } from '../../../src/api/events.js';
import type { ScanProgress } from '../../../src/model/api.js';

function progress(done: number, state: ScanProgress['state'] = 'running'): ScanProgress {
  return {
    jobId: 'j',
    state,
    files: { discovered: 100, done, skippedUnchanged: 0 },
    bytes: { discovered: 0, done: 0 },
    documents: { discovered: 0, extracted: 0, indexed: 0, analysed: 0 },
    errors: 0,
    rate: 0,
    etaSeconds: null,
    currentFile: null,
    startedAt: '2024-01-01T00:00:00Z',
    elapsedMs: 0,
    walkComplete: true,
  };
}

describe('EventHub', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('numbers events in order across topics', () => {
    const hub = new EventHub({ now: () => Date.now() });
    const seen: HubEvent[] = [];
    hub.subscribe((e) => seen.push(e));
    hub.publish('case.changed', { reason: 'tags' });
    hub.publish('scan.progress', progress(1));
    hub.publish('case.changed', { reason: 'notes' });
    expect(seen.map((e) => [e.seq, e.topic])).toEqual([
      [1, 'case.changed'],
      [2, 'scan.progress'],
      [3, 'case.changed'],
    ]);
    expect(hub.lastSeq).toBe(3);
  });

  it('coalesces progress to at most 10 per second and delivers the latest', () => {
    const hub = new EventHub({ now: () => Date.now() });
    const seen: ScanProgress[] = [];
    hub.subscribe((e) => e.topic === 'scan.progress' && seen.push(e.payload as ScanProgress));
    for (let i = 1; i <= 1000; i++) {
      hub.publish('scan.progress', progress(i));
      vi.advanceTimersByTime(1); // 1000 updates over one second
    }
    vi.advanceTimersByTime(200);
    expect(seen.length).toBeGreaterThanOrEqual(9);
    expect(seen.length).toBeLessThanOrEqual(11);
    expect(seen.at(-1)!.files.done).toBe(1000);
    const done = seen.map((p) => p.files.done);
    expect([...done].sort((a, b) => a - b)).toEqual(done);
  });

  it('delivers a final state at once, after nothing stale', () => {
    const hub = new EventHub({ now: () => Date.now() });
    const seen: ScanProgress[] = [];
    hub.subscribe((e) => seen.push(e.payload as ScanProgress));
    hub.publish('scan.progress', progress(1));
    hub.publish('scan.progress', progress(2));
    hub.publish('scan.progress', progress(3, 'done'));
    expect(seen.map((p) => [p.files.done, p.state])).toEqual([
      [1, 'running'],
      [3, 'done'],
    ]);
    vi.advanceTimersByTime(1000);
    expect(seen.length).toBe(2);
  });

  it('stops delivering to an unsubscribed listener and survives a throwing one', () => {
    const hub = new EventHub();
    const a: number[] = [];
    const off = hub.subscribe((e) => a.push(e.seq));
    hub.subscribe(() => {
      throw new Error('closed socket');
    });
    hub.publish('case.changed', { reason: 'x' });
    off();
    hub.publish('case.changed', { reason: 'y' });
    expect(a).toEqual([1]);
  });
});
