// Document pictures rendered for the OCR tests: letters, memos and screenshots in French and
// English, with noise, skew and blur; image-only PDFs built from them with pdf-lib.
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { prng } from '../../../src/bench/synthetic-case.js';

export interface PictureSpec {
  lines: string[];
  /** Page size in pixels. */
  width: number;
  height: number;
  fontPx: number;
  font?: string;
  /** Rotation of the text block, degrees. */
  skewDeg?: number;
  /** Gaussian-like blur radius, pixels (0: none). */
  blurPx?: number;
  /** Amplitude of uniform pixel noise, 0..255. */
  noise?: number;
  /** Paper colour and an uneven light (photographed page). */
  paper?: string;
  shading?: boolean;
  /** Draw a coloured title bar and window chrome (screenshot). */
  screenshot?: boolean;
  seed?: number;
}

function drawText(ctx: SKRSContext2D, s: PictureSpec, top: number): void {
  ctx.save();
  ctx.translate(s.width / 2, s.height / 2);
  ctx.rotate(((s.skewDeg ?? 0) * Math.PI) / 180);
  ctx.translate(-s.width / 2, -s.height / 2);
  ctx.fillStyle = '#141414';
  ctx.font = `${s.fontPx}px ${s.font ?? 'DejaVu Serif, serif'}`;
  let y = top + s.fontPx;
  for (const line of s.lines) {
    ctx.fillText(line, Math.round(s.width * 0.08), y);
    y += Math.round(s.fontPx * 1.6);
  }
  ctx.restore();
}

/** Render a page; returns the canvas's PNG or JPEG bytes. */
export async function renderPicture(s: PictureSpec, format: 'png' | 'jpeg' = 'png', quality = 85): Promise<Uint8Array> {
  const canvas = createCanvas(s.width, s.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = s.paper ?? '#ffffff';
  ctx.fillRect(0, 0, s.width, s.height);
  let top = Math.round(s.height * 0.08);
  if (s.screenshot) {
    ctx.fillStyle = '#2d5b9a';
    ctx.fillRect(0, 0, s.width, 36);
    ctx.fillStyle = '#ffffff';
    ctx.font = '16px DejaVu Sans, sans-serif';
    ctx.fillText('Messagerie interne', 12, 24);
    ctx.fillStyle = '#e8e8e8';
    ctx.fillRect(0, 36, 160, s.height - 36);
    top = 60;
  }
  if (s.blurPx) ctx.filter = `blur(${s.blurPx}px)`;
  drawText(ctx, s, top);
  ctx.filter = 'none';
  if (s.shading || s.noise) {
    const img = ctx.getImageData(0, 0, s.width, s.height);
    const d = img.data;
    const rnd = prng(s.seed ?? 7);
    for (let y = 0; y < s.height; y++) {
      for (let x = 0; x < s.width; x++) {
        const i = (y * s.width + x) * 4;
        // light falls off towards one corner, like a page photographed under a lamp
        const light = s.shading ? 1 - 0.22 * ((x / s.width + y / s.height) / 2) : 1;
        const n = s.noise ? (rnd() - 0.5) * 2 * s.noise : 0;
        for (let c = 0; c < 3; c++) d[i + c] = Math.max(0, Math.min(255, d[i + c] * light + n));
      }
    }
    ctx.putImageData(img, 0, 0);
  }
  const out = format === 'png' ? await canvas.encode('png') : await canvas.encode('jpeg', quality);
  return new Uint8Array(out);
}

/** An image-only PDF: one page per picture, each filling an A4 page. */
export async function imageOnlyPdf(pictures: { bytes: Uint8Array; format: 'png' | 'jpeg' }[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const p of pictures) {
    const img = p.format === 'png' ? await pdf.embedPng(p.bytes) : await pdf.embedJpg(p.bytes);
    const page = pdf.addPage([595.28, 841.89]);
    page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return pdf.save({ useObjectStreams: false });
}

/** Lower-case words of 4+ letters or digits, accents kept, for recall comparisons. */
export function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .normalize('NFC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4),
  );
}

/** Share of the expected words found in the OCR text, and the ones missed. */
export function recall(expected: string[], ocrText: string): { recall: number; missed: string[] } {
  const want = words(expected.join(' '));
  const got = words(ocrText);
  const missed = [...want].filter((w) => !got.has(w));
  return { recall: want.size === 0 ? 1 : (want.size - missed.length) / want.size, missed };
}
