// What a file needs OCR for: planPdfPage for each page of a PDF, the document-image test for a
// picture. Cheap (nothing is rendered or recognised); an unreadable file gets an empty plan.

import { openPdf } from '../pdf/pdfjs.js';
import { decodeImage, lookAtImage } from './document-image.js';
import { planPdfPage } from './pdf-pages.js';
import type { OcrFileKind, OcrPagePlan, OcrPlan } from './types.js';

/** Pages of one PDF planned at most (a 5,000-page scan is OCRed up to here). */
const MAX_OCR_PAGES = 2000;

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
}

export async function planOcr(bytes: Uint8Array, kind: OcrFileKind, signal?: AbortSignal): Promise<OcrPlan> {
  throwIfAborted(signal);
  if (kind === 'image') {
    const image = await decodeImage(bytes);
    return { pages: image && lookAtImage(image).isDocument ? [{ page: 1, reason: 'document-image' }] : [] };
  }
  let opened;
  try {
    opened = await openPdf(bytes, signal);
  } catch {
    throwIfAborted(signal);
    return { pages: [] };
  }
  try {
    const pages: OcrPagePlan[] = [];
    const last = Math.min(opened.doc.numPages, MAX_OCR_PAGES);
    for (let p = 1; p <= last; p++) {
      throwIfAborted(signal);
      try {
        const plan = await planPdfPage(opened.doc, p);
        if (plan) pages.push(plan);
      } catch {
        throwIfAborted(signal);
        // a page pdf.js cannot read is not OCRed (it could not be rendered either)
      }
    }
    return { pages };
  } finally {
    await opened.close();
  }
}
