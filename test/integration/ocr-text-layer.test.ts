// After OCR, the scan stores pdf.text-layer findings and rescored documents: a searchable scan whose
// invisible layer was edited (an amount, a name) is flagged medium or higher, the honest ocrmypdf scan
// it was copied from is not; the text-reading checks read the OCR text and their evidence says so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '../../src/model/report.js';
import { REPO_ROOT } from '../support/corpus.js';
import { runVerity } from '../support/cli.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'ocr');
const FILES = ['searchable-honest.pdf', 'searchable-forged-amount.pdf', 'searchable-forged-name.pdf'];
const RANK = { high: 0, medium: 1, low: 2, info: 3 } as const;

let dir: string;
let dump: string;

function scanAndReport(name: string, extra: string[]): Map<string, JsonReport['documents'][number]> {
  const caseFile = join(dir, `${name}.verity`);
  const scan = runVerity(['scan', dump, '--case', caseFile, '--workers', '2', '--quiet', ...extra]);
  expect(scan.code, scan.stderr).toBe(0);
  const out = runVerity(['report', '--case', caseFile, '--format', 'json', '--redact']);
  expect(out.code, out.stderr).toBe(0);
  return new Map((JSON.parse(out.stdout) as JsonReport).documents.map((d) => [d.path, d]));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verity-ocr-layer-'));
  dump = join(dir, 'dump');
  mkdirSync(dump);
  for (const f of FILES) cpSync(join(FIXTURES, f), join(dump, f));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('pdf.text-layer and OCR text in the scan', () => {
  it('flags the edited layers, not the honest scan, and scores them; near-duplicates say they read OCR text', () => {
    const plain = scanAndReport('no-ocr', ['--no-ocr']);
    const docs = scanAndReport('ocr', []);
    for (const f of FILES) {
      const layer = docs.get(f)!.flags.filter((x) => x.check === 'pdf.text-layer');
      if (f === 'searchable-honest.pdf') expect(layer.filter((x) => RANK[x.severity] < RANK.info)).toEqual([]);
      else {
        expect(layer.length).toBe(1);
        expect(RANK[layer[0].severity]).toBeLessThanOrEqual(RANK.medium);
        // The finding counts in the score: higher than without OCR.
        expect(docs.get(f)!.score).toBeGreaterThan(plain.get(f)!.score);
      }
      expect(plain.get(f)!.flags.some((x) => x.check === 'pdf.text-layer')).toBe(false);
      const near = docs.get(f)!.flags.filter((x) => x.check === 'text.near-duplicate');
      expect(near.length).toBeGreaterThan(0);
      for (const n of near) expect(n.evidence).toMatchObject({ textSource: 'ocr', otherTextSource: 'ocr' });
      for (const n of plain.get(f)!.flags.filter((x) => x.check === 'text.near-duplicate'))
        expect(n.evidence).not.toHaveProperty('textSource');
    }
  }, 600_000);
});
