// Does a picture look like a document (scan, screenshot, photographed page) rather than a photo?
// A cheap look at a small greyscale copy: a bright, even background and rows of dense, short,
// high-contrast strokes separated by quiet rows (lines of text). Measured in docs/ocr.md.

import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';

/** Width of the greyscale copy the test looks at. */
const SAMPLE_WIDTH = 400;

export interface DocumentImageLook {
  /** Share of pixels within reach of the paper (bright background) level. */
  background: number;
  /** Share of pixels clearly darker than the paper (ink). */
  ink: number;
  /** Mean colourfulness (max-min of RGB, 0..255) of the background pixels. */
  backgroundChroma: number;
  /** Text-like row bands: runs of rows with many strong horizontal transitions between quiet rows. */
  textBands: number;
  /** Share of rows inside text bands. */
  bandShare: number;
  isDocument: boolean;
}

/** Decode an image (JPEG, PNG, WebP, GIF, BMP); undefined when the canvas cannot read it. */
export async function decodeImage(bytes: Uint8Array): Promise<Image | undefined> {
  try {
    return await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return undefined;
  }
}

/** Measure an image; `isDocument` is the decision (thresholds in docs/ocr.md). */
export function lookAtImage(image: Image): DocumentImageLook {
  const scale = Math.min(1, SAMPLE_WIDTH / image.width);
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0, w, h);
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const grey = new Uint8Array(w * h);
  const chroma = new Uint8Array(w * h);
  const histogram = new Uint32Array(256);
  for (let p = 0, q = 0; p < grey.length; p++, q += 4) {
    const r = rgba[q];
    const g = rgba[q + 1];
    const b = rgba[q + 2];
    const l = (r * 299 + g * 587 + b * 114) / 1000;
    grey[p] = l;
    chroma[p] = Math.max(r, g, b) - Math.min(r, g, b);
    histogram[grey[p]]++;
  }
  // The paper: the brightest level under which 90 % of the pixels lie (robust to a few highlights).
  let paper = 255;
  for (let acc = 0, l = 0; l < 256; l++) {
    acc += histogram[l];
    if (acc >= 0.9 * grey.length) {
      paper = l;
      break;
    }
  }
  let background = 0;
  let ink = 0;
  let chromaSum = 0;
  for (let p = 0; p < grey.length; p++) {
    if (grey[p] >= paper - 30) {
      background++;
      chromaSum += chroma[p];
    } else if (grey[p] < paper - 80) ink++;
  }
  // Rows: strong transitions per row, relative to width.
  const busy: boolean[] = [];
  const quiet: boolean[] = [];
  for (let y = 0; y < h; y++) {
    let t = 0;
    for (let x = 1; x < w; x++) if (Math.abs(grey[y * w + x] - grey[y * w + x - 1]) > 60) t++;
    busy.push(t >= w * 0.04);
    quiet.push(t <= w * 0.01);
  }
  // A text band: 2+ busy rows (a line of text) bounded by quiet rows on both sides, not too tall.
  let textBands = 0;
  let bandRows = 0;
  let y = 0;
  while (y < h) {
    if (!busy[y]) {
      y++;
      continue;
    }
    const start = y;
    while (y < h && !quiet[y]) y++;
    const height = y - start;
    const boundedAbove = start > 0 && quiet[start - 1];
    const boundedBelow = y < h && quiet[y];
    if (height >= 2 && height <= Math.max(6, h * 0.08) && boundedAbove && boundedBelow) {
      textBands++;
      bandRows += height;
    }
  }
  const n = grey.length;
  const look = {
    background: background / n,
    ink: ink / n,
    backgroundChroma: background > 0 ? chromaSum / background : 255,
    textBands,
    bandShare: bandRows / h,
  };
  return { ...look, isDocument: isDocumentLook(look) };
}

function isDocumentLook(l: Omit<DocumentImageLook, 'isDocument'>): boolean {
  return l.background >= 0.4 && l.ink >= 0.005 && l.ink <= 0.45 && l.textBands >= 4 && l.bandShare >= 0.1 && l.backgroundChroma <= 40;
}
