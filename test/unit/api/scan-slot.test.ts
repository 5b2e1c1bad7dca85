import { describe, expect, it } from 'vitest';
import { ScanSlot, type ScanRun } from '../../../src/api/scan-slot.js';
import type { ScanProgress } from '../../../src/model/api.js';

function recorder() {
  const seen: ScanProgress[] = [];
  let ended = 0;
  const slot = new ScanSlot({ progress: (p) => seen.push(p), ended: () => ended++ });
  return { slot, seen, ended: () => ended };
}

const progress = (state: ScanProgress['state'], indexed = 0): ScanProgress => ({
  jobId: 'the-scan-own-id',
  state,
  files: { discovered: 1, done: 0, skippedUnchanged: 0 },
  bytes: { discovered: 10, done: 0 },
  documents: { discovered: 1, extracted: 0, indexed, analysed: 0 },
  errors: 0,
  rate: 0,
  etaSeconds: null,
  currentFile: null,
  startedAt: '2024-01-01T00:00:00.000Z',
  elapsedMs: 0,
  walkComplete: false,
});

/** A scan that reports and finishes when the test says, or stops on its signal. */
function controllable(): { run: ScanRun; report: (p: ScanProgress) => void; finish: () => void } {
  let report!: (p: ScanProgress) => void;
  let finish!: () => void;
  const run: ScanRun = (signal, onProgress) =>
    new Promise((resolve) => {
      report = onProgress;
      finish = () => resolve(progress('done', 5));
      signal.addEventListener('abort', () => resolve(progress('cancelled', 4)));
    });
  return { run, report: (p) => report(p), finish: () => finish() };
}

describe('ScanSlot', () => {
  it('holds one scan at a time: a second start in the same tick is refused', async () => {
    const { slot, ended } = recorder();
    const a = controllable();
    const jobId = slot.start(a.run);
    expect(() => slot.start(controllable().run)).toThrow(expect.objectContaining({ code: 'conflict', details: { jobId } }));
    a.finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(ended()).toBe(1);
    expect(await slot.cancel()).toBe(false); // nothing left to cancel
    // Free again.
    const b = controllable();
    expect(slot.start(b.run)).not.toBe(jobId);
    b.finish();
  });

  it("stamps every progress with the job's id and answers status from the latest", async () => {
    const { slot, seen } = recorder();
    const a = controllable();
    expect(slot.status).toBeNull();
    const jobId = slot.start(a.run);
    // Before the scan's first report, status already says the job is under way.
    expect(slot.status).toMatchObject({ jobId, state: 'walking' });
    expect(seen).toEqual([]);
    a.report(progress('running', 3));
    expect(slot.status).toMatchObject({ jobId, state: 'running', documents: { indexed: 3 } });
    a.finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.map((p) => [p.jobId, p.state])).toEqual([
      [jobId, 'running'],
      [jobId, 'done'],
    ]);
    expect(slot.status).toMatchObject({ jobId, state: 'done', documents: { indexed: 5 } });
  });

  it('cancels the running scan and resolves once it has stopped', async () => {
    const { slot, seen, ended } = recorder();
    const a = controllable();
    slot.start(a.run);
    a.report(progress('running', 3));
    expect(await slot.cancel()).toBe(true);
    expect(ended()).toBe(1);
    expect(seen.at(-1)?.state).toBe('cancelled');
    expect(await slot.cancel()).toBe(false);
  });

  it('turns a scan that throws into a failed progress carrying the message, and frees the slot', async () => {
    const { slot, seen, ended } = recorder();
    slot.start(async (_signal, onProgress) => {
      onProgress(progress('running', 2));
      throw new Error('The dump folder /nowhere does not exist.');
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.at(-1)).toMatchObject({ state: 'failed', message: 'The dump folder /nowhere does not exist.', documents: { indexed: 2 } });
    expect(ended()).toBe(1);
    expect(slot.start(controllable().run)).toEqual(expect.any(String));
    await slot.cancel();
  });

  it('reports a scan that throws after being cancelled as cancelled, not failed', async () => {
    const { slot, seen } = recorder();
    slot.start(
      (signal) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('analysis thread terminated')))),
    );
    expect(await slot.cancel()).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', message: 'The scan was cancelled.' });
  });
});
