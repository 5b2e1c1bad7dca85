import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../../../src/extract/pdf/pdfjs.js';
import { readDocumentText } from '../../../../src/extract/pdf/pdf-text.js';
import { isWasmTrap, loadPdfium, openPdfiumDocument, pdfiumHeapBytes, PdfiumLoadError } from '../../../../src/extract/pdf/pdfium-engine.js';
import { readPdfiumText } from '../../../../src/extract/pdf/pdfium-text.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';
import { wordJaccard } from '../../../../src/bench/word-agreement.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { missing } from '../../../support/requirements.js';

const pdftotext = (file: string): string => {
  const r = spawnSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`pdftotext failed on ${file}: ${r.stderr}`);
  return r.stdout;
};

async function pdfiumText(rel: string, wordGap?: number): Promise<string> {
  const m = await loadPdfium();
  const doc = openPdfiumDocument(m, readFileSync(corpusPath(rel)), rel);
  try {
    return readPdfiumText(doc, DEFAULT_LIMITS.maxPdfPages, DEFAULT_LIMITS.maxTextChars, undefined, wordGap).text;
  } finally {
    doc.close();
  }
}

async function bulkText(rel: string) {
  const bytes = readFileSync(corpusPath(rel));
  const { doc, close } = await openPdf(bytes);
  try {
    return await readDocumentText(bytes, doc, rel, DEFAULT_LIMITS);
  } finally {
    await close();
  }
}

describe.skipIf(corpusMissing() || missing('poppler'))('PDFium text on corpus PDFs, against pdftotext', () => {
  // Word Jaccard with pdftotext as measured by src/bench/pdf-text-engines.ts (pdf.js's in brackets).
  it.each([
    ['pdf/govdocs1/error_set_1-225189.pdf', 0.98], // (1.0)
    ['pdf/govdocs1/error_set_2-392154.pdf', 0.9], // 90 pages (0.92)
    ['pdf/py-pdf/GeoTopo-komprimiert.pdf', 0.7], // 117 pages, hyphenation and math (0.73)
    ['pdf/tika/testPDF.pdf', 0.98], // (1.0)
    ['pdf/format-corpus/variations/lorem-ipsum.pdf', 0.98],
    ['pdf/pdfjs/issue18059.pdf', 0.98], // letter-spaced glyphs: no spaces put in
  ])('%s agrees above %s', async (rel, floor) => {
    expect(wordJaccard(await pdfiumText(rel), pdftotext(corpusPath(rel)))).toBeGreaterThan(floor);
  });

  it('puts back the word spaces PDFium drops (gaps between glyph boxes)', async () => {
    for (const rel of ['pdf/pdfjs/bug1771477.pdf', 'pdf/pdfjs/issue11045.pdf']) {
      const ref = pdftotext(corpusPath(rel));
      const raw = wordJaccard(await pdfiumText(rel, Infinity), ref);
      const spaced = wordJaccard(await pdfiumText(rel), ref);
      expect(spaced, rel).toBeGreaterThan(raw + 0.05);
    }
  });

  it('never splits CJK ideographs with spaces', async () => {
    const text = await pdfiumText('pdf/pdfjs/issue19182.pdf');
    expect(text).toContain('中文姓名');
  });

  it('falls back to pdf.js on a file PDFium rejects, and keeps PDFium where it reads', async () => {
    const rel = 'pdf/format-corpus/handbuilt/T01_007_header-no-version-info.pdf';
    const m = await loadPdfium();
    expect(() => openPdfiumDocument(m, readFileSync(corpusPath(rel)), rel)).toThrow(PdfiumLoadError);
    const t = await bulkText(rel);
    expect(t.engine).toBe('pdfjs');
    expect(t.fallback).toMatch(/PDFium could not open/);
    expect(wordJaccard(t.text, pdftotext(corpusPath(rel)))).toBeGreaterThan(0.9);
    const ok = await bulkText('pdf/tika/testPDF.pdf');
    expect(ok.fallback).toBeUndefined();
    expect(ok.engine).toBe('pdfium');
  });
});

describe.skipIf(corpusMissing())('PDFium memory', () => {
  const rel = 'pdf/govdocs1/error_set_2-392154.pdf'; // 90 pages

  it('closes every page: the heap does not grow over many passes through the pages of one document', async () => {
    const m = await loadPdfium();
    const doc = openPdfiumDocument(m, readFileSync(corpusPath(rel)), rel);
    try {
      readPdfiumText(doc, 2000, 10_000_000);
      readPdfiumText(doc, 2000, 10_000_000);
      const settled = pdfiumHeapBytes(m);
      for (let i = 0; i < 20; i++) readPdfiumText(doc, 2000, 10_000_000); // 1,800 pages
      expect(pdfiumHeapBytes(m)).toBe(settled);
      // The same pages loaded the way the wrapper's getText() does, never closed: the heap grows.
      for (let i = 0; i < 20; i++) for (let p = 0; p < doc.pageCount; p++) m._FPDFText_LoadPage(m._FPDF_LoadPage(doc.handle, p));
      expect(pdfiumHeapBytes(m)).toBeGreaterThan(settled);
    } finally {
      doc.close();
    }
  });

  it('a bad pointer is a WebAssembly.RuntimeError the engine recognises as a trap', async () => {
    const m = await loadPdfium();
    let caught: unknown;
    try {
      m._FPDFText_CountChars(0x7ffffff0);
    } catch (e) {
      caught = e;
    }
    expect(isWasmTrap(caught)).toBe(true);
    expect(isWasmTrap(new Error('not a trap'))).toBe(false);
  });
});
