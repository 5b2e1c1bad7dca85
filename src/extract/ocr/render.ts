// A PDF page as a bitmap for OCR (and for the app's page image): pdf.js drawing on @napi-rs/canvas,
// the canvas pdf.js itself uses in Node. The pixel count is capped so a huge page cannot eat memory.

import { createCanvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf } from '../pdf/pdfjs.js';

/** Resolution OCR renders at: tesseract reads best at 300 dpi. */
export const OCR_DPI = 300;

/** At most 16 megapixels (64 MB of RGBA): an A4 page at 300 dpi is 8.7. Larger pages get fewer dpi. */
export const MAX_RENDER_PIXELS = 16_000_000;

export interface RenderedPage {
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
  /** The resolution used (lower than asked when the page would exceed MAX_RENDER_PIXELS). */
  dpi: number;
}

/** Render one page (1-based) of an opened document on a white background. */
export async function renderOpenedPage(doc: PDFDocumentProxy, pageNumber: number, dpi: number): Promise<RenderedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const unit = page.getViewport({ scale: 1 });
    let scale = dpi / 72;
    const pixels = unit.width * unit.height * scale * scale;
    if (pixels > MAX_RENDER_PIXELS) scale *= Math.sqrt(MAX_RENDER_PIXELS / pixels);
    const viewport = page.getViewport({ scale });
    const widthPx = Math.max(1, Math.floor(viewport.width));
    const heightPx = Math.max(1, Math.floor(viewport.height));
    const canvas = createCanvas(widthPx, heightPx);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, widthPx, heightPx);
    // pdf.js types its canvas as the DOM's; @napi-rs/canvas implements the same drawing API.
    type RenderParams = Parameters<typeof page.render>[0];
    await page.render({ canvas: canvas as unknown as RenderParams['canvas'], viewport } as RenderParams).promise;
    const png = await canvas.encode('png');
    return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), widthPx, heightPx, dpi: (scale * 72) | 0 };
  } finally {
    page.cleanup();
  }
}

/** Render one page (1-based) of a PDF to PNG at about `dpi` (capped at MAX_RENDER_PIXELS). */
export async function renderPdfPage(bytes: Uint8Array, pageNumber: number, dpi: number = OCR_DPI): Promise<Uint8Array> {
  const { doc, close } = await openPdf(bytes);
  try {
    if (pageNumber < 1 || pageNumber > doc.numPages) throw new Error(`page ${pageNumber} out of range (the PDF has ${doc.numPages})`);
    return (await renderOpenedPage(doc, pageNumber, dpi)).png;
  } finally {
    await close();
  }
}
