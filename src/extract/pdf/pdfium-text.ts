// Page text through PDFium's FPDFText calls, one page open at a time and closed after it; a space
// goes where PDFium glued two words whose glyph boxes leave a gap (it drops some inter-word spaces).

import type { PdfiumDocument, PdfiumModule } from './pdfium-engine.js';

/** A gap this share of the line's height wider than its neighbours' between two glyphs is a word break. */
const WORD_GAP = 0.1;

export interface PdfiumText {
  text: string;
  /** Pages read. */
  pages: number;
  /** Pages PDFium could not load. */
  errors: number;
  /** Stopped at maxChars or maxPages. */
  truncated: boolean;
  /** Glyphs read (whitespace aside), and those PDFium could not map to Unicode (no usable ToUnicode or encoding). */
  glyphs: number;
  unmapped: number;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const SPACE = /\s/;

/**
 * The text of one loaded text page, line breaks as '\n', with the missing word spaces put back: in a
 * run of glyphs on one line with no space between them, a gap wider than the run's median gap by
 * `wordGap` of the line height is a word break (letter-spaced text has all gaps alike; CJK none).
 */
function pageText(m: PdfiumModule, textPage: number, rect: number, wordGap: number, count: { glyphs: number; unmapped: number }): string {
  const n = m._FPDFText_CountChars(textPage);
  const out: string[] = [];
  let run: { ch: string; box: Box | null }[] = [];
  const flush = (): void => {
    if (run.length > 1 && Number.isFinite(wordGap)) spaceRun(run, wordGap, out);
    else for (const c of run) out.push(c.ch);
    run = [];
  };
  for (let i = 0; i < n; i++) {
    const code = m._FPDFText_GetUnicode(textPage, i);
    // 2: a hyphen at a line's end that PDFium took for a word broken across lines (it joins the
    // lines itself); dropped, the word reads whole as pdf.js and pdftotext give it ("In-teger").
    if (code === 0 || code === 2 || code === 0xfffe || code === 0xffff) continue;
    const ch = code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code);
    if (ch === '\r') continue;
    if (SPACE.test(ch)) {
      flush();
      out.push(ch);
      continue;
    }
    count.glyphs++;
    if (m._FPDFText_HasUnicodeMapError(textPage, i)) count.unmapped++;
    let box: Box | null = null;
    if (Number.isFinite(wordGap) && m._FPDFText_GetLooseCharBox(textPage, i, rect)) {
      const f = m.HEAPF32;
      const at = rect >> 2;
      // FS_RECTF: left, top, right, bottom
      box = { left: f[at]!, top: f[at + 1]!, right: f[at + 2]!, bottom: f[at + 3]! };
    }
    const last = run[run.length - 1];
    if (last && !(box && last.box && sameLine(last.box, box))) flush();
    run.push({ ch, box });
  }
  flush();
  return out.join('');
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Push a run of glyphs on one line, with a space at each gap that stands out from the run's own. */
function spaceRun(run: { ch: string; box: Box | null }[], wordGap: number, out: string[]): void {
  const gaps: number[] = [];
  for (let k = 1; k < run.length; k++) gaps.push(run[k]!.box!.left - run[k - 1]!.box!.right);
  const sorted = [...gaps].sort((a, b) => a - b);
  const typical = Math.max(0, sorted[Math.floor(sorted.length / 2)]!);
  out.push(run[0]!.ch);
  for (let k = 1; k < run.length; k++) {
    const { ch, box } = run[k]!;
    const prev = run[k - 1]!.ch;
    const h = box!.top - box!.bottom;
    if (gaps[k - 1]! > typical + wordGap * h && !(CJK.test(prev) && CJK.test(ch))) out.push(' ');
    out.push(ch);
  }
}

/** Two boxes on one horizontal line: their vertical spans overlap by half the shorter one. */
function sameLine(a: Box, b: Box): boolean {
  const overlap = Math.min(a.top, b.top) - Math.max(a.bottom, b.bottom);
  const h = Math.min(a.top - a.bottom, b.top - b.bottom);
  return h > 0 && overlap >= h / 2;
}

/**
 * Text of the first `maxPages` pages, up to `maxChars` characters; a page PDFium cannot load is
 * counted and skipped. Each page and its text page are closed before the next opens. `wordGap`
 * (share of the line height) can be Infinity: PDFium's text as it gives it (the bench's baseline).
 */
export function readPdfiumText(
  doc: PdfiumDocument,
  maxPages: number,
  maxChars: number,
  signal?: AbortSignal,
  wordGap = WORD_GAP,
): PdfiumText {
  const { m, handle } = doc;
  const parts: string[] = [];
  let chars = 0;
  let pages = 0;
  let errors = 0;
  const last = Math.min(doc.pageCount, Math.max(0, maxPages));
  let truncated = doc.pageCount > last;
  const count = { glyphs: 0, unmapped: 0 };
  const rect = m.wasmExports.malloc(16);
  try {
    for (let p = 0; p < last; p++) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      if (chars >= maxChars) {
        truncated = true;
        break;
      }
      const page = m._FPDF_LoadPage(handle, p);
      if (!page) {
        errors++;
        continue;
      }
      try {
        const textPage = m._FPDFText_LoadPage(page);
        if (!textPage) {
          errors++;
          continue;
        }
        try {
          const s = pageText(m, textPage, rect, wordGap, count);
          parts.push(s);
          chars += s.length + 2;
          pages++;
        } finally {
          m._FPDFText_ClosePage(textPage);
        }
      } finally {
        m._FPDF_ClosePage(page);
      }
    }
  } finally {
    m.wasmExports.free(rect);
  }
  let text = parts.join('\n\n');
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    truncated = true;
  }
  return { text, pages, errors, truncated, ...count };
}
