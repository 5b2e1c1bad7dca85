// A crash (a native one: SIGSEGV) or a timeout in OCR is a recorded failure for that document, never a
// dead scan: the scan ends 'done', the other documents are OCRed, and the failed one is not retried
// by a re-scan.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScan } from '../../src/ingest/scan.js';
import { openCase } from '../../src/store/db.js';
import { ocrStateCounts } from '../../src/store/ocr.js';
import { REPO_ROOT } from '../support/corpus.js';

const FAULT_WORKER = join(REPO_ROOT, 'test', 'support', 'ocr-fault-worker.mjs');
/** A one-pixel PNG: any picture will do, the test worker never decodes it. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABc3UBGAAAAABJRU5ErkJggg==', 'base64');

let dir: string;
let dump: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verity-ocr-faults-'));
  dump = join(dir, 'dump');
  mkdirSync(dump);
  // Three different contents (one byte apart after the PNG's end).
  writeFileSync(join(dump, 'crash.png'), Buffer.concat([PNG, Buffer.from([1])]));
  writeFileSync(join(dump, 'hang.png'), Buffer.concat([PNG, Buffer.from([2])]));
  writeFileSync(join(dump, 'fine.png'), Buffer.concat([PNG, Buffer.from([3])]));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('OCR failures', () => {
  it('records a crashed and a timed-out document as failures and finishes the scan', async () => {
    const caseFile = join(dir, 'case.verity');
    const opts = { dumpRoot: dump, caseFile, workers: 2, ocrWorkerEntry: FAULT_WORKER, ocrTimeouts: { planMs: 1500, pageMs: 1000 } };
    const p = await runScan(opts);
    expect(p.state).toBe('done');
    expect(p.ocr!.documents).toEqual({ total: 3, done: 3, failed: 2 });
    const db = openCase(caseFile, { readonly: true });
    try {
      expect(ocrStateCounts(db)).toEqual({ failed: 2, nothing: 1 });
      const failures = db.prepare("SELECT path, code, message FROM failures WHERE stage = 'ocr' ORDER BY path").all() as {
        path: string;
        code: string;
        message: string;
      }[];
      expect(failures.map((f) => [f.path, f.code])).toEqual([
        ['crash.png', 'crashed'],
        ['hang.png', 'timeout'],
      ]);
      expect(failures[0].message).toContain('SIGSEGV');
    } finally {
      db.close();
    }
    // A re-scan does not try them again.
    const again = await runScan(opts);
    expect(again.ocr!.documents.total).toBe(0);
  }, 300_000);
});
