// The text of a PDF for search and the checks: PDFium first (about 6× pdf.js's speed), pdf.js when
// PDFium refuses the file, loses pages, finds no text, cannot map its glyphs, or traps (docs/extract.md).

import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Limits } from '../../model/limits.js';
import { readPdfText, type PdfText } from './pdfjs.js';
import { isWasmTrap, loadPdfium, openPdfiumDocument, pdfiumHeapBytes, pdfiumRetireReason, retirePdfium } from './pdfium-engine.js';
import { readPdfiumText, type PdfiumText } from './pdfium-text.js';

/** Files above this size go to pdf.js alone: PDFium holds a copy in a heap that never shrinks. */
const MAX_PDFIUM_FILE_BYTES = 256 << 20;
/** Share of glyphs without a Unicode mapping past which pdf.js reads the text instead (its font
 *  handling recovers more of such files: docs/extract.md). */
const MAX_UNMAPPED = 0.5;
/** A heap grown past this retires the thread's instance (the worker is recycled after its file). */
const RETIRE_HEAP_BYTES = 512 << 20;

type TextEngine = 'pdfium' | 'pdfjs';

export interface DocumentText extends PdfText {
  engine: TextEngine;
  /** Why pdf.js read the text instead of PDFium. */
  fallback?: string;
}

/** PDFium's reading, or why it has none worth keeping. */
async function tryPdfium(
  bytes: Uint8Array,
  fileName: string,
  limits: Limits,
  signal: AbortSignal | undefined,
  mayHaveText: boolean,
): Promise<PdfiumText | string> {
  const retired = pdfiumRetireReason();
  if (retired) return `PDFium retired in this worker (${retired})`;
  if (bytes.length > MAX_PDFIUM_FILE_BYTES) return 'file larger than PDFium is given';
  const m = await loadPdfium();
  let doc;
  try {
    doc = openPdfiumDocument(m, bytes, fileName);
  } catch (e) {
    if (isWasmTrap(e)) retirePdfium(`trap on ${fileName}: ${(e as Error).message}`);
    return (e as Error).message;
  }
  try {
    const t = readPdfiumText(doc, limits.maxPdfPages, limits.maxTextChars, signal);
    if (t.errors) return `PDFium could not read ${t.errors} page(s)`;
    if (mayHaveText && doc.pageCount > 0 && t.text.trim() === '') return 'PDFium found no text';
    if (t.unmapped > MAX_UNMAPPED * t.glyphs) return `PDFium could not map ${t.unmapped} of ${t.glyphs} glyphs to Unicode`;
    return t;
  } catch (e) {
    if (signal?.aborted) throw e;
    if (!isWasmTrap(e)) return `PDFium failed: ${(e as Error).message}`;
    retirePdfium(`trap on ${fileName}: ${(e as Error).message}`);
    return `PDFium trapped: ${(e as Error).message}`;
  } finally {
    // After a trap the instance's state is unknown: leave it to the recycled worker.
    if (!pdfiumRetireReason()?.startsWith('trap')) doc.close();
    const heap = pdfiumHeapBytes(m);
    if (heap > RETIRE_HEAP_BYTES) retirePdfium(`heap grew to ${Math.round(heap / 2 ** 20)} MB on ${fileName}`);
  }
}

export interface TextOptions {
  signal?: AbortSignal;
  /** Pages also wanted as one line each (see readPdfText). */
  linesOf?: ReadonlySet<number>;
  /**
   * False when the file cannot hold text (the structure reader saw no font, no encryption, no
   * damage): PDFium's empty reading is then kept, and pdf.js does not read a scan's pages again.
   */
  mayHaveText?: boolean;
}

/**
 * The document's text, from PDFium or else from `doc` (pdf.js, already open). The pages in `linesOf`
 * come back as lines only from pdf.js (text-changes compares them with other revisions pdf.js read);
 * PDFium's reading leaves `lines` empty and text-changes reads them itself.
 */
export async function readDocumentText(
  bytes: Uint8Array,
  doc: PDFDocumentProxy,
  fileName: string,
  limits: Limits,
  { signal, linesOf, mayHaveText = true }: TextOptions = {},
): Promise<DocumentText> {
  const viaPdfium = await tryPdfium(bytes, fileName, limits, signal, mayHaveText);
  if (typeof viaPdfium !== 'string') return { ...viaPdfium, lines: new Map(), engine: 'pdfium' };
  const t = await readPdfText(doc, limits.maxPdfPages, limits.maxTextChars, signal, linesOf);
  return { ...t, engine: 'pdfjs', fallback: viaPdfium };
}
