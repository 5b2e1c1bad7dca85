// Does a picture look like a document (scan, screenshot, photographed page) rather than a photo?
// A cheap look at a small greyscale copy: a bright, even background and rows of dense, short,
// high-contrast strokes separated by quiet rows (lines of text). Measured in docs/ocr.md.

import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';

/** Width of the greyscale copy the test looks at. */
const SAMPLE_WIDTH = 600;

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

const startsWith = (b: Uint8Array, at: number, ...sig: number[]) => sig.every((x, i) => b[at + i] === x);

/** The formats the canvas decodes safely; anything else (TIFF crashes @napi-rs/canvas 0.1.100) is refused. */
function canvasReadable(b: Uint8Array): boolean {
  return (
    startsWith(b, 0, 0xff, 0xd8, 0xff) || // JPEG
    startsWith(b, 0, 0x89, 0x50, 0x4e, 0x47) || // PNG
    startsWith(b, 0, 0x47, 0x49, 0x46, 0x38) || // GIF
    (startsWith(b, 0, 0x52, 0x49, 0x46, 0x46) && startsWith(b, 8, 0x57, 0x45, 0x42, 0x50)) || // WebP
    startsWith(b, 0, 0x42, 0x4d) // BMP
  );
}

/** Decode a JPEG, PNG, GIF, WebP or BMP image; undefined for other formats or when it cannot be read. */
export async function decodeImage(bytes: Uint8Array): Promise<Image | undefined> {
  if (!canvasReadable(bytes)) return undefined;
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
  const paper = percentile(histogram, grey.length, 0.9);
  // A stroke: a step of at least a quarter of the paper-to-ink contrast (the ink: the darkest 0.2 %).
  const step = Math.max(16, (paper - percentile(histogram, grey.length, 0.002)) / 4);
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
    for (let x = 2; x < w; x += 2) if (Math.abs(grey[y * w + x] - grey[y * w + x - 2]) > step) t++;
    busy.push(t >= w * 0.02);
    quiet.push(t <= w * 0.005);
  }
  // A text band: a run of non-quiet rows between quiet rows, with 2+ busy rows, not too tall.
  let textBands = 0;
  let bandRows = 0;
  let y = 0;
  while (y < h) {
    if (quiet[y]) {
      y++;
      continue;
    }
    const start = y;
    let busyRows = 0;
    while (y < h && !quiet[y]) if (busy[y++]) busyRows++;
    const height = y - start;
    if (start > 0 && y < h && busyRows >= 2 && height <= Math.max(6, h * 0.08)) {
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

/** The grey level under which `share` of the pixels lie. */
function percentile(histogram: Uint32Array, total: number, share: number): number {
  for (let acc = 0, l = 0; l < 256; l++) {
    acc += histogram[l];
    if (acc >= share * total) return l;
  }
  return 255;
}

function isDocumentLook(l: Omit<DocumentImageLook, 'isDocument'>): boolean {
  return l.background >= 0.4 && l.ink >= 0.005 && l.ink <= 0.45 && l.textBands >= 4 && l.bandShare >= 0.05 && l.backgroundChroma <= 40;
}
