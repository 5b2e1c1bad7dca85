import { describe, expect, it } from 'vitest';
import { SoftDeadline } from '../../../src/ingest/soft-deadline.js';
import { ExtractError } from '../../../src/extract/types.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Busy-wait: time passes without the event loop turning (an extractor working through memory). */
const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('SoftDeadline', () => {
  it('fires for the innermost document only, at three quarters of documentTimeoutMs of silence', () => {
    const d = new SoftDeadline(400); // 300 ms
    const outer = d.begin('outer.zip');
    const inner = d.begin('outer.zip!slow.pdf');
    spin(100);
    expect(inner.aborted).toBe(false);
    spin(250);
    expect(inner.aborted).toBe(true);
    expect(inner.reason).toBeInstanceOf(ExtractError);
    expect(inner.reason).toMatchObject({ code: 'timeout', message: 'outer.zip!slow.pdf: no progress for 300 ms; extraction stopped' });
    expect(() => inner.throwIfAborted()).toThrow(ExtractError);
    expect(outer.aborted).toBe(false);
    d.end(inner);
    d.beat();
    expect(outer.aborted).toBe(false);
    d.end(outer);
  });

  it('starts the silence again at each message the worker posts', () => {
    const d = new SoftDeadline(400);
    const s = d.begin('mailbox.mbox');
    for (let i = 0; i < 4; i++) {
      spin(150);
      d.beat();
    }
    expect(s.aborted).toBe(false);
    d.end(s);
  });

  it('fires from its timer when the extractor is waiting, so abort listeners run', async () => {
    const d = new SoftDeadline(40);
    const s = d.begin('stuck.pdf');
    let heard: unknown;
    s.addEventListener('abort', () => (heard = s.reason));
    await sleep(120);
    expect(heard).toMatchObject({ code: 'timeout' });
    d.end(s);
  });
});
