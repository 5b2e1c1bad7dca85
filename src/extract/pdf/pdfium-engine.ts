// PDFium (WASM, @hyzyla/pdfium) loaded once per thread from the package's own pdfium.wasm file
// (never a URL); a trap poisons the instance, so the thread stops using it and asks to be recycled.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFiumModule } from '@hyzyla/pdfium';

/** The FPDF entry points this module calls (the package's typings name only a few of them). */
export interface PdfiumModule {
  _FPDF_InitLibraryWithConfig(config: number): void;
  _FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  _FPDF_GetLastError(): number;
  _FPDF_CloseDocument(doc: number): void;
  _FPDF_GetPageCount(doc: number): number;
  _FPDF_LoadPage(doc: number, index: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDFText_LoadPage(page: number): number;
  _FPDFText_ClosePage(textPage: number): void;
  _FPDFText_CountChars(textPage: number): number;
  _FPDFText_GetUnicode(textPage: number, index: number): number;
  _FPDFText_IsGenerated(textPage: number, index: number): number;
  _FPDFText_GetLooseCharBox(textPage: number, index: number, rect: number): number;
  _FPDFText_HasUnicodeMapError(textPage: number, index: number): number;
  wasmExports: { malloc(size: number): number; free(ptr: number): void };
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
}

/** FPDF_GetLastError codes (fpdfview.h). */
const LOAD_ERRORS: Record<number, string> = {
  1: 'unknown error',
  2: 'file not found or could not be opened',
  3: 'not a PDF or corrupted',
  4: 'password required or incorrect',
  5: 'unsupported security handler',
  6: 'page not found or content error',
};

export class PdfiumLoadError extends Error {
  constructor(
    readonly code: number,
    fileName: string,
  ) {
    super(`${fileName}: PDFium could not open the file (${LOAD_ERRORS[code] ?? `error ${code}`})`);
    this.name = 'PdfiumLoadError';
  }
}

let loading: Promise<PdfiumModule> | undefined;
/** Why this thread's instance must not be used again (a trap, or a heap grown past the limit). */
let retireReason: string | undefined;

function wasmBytes(): ArrayBuffer {
  const require = createRequire(import.meta.url);
  const file = readFileSync(require.resolve('@hyzyla/pdfium/pdfium.wasm'));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
}

/** The thread's PDFium instance, compiled from the local file on first use. */
export function loadPdfium(): Promise<PdfiumModule> {
  loading ??= (async () => {
    // locateFile is set so the loader never builds a URL to look for the file itself.
    const m = (await PDFiumModule({ wasmBinary: wasmBytes(), locateFile: () => '' })) as unknown as PdfiumModule;
    m._FPDF_InitLibraryWithConfig(0);
    return m;
  })();
  return loading;
}

/** Bytes of the instance's linear memory (it grows, never shrinks). */
export function pdfiumHeapBytes(m: PdfiumModule): number {
  return m.HEAPU8.byteLength;
}

/**
 * Mark the instance unusable: later documents in this thread go to pdf.js, and the worker asks to be
 * replaced after its current file (see ingest/worker.ts).
 */
export function retirePdfium(reason: string): void {
  retireReason ??= reason;
}

/** Set once the instance trapped or grew too large; the worker is recycled after its file. */
export function pdfiumRetireReason(): string | undefined {
  return retireReason;
}

/** A trap inside the WASM code (out-of-bounds access, unreachable, stack overflow in wasm). */
export function isWasmTrap(e: unknown): boolean {
  // (tsconfig's lib has no WebAssembly declarations)
  const wasm = (globalThis as { WebAssembly?: { RuntimeError: abstract new () => Error } }).WebAssembly;
  return !!wasm && e instanceof wasm.RuntimeError;
}

/** An opened document: its handle and the copy of its bytes in the WASM heap, freed together. */
export interface PdfiumDocument {
  readonly m: PdfiumModule;
  readonly handle: number;
  readonly pageCount: number;
  close(): void;
}

/** Copy the bytes into the heap and open them; throws PdfiumLoadError when PDFium refuses. */
export function openPdfiumDocument(m: PdfiumModule, bytes: Uint8Array, fileName: string): PdfiumDocument {
  const data = m.wasmExports.malloc(Math.max(1, bytes.length));
  if (!data) throw new Error(`${fileName}: PDFium could not allocate ${bytes.length} bytes`);
  m.HEAPU8.set(bytes, data);
  const handle = m._FPDF_LoadMemDocument(data, bytes.length, 0);
  if (!handle) {
    const code = m._FPDF_GetLastError();
    m.wasmExports.free(data);
    throw new PdfiumLoadError(code, fileName);
  }
  let open = true;
  return {
    m,
    handle,
    pageCount: m._FPDF_GetPageCount(handle),
    close() {
      if (!open) return;
      open = false;
      m._FPDF_CloseDocument(handle);
      m.wasmExports.free(data);
    },
  };
}
