// OCR of the pages a plan names: PDF pages rendered at 300 dpi, pictures normalised to PNG (decoded
// once, too-large ones scaled down, small ones such as screenshots scaled up), each recognised by the engine.

import { createCanvas } from '@napi-rs/canvas';
import { openPdf } from '../pdf/pdfjs.js';
import { decodeImage } from './document-image.js';
import { MAX_RENDER_PIXELS, OCR_DPI, renderOpenedPage } from './render.js';
import type { OcrEngine, OcrFileKind, OcrFileResult, OcrPage, OcrPlan } from './types.js';

/** Pictures narrower than this are enlarged (tesseract wants letters at least ~20 px tall). */
const MIN_IMAGE_WIDTH = 1800;
/** Enlarge by at most this factor. */
const MAX_UPSCALE = 3;

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new Error('aborted');
}

/** A picture as PNG at a size tesseract reads well, within MAX_RENDER_PIXELS. */
async function normaliseImage(bytes: Uint8Array): Promise<{ png: Uint8Array; widthPx: number; heightPx: number }> {
  const image = await decodeImage(bytes);
  if (!image) throw new Error('the image could not be decoded for OCR');
  let scale = image.width < MIN_IMAGE_WIDTH ? Math.min(MAX_UPSCALE, MIN_IMAGE_WIDTH / image.width) : 1;
  const pixels = image.width * image.height * scale * scale;
  if (pixels > MAX_RENDER_PIXELS) scale *= Math.sqrt(MAX_RENDER_PIXELS / pixels);
  const widthPx = Math.max(1, Math.round(image.width * scale));
  const heightPx = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(widthPx, heightPx);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, widthPx, heightPx);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, widthPx, heightPx);
  const png = await canvas.encode('png');
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), widthPx, heightPx };
}

/** Recognise every page of `plan`, one after the other on `engine`. */
export async function ocrFile(
  bytes: Uint8Array,
  kind: OcrFileKind,
  plan: OcrPlan,
  engine: OcrEngine,
  signal?: AbortSignal,
): Promise<OcrFileResult> {
  const pages: OcrPage[] = [];
  const result: OcrFileResult = { engine: 'tesseract.js', engineVersion: engine.version, langs: engine.langs, pages };
  if (plan.pages.length === 0) return result;
  throwIfAborted(signal);
  if (kind === 'image') {
    const { png, widthPx, heightPx } = await normaliseImage(bytes);
    throwIfAborted(signal);
    const { text, confidence } = await engine.recognize(png, signal);
    const p = plan.pages[0];
    pages.push({
      page: p.page,
      reason: p.reason,
      text,
      confidence,
      widthPx,
      heightPx,
      ...(p.layerText !== undefined ? { layerText: p.layerText } : {}),
    });
    return result;
  }
  const { doc, close } = await openPdf(bytes, signal);
  try {
    for (const p of plan.pages) {
      throwIfAborted(signal);
      if (p.page < 1 || p.page > doc.numPages) throw new Error(`OCR plan names page ${p.page}, the PDF has ${doc.numPages}`);
      const rendered = await renderOpenedPage(doc, p.page, OCR_DPI);
      throwIfAborted(signal);
      const { text, confidence } = await engine.recognize(rendered.png, signal);
      pages.push({
        page: p.page,
        reason: p.reason,
        text,
        confidence,
        widthPx: rendered.widthPx,
        heightPx: rendered.heightPx,
        ...(p.layerText !== undefined ? { layerText: p.layerText } : {}),
      });
    }
  } finally {
    await close();
  }
  return result;
}
