// Which PDF pages need OCR, from pdf.js's text content and operator list (nothing is rendered):
// pages without text, pages whose text covers almost none of their images, and searchable scans
// (an image under invisible text, or text drawn and then covered by an image). docs/ocr.md.

import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readPageLine } from '../pdf/pdfjs.js';
import type { OcrPagePlan } from './types.js';

/** pdf.js operator codes (pdfjs-dist OPS; stable since pdf.js 2). */
const OP = {
  save: 10,
  restore: 11,
  transform: 12,
  setTextRenderingMode: 38,
  showText: 44,
  showSpacedText: 45,
  nextLineShowText: 46,
  nextLineSetSpacingShowText: 47,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  paintImageMaskXObject: 83,
  paintImageXObject: 85,
  paintInlineImageXObject: 86,
  paintImageXObjectRepeat: 88,
  constructPath: 91,
} as const;

/** A page with less text than this (non-blank characters) counts as having none. */
const MIN_TEXT_CHARS = 3;
/** Images must cover this share of the page before their lack of text matters. */
const MIN_IMAGE_SHARE = 0.25;
/** Text boxes covering less than this share of the images' area: the images carry unread text. */
const MAX_TEXT_COVER = 0.02;
/** An image this big (share of the page) is "the page" of a scan. */
const SCAN_IMAGE_SHARE = 0.6;
/** Share of the glyphs in an invisible render mode (3, or 7: clip only) that makes a text layer. */
const INVISIBLE_SHARE = 0.5;
/** A page without text or images drawn with this many paths may be outlined text. */
const OUTLINED_TEXT_PATHS = 200;

type Matrix = [number, number, number, number, number, number];
interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n: apply m, then n (PDF concatenation: CTM' = M × CTM). */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** Bounding box of the unit square (where images are drawn) under a matrix. */
function unitSquare(m: Matrix): Rect {
  const xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]];
  const ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]];
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function area(r: Rect): number {
  return Math.max(0, r.x1 - r.x0) * Math.max(0, r.y1 - r.y0);
}

function intersect(a: Rect, b: Rect): Rect {
  return { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
}

function glyphCount(fn: number, args: unknown[]): number {
  const glyphs = fn === OP.nextLineSetSpacingShowText ? args[2] : args[0];
  if (!Array.isArray(glyphs)) return 0;
  let n = 0;
  for (const g of glyphs) if (g !== null && typeof g === 'object') n++;
  return n;
}

/** What the operator list says about a page's drawing. */
interface Drawing {
  images: { rect: Rect; afterVisibleGlyphs: number }[];
  visibleGlyphs: number;
  invisibleGlyphs: number;
  paths: number;
}

function readDrawing(fnArray: number[], argsArray: unknown[][], page: Rect): Drawing {
  const d: Drawing = { images: [], visibleGlyphs: 0, invisibleGlyphs: 0, paths: 0 };
  let ctm: Matrix = IDENTITY;
  let mode = 0;
  const stack: { ctm: Matrix; mode: number }[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] ?? [];
    switch (fn) {
      case OP.save:
        stack.push({ ctm, mode });
        break;
      case OP.restore:
      case OP.paintFormXObjectEnd: {
        const top = stack.pop();
        if (top) ({ ctm, mode } = top);
        break;
      }
      case OP.transform:
        ctm = multiply(args as Matrix, ctm);
        break;
      case OP.paintFormXObjectBegin: {
        stack.push({ ctm, mode });
        const m = args[0];
        if (Array.isArray(m) && m.length === 6) ctm = multiply(m as Matrix, ctm);
        break;
      }
      case OP.setTextRenderingMode:
        mode = Number(args[0]) || 0;
        break;
      case OP.showText:
      case OP.showSpacedText:
      case OP.nextLineShowText:
      case OP.nextLineSetSpacingShowText:
        if (mode === 3 || mode === 7) d.invisibleGlyphs += glyphCount(fn, args);
        else d.visibleGlyphs += glyphCount(fn, args);
        break;
      case OP.paintImageXObject:
      case OP.paintInlineImageXObject:
      case OP.paintImageMaskXObject:
      case OP.paintImageXObjectRepeat:
        d.images.push({ rect: intersect(unitSquare(ctm), page), afterVisibleGlyphs: d.visibleGlyphs });
        break;
      case OP.constructPath:
        d.paths++;
        break;
    }
  }
  return d;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Decide whether one page needs OCR, and why. */
export async function planPdfPage(doc: PDFDocumentProxy, pageNumber: number): Promise<OcrPagePlan | undefined> {
  const page = await doc.getPage(pageNumber);
  let drawing: Drawing;
  let items: TextItem[];
  let pageRect: Rect;
  try {
    const [x0, y0, x1, y1] = page.view;
    pageRect = { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
    items = (await page.getTextContent()).items.flatMap((i) => ('str' in i ? [i as TextItem] : []));
    const ops = await page.getOperatorList();
    drawing = readDrawing(ops.fnArray, ops.argsArray as unknown[][], pageRect);
  } finally {
    page.cleanup();
  }
  const pageArea = Math.max(1, area(pageRect));
  const textChars = items.reduce((n, i) => n + i.str.replace(/\s+/g, '').length, 0);
  const imageArea = drawing.images.reduce((n, i) => n + area(i.rect), 0);
  if (textChars < MIN_TEXT_CHARS) {
    if (drawing.images.length > 0 || drawing.paths >= OUTLINED_TEXT_PATHS) return { page: pageNumber, reason: 'no-text' };
    return undefined;
  }
  const scan = drawing.images.find((i) => area(i.rect) >= SCAN_IMAGE_SHARE * pageArea);
  const glyphs = drawing.visibleGlyphs + drawing.invisibleGlyphs;
  if (scan && glyphs > 0 && drawing.invisibleGlyphs / glyphs >= INVISIBLE_SHARE) {
    return { page: pageNumber, reason: 'invisible-text', layerText: await readPageLine(doc, pageNumber) };
  }
  if (scan && drawing.visibleGlyphs > 0 && scan.afterVisibleGlyphs / drawing.visibleGlyphs >= 0.5) {
    const inside = items.filter((i) => {
      const [x, y] = [i.transform[4], i.transform[5]];
      return x >= scan.rect.x0 && x <= scan.rect.x1 && y >= scan.rect.y0 && y <= scan.rect.y1;
    }).length;
    if (inside >= items.length / 2) return { page: pageNumber, reason: 'text-under-image', layerText: await readPageLine(doc, pageNumber) };
  }
  if (imageArea >= MIN_IMAGE_SHARE * pageArea) {
    let covered = 0;
    for (const item of items) {
      const box: Rect = {
        x0: item.transform[4],
        y0: item.transform[5],
        x1: item.transform[4] + item.width,
        y1: item.transform[5] + item.height,
      };
      for (const img of drawing.images) covered += area(intersect(box, img.rect));
    }
    if (covered / imageArea < MAX_TEXT_COVER) return { page: pageNumber, reason: 'low-text-coverage' };
  }
  return undefined;
}
