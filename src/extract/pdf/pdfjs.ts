// pdf.js set up for hostile input in Node (no eval, fonts, network or worker thread); its worker
// module registered as globalThis.pdfjsWorker so it loads in any thread or utility process.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfjsLib = typeof PdfjsModule;

let loading: Promise<PdfjsLib> | undefined;

/** Import pdf.js once per thread, with its worker code registered in-thread. */
function loadPdfjs(): Promise<PdfjsLib> {
  loading ??= (async () => {
    // The worker module has no type declarations; a computed specifier keeps tsc out of it.
    const workerSpecifier = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const worker = (await import(workerSpecifier)) as { WorkerMessageHandler: unknown };
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/** Local folder of pdf.js's packed CMaps (CJK text needs them); a path, never a URL. */
const CMAP_DIR: string | undefined = (() => {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps') + '/';
  } catch {
    return undefined;
  }
})();

export class PdfPasswordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfPasswordError';
  }
}

export interface OpenedPdf {
  doc: PDFDocumentProxy;
  close(): Promise<void>;
}

/**
 * Open a PDF from bytes (copied: pdf.js takes ownership of the buffer it is given).
 * Throws PdfPasswordError when a user password is needed, another Error when pdf.js gives up.
 */
export async function openPdf(bytes: Uint8Array, signal?: AbortSignal): Promise<OpenedPdf> {
  const lib = await loadPdfjs();
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    password: '',
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    // no standardFontDataUrl: glyph outlines are not needed for text, and nothing is fetched
    useWorkerFetch: false,
    useWasm: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
  });
  const onAbort = (): void => void task.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const doc = await task.promise;
    return {
      doc,
      close: async () => {
        signal?.removeEventListener('abort', onAbort);
        await task.destroy();
      },
    };
  } catch (e) {
    signal?.removeEventListener('abort', onAbort);
    await task.destroy().catch(() => undefined);
    const err = e as { name?: string; message?: string };
    if (err?.name === 'PasswordException') throw new PdfPasswordError(err.message ?? 'password required');
    throw e instanceof Error ? e : new Error(String(err?.message ?? e));
  }
}

export interface PdfText {
  text: string;
  /** Pages read. */
  pages: number;
  /** Pages whose text could not be read. */
  errors: number;
  /** Stopped at maxChars or maxPages. */
  truncated: boolean;
  /** The pages asked for as `linesOf`, each as one line (see readPageLine), when read. */
  lines: Map<number, string>;
}

type TextItems = Awaited<ReturnType<Awaited<ReturnType<PDFDocumentProxy['getPage']>>['getTextContent']>>['items'];

/** Text items as one line: joined with a space (or the line break pdf.js reports), whitespace runs folded. */
function asLine(items: TextItems): string {
  return items
    .map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text of one page as a single line. Two revisions of a page compare equal when their words and
 * reading order are.
 */
export async function readPageLine(doc: PDFDocumentProxy, pageNumber: number): Promise<string> {
  const page = await doc.getPage(pageNumber);
  try {
    return asLine((await page.getTextContent()).items);
  } finally {
    page.cleanup();
  }
}

/**
 * Text of the first `maxPages` pages, up to `maxChars` characters; a page that fails is skipped.
 * The pages in `linesOf` are also given as one line each (read once for both).
 */
export async function readPdfText(
  doc: PDFDocumentProxy,
  maxPages: number,
  maxChars: number,
  signal?: AbortSignal,
  linesOf?: ReadonlySet<number>,
): Promise<PdfText> {
  const lines = new Map<number, string>();
  const parts: string[] = [];
  let chars = 0;
  let pages = 0;
  let errors = 0;
  const last = Math.min(doc.numPages, Math.max(0, maxPages));
  let truncated = doc.numPages > last;
  for (let p = 1; p <= last; p++) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    if (chars >= maxChars) {
      truncated = true;
      break;
    }
    try {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      if (linesOf?.has(p)) lines.set(p, asLine(content.items));
      let s = '';
      for (const item of content.items) {
        if ('str' in item) {
          s += item.str;
          if (item.hasEOL) s += '\n';
        }
      }
      page.cleanup();
      parts.push(s);
      chars += s.length + 2;
      pages++;
    } catch {
      errors++;
    }
  }
  let text = parts.join('\n\n');
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    truncated = true;
  }
  return { text, pages, errors, truncated, lines };
}
