// Compare an EXIF thumbnail with the image it previews: both reduced to a grid, mean absolute
// difference of R, G, B (0-255); why it matters is in docs/extract.md (Thumbnails).

import jpeg from 'jpeg-js';
import { decodeJpegDc } from './jpeg-dc.js';

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major. */
  data: Uint8Array;
}

/** A picture decoded at reduced scale: each pixel is the mean of a scale × scale block of the
 *  fullWidth × fullHeight picture (the last row and column of blocks may be cut by the edges). */
export interface ScaledImage extends RgbaImage {
  scale: number;
  fullWidth: number;
  fullHeight: number;
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

/**
 * Smallest side, in 1/8-scale pixels, at which block means stand for the box average of the full
 * picture: at 60 (480 pixels) a grid cell spans ~2 blocks, and the difference moves by under 1 on
 * the corpus and the demo photos; with fewer the blocks straddling cell edges blur it more (up to
 * 2 at 300-400 pixels, 13 at 100). Pictures below that are cheap to decode in full.
 */
const MIN_SCALED_SIDE = 60;

export interface MainImage {
  image: RgbaImage | ScaledImage;
  /** Rows of the full picture decoded from real data (less than its height when the data ends early). */
  decodedRows: number;
}

/**
 * Decode the main image for the comparison: at 1/8 scale when the 1/8 decoder handles the coding
 * and the result still fills the comparison grid, else by a full jpeg-js decode.
 */
export function decodeMainImage(bytes: Uint8Array, maxMegapixels: number, maxMemoryMb: number): MainImage {
  try {
    const dc = decodeJpegDc(bytes, maxMegapixels, MIN_SCALED_SIDE);
    return { image: dc, decodedRows: dc.decodedRows };
  } catch {
    // Small, or a coding the 1/8 decoder refuses (arithmetic, 12-bit, CMYK...): jpeg-js decides.
  }
  const full = decodeJpeg(bytes, maxMegapixels, maxMemoryMb);
  return { image: full, decodedRows: full.height };
}

interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Average the pixels of a region of `src` into a w × h RGB image (box filter; when the region is
 * smaller than the target, boxes are single pixels, i.e. nearest neighbour). The region is in
 * full-picture pixels; for a scaled picture each block counts by its overlap with the box, so the
 * result is the box average of the full picture had every block been flat.
 */
function boxResample(src: RgbaImage, scale: number, r: Region, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const y0 = r.y + Math.floor((y * r.h) / h);
    const y1 = Math.max(y0 + 1, r.y + Math.floor(((y + 1) * r.h) / h));
    for (let x = 0; x < w; x++) {
      const x0 = r.x + Math.floor((x * r.w) / w);
      const x1 = Math.max(x0 + 1, r.x + Math.floor(((x + 1) * r.w) / w));
      let red = 0,
        green = 0,
        blue = 0;
      for (let sy = Math.floor(y0 / scale); sy * scale < y1; sy++) {
        const wy = Math.min(y1, (sy + 1) * scale) - Math.max(y0, sy * scale);
        let p = (sy * src.width + Math.floor(x0 / scale)) * 4;
        for (let sx = Math.floor(x0 / scale); sx * scale < x1; sx++, p += 4) {
          const wt = wy * (Math.min(x1, (sx + 1) * scale) - Math.max(x0, sx * scale));
          red += wt * src.data[p];
          green += wt * src.data[p + 1];
          blue += wt * src.data[p + 2];
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
const COMPARE_GRID = 32;

export interface ThumbnailComparison {
  /** Mean absolute difference, 0-255, under the mapping that fits best. */
  difference: number;
  /** 'stretch': thumbnail shows the whole frame squeezed; 'fit': the whole frame letterboxed;
   *  'crop': the centre of the frame at the thumbnail's aspect ratio. */
  mapping: 'stretch' | 'fit' | 'crop';
  /** The parts of the thumbnail and of the image (full-picture pixels) that show the same scene. */
  thumbRegion: Region;
  imageRegion: Region;
}

/**
 * Compare under the three mappings cameras use and keep the closest: Canon letterboxes a 3:2
 * frame into 160×120 with black bars, others squeeze it, some crop it. A genuine thumbnail
 * matches under one of them; an edited image matches under none.
 * `decodedRows`: when the image's data ended early, only its top rows (and the matching top of
 * the thumbnail) are compared.
 */
export function compareThumbnail(thumb: RgbaImage, image: RgbaImage | ScaledImage, decodedRows = Infinity): ThumbnailComparison {
  const scale = 'scale' in image ? image.scale : 1;
  const iw = 'scale' in image ? image.fullWidth : image.width,
    ih = 'scale' in image ? image.fullHeight : image.height;
  const candidates = mappingCandidates(thumb, iw, ih);
  let best: ThumbnailComparison | undefined;
  for (const [mapping, t0, i0] of candidates) {
    const [t, i] = decodedPart(t0, i0, decodedRows);
    if (t.h < 1) continue;
    const w = Math.min(COMPARE_GRID, t.w);
    const h = Math.max(1, Math.min(t.h, Math.round((w * t.h) / t.w)));
    const d = meanAbsDiff(boxResample(thumb, 1, t, w, h), boxResample(image, scale, i, w, h));
    if (!best || d < best.difference) best = { difference: d, mapping, thumbRegion: t, imageRegion: i };
  }
  if (!best) throw new Error('no decoded rows to compare');
  return { ...best, difference: Math.round(best.difference * 100) / 100 };
}

/** The three ways cameras fit the frame into a thumbnail, as [mapping, thumbnail part, image part]. */
function mappingCandidates(
  thumb: { width: number; height: number },
  iw: number,
  ih: number,
): [ThumbnailComparison['mapping'], Region, Region][] {
  const fullThumb: Region = { x: 0, y: 0, w: thumb.width, h: thumb.height };
  const fullImage: Region = { x: 0, y: 0, w: iw, h: ih };
  return [
    ['stretch', fullThumb, fullImage],
    ['fit', centred(thumb.width, thumb.height, iw, ih), fullImage],
    ['crop', fullThumb, centred(iw, ih, thumb.width, thumb.height)],
  ];
}

/** The top parts of a thumbnail region and image region that lie above `rows` of the image. */
function decodedPart(t: Region, i: Region, rows: number): [Region, Region] {
  if (i.y + i.h <= rows) return [t, i];
  const ih = Math.max(0, Math.floor(rows) - i.y);
  return [
    { ...t, h: Math.floor((t.h * ih) / i.h) },
    { ...i, h: ih },
  ];
}
