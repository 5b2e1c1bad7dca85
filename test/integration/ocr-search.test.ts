// Issue 16's done-when test: on a dump of scanned letters (image-only PDFs, several pages),
// photographed memos (JPEG) and screenshots (PNG) in French and English, rendered here with noise,
// skew and blur, every distinctive word is found by `verity search` once OCR ran. On the way: a
// --no-ocr scan finds none of them, `verity ocr` interrupted and run again resumes without redoing
// what it finished, a re-scan OCRs nothing again, and OCR is the scan's last stage by default.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { ScanProgress } from '../../src/model/api.js';
import { openCase } from '../../src/store/db.js';
import { ocrStateCounts } from '../../src/store/ocr.js';
import { runVerity, spawnVerity } from '../support/cli.js';
import { writeScannedDump, type ScannedDocument } from '../support/scanned-dump.js';

let dir: string;
let dump: string;
let docs: ScannedDocument[];

interface Hit {
  path: string;
  kind: string;
  snippet: string;
}

function search(caseFile: string, word: string): Hit[] {
  const r = runVerity(['search', '--case', caseFile, word, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Hit[];
}

function progressLines(stdout: string): (ScanProgress & { type: string })[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ScanProgress & { type: string });
}

function states(caseFile: string): Record<string, number> {
  const db = openCase(caseFile, { readonly: true });
  try {
    return ocrStateCounts(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-ocr-search-'));
  dump = join(dir, 'dump');
  docs = await writeScannedDump(dump);
  // A holiday photo (a colourful gradient): not a document, never OCRed.
  const c = createCanvas(1200, 800);
  const ctx = c.getContext('2d');
  const g = ctx.createLinearGradient(0, 0, 1200, 800);
  g.addColorStop(0, '#1e6fd9');
  g.addColorStop(0.6, '#f2c14e');
  g.addColorStop(1, '#2a9d44');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 1200, 800);
  mkdirSync(join(dump, 'holiday'));
  writeFileSync(join(dump, 'holiday', 'beach.jpg'), c.encodeSync('jpeg', 85));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('OCR of a scanned dump', () => {
  it('finds every distinctive word with verity search, after a --no-ocr scan and an interrupted, resumed verity ocr', async () => {
    const caseFile = join(dir, 'no-ocr.verity');
    const scan = runVerity(['scan', dump, '--case', caseFile, '--workers', '2', '--no-ocr', '--json-progress']);
    expect(scan.code, scan.stderr).toBe(0);
    expect(progressLines(scan.stdout).some((p) => p.state === 'ocr' || p.ocr)).toBe(false);
    expect(search(caseFile, docs[0].words[0])).toEqual([]);

    // Interrupted once the first document is OCRed...
    const child = spawnVerity(['ocr', '--case', caseFile, '--workers', '1', '--json-progress']);
    let out = '';
    let signalled = false;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const last = out.trimEnd().split('\n').at(-1);
      if (!signalled && last && (JSON.parse(last) as ScanProgress).ocr?.documents.done) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((res) => child.on('exit', res));
    expect(code).toBe(130);
    const looked = Object.values(states(caseFile)).reduce((a, b) => a + b, 0);
    expect(looked).toBeGreaterThanOrEqual(1);

    // ...and resumed: only what was not finished is looked at.
    const resumed = runVerity(['ocr', '--case', caseFile, '--workers', '2', '--json-progress']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const lines = progressLines(resumed.stdout);
    const final = lines.at(-1)!;
    expect(final.type).toBe('done');
    expect(final.ocr!.documents.total).toBe(docs.length + 1 - looked);
    expect(final.ocr!.documents.failed).toBe(0);
    expect(final.ocr!.pages.done).toBeGreaterThan(0);
    expect(final.ocr!.pagesPerSecond).toBeGreaterThan(0);
    expect(lines.some((p) => p.state === 'ocr' && p.ocr && p.ocr.documents.done < p.ocr.documents.total)).toBe(true);

    const missing: string[] = [];
    for (const d of docs) {
      for (const w of d.words) {
        const hits = search(caseFile, w);
        if (!hits.some((h) => h.path === d.path)) missing.push(`${w} (${d.path})`);
        else expect(hits.find((h) => h.path === d.path)!.snippet.toLowerCase()).toContain('[[');
      }
    }
    expect(missing).toEqual([]);
    // Six documents with text, the holiday photo with nothing to OCR.
    expect(states(caseFile)).toEqual({ done: docs.length, nothing: 1 });

    // A re-scan of the unchanged dump OCRs nothing again.
    const again = runVerity(['scan', dump, '--case', caseFile, '--workers', '2', '--json-progress']);
    expect(again.code, again.stderr).toBe(0);
    expect(progressLines(again.stdout).at(-1)!.ocr!.documents.total).toBe(0);
  }, 900_000);

  it('runs OCR as the last stage of a scan by default, after the documents are indexed and analysed', () => {
    const small = join(dir, 'small');
    mkdirSync(small);
    const shot = docs.find((d) => d.path.endsWith('.png'))!;
    cpSync(join(dump, shot.path), join(small, 'shot.png'));
    const caseFile = join(dir, 'default.verity');
    const r = runVerity(['scan', small, '--case', caseFile, '--workers', '1', '--ocr-lang', 'fra+eng', '--json-progress']);
    expect(r.code, r.stderr).toBe(0);
    const seen = progressLines(r.stdout).map((p) => p.state);
    const stages = seen.filter((s, i) => s !== seen[i - 1]);
    expect(stages.indexOf('analysing')).toBeLessThan(stages.indexOf('ocr'));
    expect(stages.at(-1)).toBe('done');
    const final = progressLines(r.stdout).at(-1)!;
    expect(final.ocr!.langs).toBe('fra+eng');
    expect(search(caseFile, shot.words[0]).map((h) => h.path)).toEqual(['shot.png']);
  }, 300_000);

  it('refuses an OCR language without its data, loudly', () => {
    const caseFile = join(dir, 'lang.verity');
    const small = join(dir, 'small');
    const r = runVerity(['scan', small, '--case', caseFile, '--workers', '1', '--ocr-lang', 'deu']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/@tesseract\.js-data\/deu/);
  }, 300_000);
});
