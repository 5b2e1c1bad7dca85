// The OCR engine's boundary types: what the scan asks OCR for (a plan) and what it gets back (a
// result per file). The integration codes against these; docs/ocr.md explains the choices.

/** Tesseract language codes, e.g. ['fra','eng']. Default ['eng','fra']. */
export interface OcrOptions {
  langs: string[];
}

/** Why a page is OCRed. */
type OcrReason =
  /** A PDF page without any text. */
  | 'no-text'
  /** A PDF page whose text covers almost none of its drawn images. */
  | 'low-text-coverage'
  /** A searchable scan: the page is an image under invisible text (render mode 3). */
  | 'invisible-text'
  /** A searchable scan: the text is drawn and then covered by an image. */
  | 'text-under-image'
  /** An image file that looks like a document (scan, screenshot, photographed page). */
  | 'document-image';

export interface OcrPagePlan {
  /** 1-based page number; 1 for an image file. */
  page: number;
  reason: OcrReason;
  /** The PDF's own hidden/under-image text of that page (searchable scans), one line. */
  layerText?: string;
}

/** Pages to OCR; empty: nothing to OCR. */
export interface OcrPlan {
  pages: OcrPagePlan[];
}

export interface OcrPage {
  page: number;
  reason: OcrReason;
  text: string;
  /** Mean word confidence, 0..100. */
  confidence: number;
  /** The PDF's own hidden/under-image text of that page (searchable scans). */
  layerText?: string;
  /** Size of the bitmap that was recognised. */
  widthPx: number;
  heightPx: number;
}

export interface OcrFileResult {
  engine: 'tesseract.js';
  engineVersion: string;
  /** Tesseract language string, e.g. 'eng+fra'. */
  langs: string;
  pages: OcrPage[];
}

/** One tesseract worker; recognize() calls are serialised by the caller (one page at a time). */
export interface OcrEngine {
  /** Recognise one PNG/JPEG image (bytes). An abort terminates the worker (tesseract cannot stop
   *  mid-page): the promise rejects at once and the engine is closed; start a new one to go on. */
  recognize(png: Uint8Array, signal?: AbortSignal): Promise<{ text: string; confidence: number }>;
  readonly version: string;
  readonly langs: string;
  close(): Promise<void>;
}

/** Which kind of file a plan is made for. */
export type OcrFileKind = 'pdf' | 'image';

// Functions exported by the engine (and where):
//
// src/extract/ocr/plan.ts
//   planOcr(bytes: Uint8Array, kind: OcrFileKind, signal?: AbortSignal): Promise<OcrPlan>
//     Cheap: pdf.js text content + operator lists (no rendering); for images a downscaled
//     greyscale look (docs/ocr.md). Never throws for an unreadable file: returns an empty plan.
//
// src/extract/ocr/ocr-file.ts
//   ocrFile(bytes: Uint8Array, kind: OcrFileKind, plan: OcrPlan, engine: OcrEngine,
//           signal?: AbortSignal): Promise<OcrFileResult>
//     Renders each planned PDF page (or normalises the image) and recognises it. Throws on an
//     image it cannot decode (planOcr gives such images an empty plan) or on abort.
//
// src/extract/ocr/engine.ts
//   createOcrEngine(opts: OcrOptions): Promise<OcrEngine>
//     tesseract.js with local worker, core and language data (@tesseract.js-data/<lang>); nothing
//     fetched. Throws an Error naming the missing @tesseract.js-data/<lang> package.
//   DEFAULT_OCR_LANGS: readonly string[]  (['eng','fra'])
//
// src/extract/ocr/render.ts
//   renderPdfPage(bytes: Uint8Array, page: number, dpi = OCR_DPI): Promise<Uint8Array /* PNG */>
//     Pixel count capped at MAX_RENDER_PIXELS (a huge page is rendered at a lower dpi).
//
// src/checks/document/pdf-text-layer.ts
//   textLayerFindings(result: OcrFileResult): FindingDraft[]  (typed there as TextLayerOcrResult,
//     the same shape restated: checks may not import extractors)
//   pdfTextLayerInfo: check metadata (id 'pdf.text-layer', detects, whyForgersLeaveIt, ...)
