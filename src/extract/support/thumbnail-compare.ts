// Compare an embedded EXIF thumbnail with the image it claims to preview.
//
// Why: a camera writes the thumbnail from the same exposure as the image. Many editors rewrite the
// pixels but carry the old EXIF block over untouched, so a thumbnail that shows something else
// (the picture before a retouch, before a crop, another photo) is a classic trace of an edit.
// Innocent causes of a difference: a crop or rotation done by a tool that regenerated nothing,
// or a thumbnail written by software that letterboxes differently (handled below).
//
// Decoding uses jpeg-js (pure JavaScript, no native code, bounded by its own pixel and memory
// limits). The image is reduced to the thumbnail's size by averaging boxes of pixels; the result is
// the mean absolute difference of the R, G and B channels, 0 (identical) to 255.

import jpeg from 'jpeg-js';

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major. */
  data: Uint8Array;
}

/** Decode a baseline or progressive JPEG. Throws on corrupt data or when over the limits. */
export function decodeJpeg(bytes: Uint8Array, maxMegapixels: number, maxMemoryMb: number): RgbaImage {
  const img = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    tolerantDecoding: true,
    maxResolutionInMP: maxMegapixels,
    maxMemoryUsageInMB: maxMemoryMb,
  });
  if (!img.width || !img.height) throw new Error('JPEG has no pixels');
  return { width: img.width, height: img.height, data: img.data };
}

interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Average the pixels of a region of `src` into a w × h RGB image (box filter; when the region is
 * smaller than the target, boxes are single pixels, i.e. nearest neighbour).
 */
function boxResample(src: RgbaImage, r: Region, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const y0 = r.y + Math.floor((y * r.h) / h);
    const y1 = Math.max(y0 + 1, r.y + Math.floor(((y + 1) * r.h) / h));
    for (let x = 0; x < w; x++) {
      const x0 = r.x + Math.floor((x * r.w) / w);
      const x1 = Math.max(x0 + 1, r.x + Math.floor(((x + 1) * r.w) / w));
      let red = 0, green = 0, blue = 0;
      for (let yy = y0; yy < y1; yy++) {
        let p = (yy * src.width + x0) * 4;
        for (let xx = x0; xx < x1; xx++, p += 4) {
          red += src.data[p];
          green += src.data[p + 1];
          blue += src.data[p + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * w + x) * 3;
      out[o] = red / n;
      out[o + 1] = green / n;
      out[o + 2] = blue / n;
    }
  }
  return out;
}

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/** Centred sub-region of a w × h frame with the aspect ratio aw:ah. */
function centred(w: number, h: number, aw: number, ah: number): Region {
  const scale = Math.min(w / aw, h / ah);
  const cw = Math.max(1, Math.min(w, Math.round(aw * scale)));
  const ch = Math.max(1, Math.min(h, Math.round(ah * scale)));
  return { x: Math.floor((w - cw) / 2), y: Math.floor((h - ch) / 2), w: cw, h: ch };
}

/**
 * Side of the grid both pictures are reduced to before comparing. Thumbnails are re-compressed
 * at tiny sizes and resampled by unknown filters; at 32 pixels those differences average out
 * (genuine pairs in the corpus score 0.5-9) while a different or altered picture does not
 * (unrelated pairs score 36 and more).
 */
export const COMPARE_GRID = 32;

export interface ThumbnailComparison {
  /** Mean absolute difference, 0-255, under the mapping that fits best. */
  difference: number;
  /** 'stretch': thumbnail shows the whole frame squeezed; 'fit': the whole frame letterboxed;
   *  'crop': the centre of the frame at the thumbnail's aspect ratio. */
  mapping: 'stretch' | 'fit' | 'crop';
}

/**
 * Compare under the three mappings cameras use and keep the closest: Canon letterboxes a 3:2
 * frame into 160×120 with black bars, others squeeze it, some crop it. A genuine thumbnail
 * matches under one of them; an edited image matches under none.
 */
export function compareThumbnail(thumb: RgbaImage, image: RgbaImage): ThumbnailComparison {
  const fullThumb: Region = { x: 0, y: 0, w: thumb.width, h: thumb.height };
  const fullImage: Region = { x: 0, y: 0, w: image.width, h: image.height };
  const candidates: [ThumbnailComparison['mapping'], Region, Region][] = [
    ['stretch', fullThumb, fullImage],
    ['fit', centred(thumb.width, thumb.height, image.width, image.height), fullImage],
    ['crop', fullThumb, centred(image.width, image.height, thumb.width, thumb.height)],
  ];
  let best: ThumbnailComparison | undefined;
  for (const [mapping, t, i] of candidates) {
    const w = Math.min(COMPARE_GRID, t.w);
    const h = Math.max(1, Math.min(t.h, Math.round((w * t.h) / t.w)));
    const d = meanAbsDiff(boxResample(thumb, t, w, h), boxResample(image, i, w, h));
    if (!best || d < best.difference) best = { difference: d, mapping };
  }
  return { ...best!, difference: Math.round(best!.difference * 100) / 100 };
}
