// Hand-made local edits of a real camera JPEG that keep its EXIF segment (and so its original
// thumbnail), as a forger re-saving the pixels and copying the metadata back would leave them.
import jpeg from 'jpeg-js';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Edit =
  | { kind: 'paste'; rect: Rect; colour: [number, number, number] }
  | { kind: 'blur'; rect: Rect; radius: number }
  | { kind: 'clone'; rect: Rect; from: { x: number; y: number } }
  | { kind: 'text'; rect: Rect; colour: [number, number, number] };

/** The APP1 'Exif' segment of a JPEG, marker included. */
function exifSegment(b: Uint8Array): Uint8Array {
  for (let i = 2; i + 4 <= b.length && b[i] === 0xff;) {
    const m = b[i + 1];
    const len = (b[i + 2] << 8) | b[i + 3];
    if (m === 0xe1 && String.fromCharCode(...b.subarray(i + 4, i + 8)) === 'Exif') return b.subarray(i, i + 2 + len);
    if (m === 0xda) break;
    i += 2 + len;
  }
  throw new Error('no EXIF APP1 segment');
}

function applyEdit(px: Uint8Array, w: number, h: number, e: Edit): void {
  const r = e.rect;
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h;
  if (e.kind === 'paste') {
    // A flat patch with a little texture, as a pasted object or a painted-over area.
    for (let y = r.y; y < r.y + r.h; y++)
      for (let x = r.x; x < r.x + r.w; x++) {
        if (!inside(x, y)) continue;
        const p = (y * w + x) * 4,
          n = ((x * 7 + y * 13) % 17) - 8;
        for (let c = 0; c < 3; c++) px[p + c] = Math.max(0, Math.min(255, e.colour[c] + n));
      }
  } else if (e.kind === 'clone') {
    const src = Uint8Array.from(px);
    for (let y = 0; y < r.h; y++)
      for (let x = 0; x < r.w; x++) {
        const sx = e.from.x + x,
          sy = e.from.y + y;
        if (!inside(r.x + x, r.y + y) || !inside(sx, sy)) continue;
        const p = ((r.y + y) * w + r.x + x) * 4,
          q = (sy * w + sx) * 4;
        for (let c = 0; c < 3; c++) px[p + c] = src[q + c];
      }
  } else if (e.kind === 'blur') {
    // Separable box blur restricted to the rectangle.
    const k = e.radius;
    for (const horizontal of [true, false]) {
      const src = Uint8Array.from(px);
      for (let y = r.y; y < r.y + r.h; y++)
        for (let x = r.x; x < r.x + r.w; x++) {
          if (!inside(x, y)) continue;
          const acc = [0, 0, 0];
          let n = 0;
          for (let d = -k; d <= k; d++) {
            const sx = horizontal ? x + d : x,
              sy = horizontal ? y : y + d;
            if (!inside(sx, sy)) continue;
            const q = (sy * w + sx) * 4;
            for (let c = 0; c < 3; c++) acc[c] += src[q + c];
            n++;
          }
          const p = (y * w + x) * 4;
          for (let c = 0; c < 3; c++) px[p + c] = Math.round(acc[c] / n);
        }
    }
  } else {
    // Block letters: vertical strokes every third of a glyph cell and a bar across, like a caption.
    const stroke = Math.max(2, Math.round(r.h / 6));
    for (let y = r.y; y < r.y + r.h; y++)
      for (let x = r.x; x < r.x + r.w; x++) {
        if (!inside(x, y)) continue;
        const gx = (x - r.x) % (3 * stroke),
          gy = y - r.y;
        const ink = gx < stroke || (gy >= r.h / 2 - stroke / 2 && gy < r.h / 2 + stroke / 2 && gx < 2 * stroke);
        if (!ink) continue;
        const p = (y * w + x) * 4;
        for (let c = 0; c < 3; c++) px[p + c] = e.colour[c];
      }
  }
}

/**
 * Decode `original`, apply the edits (rectangles as fractions of the picture when all values are
 * below 1, else pixels), re-encode with jpeg-js at `quality` and put the original EXIF segment back.
 */
export function spliceJpeg(original: Uint8Array, edits: Edit[], quality = 92): Uint8Array {
  const img = jpeg.decode(original, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  const { width: w, height: h } = img;
  const px = new Uint8Array(img.data);
  const abs = (r: Rect): Rect =>
    r.x < 1 && r.y < 1 && r.w <= 1 && r.h <= 1
      ? { x: Math.round(r.x * w), y: Math.round(r.y * h), w: Math.round(r.w * w), h: Math.round(r.h * h) }
      : r;
  for (const e of edits) {
    const rect = abs(e.rect);
    const from =
      e.kind === 'clone' && e.from.x < 1 && e.from.y < 1 ? { x: Math.round(e.from.x * w), y: Math.round(e.from.y * h) } : undefined;
    applyEdit(px, w, h, e.kind === 'clone' ? { ...e, rect, from: from ?? e.from } : { ...e, rect });
  }
  const encoded = jpeg.encode({ width: w, height: h, data: px }, quality).data;
  const exif = exifSegment(original);
  // jpeg-js writes SOI then APP0 JFIF: put the camera's EXIF right after SOI.
  const out = new Uint8Array(encoded.length + exif.length);
  out.set(encoded.subarray(0, 2), 0);
  out.set(exif, 2);
  out.set(encoded.subarray(2), 2 + exif.length);
  return out;
}
