// The embedded EXIF thumbnail read (JPEG, PSD resource or uncompressed RGB strip) and compared
// with the main image it previews.

import exifr from 'exifr';
import type { ImageFacts } from '../../model/facts.js';
import type { ExtractContext } from '../types.js';
import { finite, type Tags } from './exif-values.js';
import type { Collected } from './segments.js';
import type { Dimensions } from './structure.js';
import { compareThumbnail, decodeJpeg, decodeMainImage, type RgbaImage } from './thumbnail-compare.js';
import { summariseRegions } from './thumbnail-regions.js';

/** Above this many pixels the main image is not decoded for the thumbnail comparison. */
const MAX_COMPARE_MEGAPIXELS = 40;

interface Thumbnail {
  bytes?: Uint8Array;
  pixels?: RgbaImage;
  declaredSize?: number;
  /** Set when the thumbnail cannot be compared (then pixels is absent). */
  skipped?: string;
}

/**
 * The thumbnail as stored (for size and hash) and decoded (for the comparison): a JPEG in IFD1
 * (exifr finds it), a PSD thumbnail resource, or an uncompressed RGB strip in IFD1 as written by
 * late-1990s cameras (Kodak DC210, Sony D700), which we read from the EXIF offsets ourselves.
 */
export async function readThumbnail(c: Collected, ifd1: Tags, bytes: Uint8Array, format: string, errors: string[]): Promise<Thumbnail> {
  const out: Thumbnail = { declaredSize: finite(ifd1.ThumbnailLength) ?? finite(ifd1.StripByteCounts) };
  let jpegBytes = c.thumbnailBytes;
  if (!jpegBytes && format === 'jpeg' && ifd1.ThumbnailOffset !== undefined) {
    try {
      const t = await exifr.thumbnail(bytes);
      if (t && t.length) jpegBytes = t instanceof Uint8Array ? t : new Uint8Array(t);
    } catch (e) {
      errors.push(`thumbnail: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (jpegBytes) {
    out.bytes = jpegBytes;
    if (!(jpegBytes[0] === 0xff && jpegBytes[1] === 0xd8)) out.skipped = 'thumbnail is not a JPEG';
    else {
      try {
        out.pixels = decodeJpeg(jpegBytes, 4, 64);
      } catch (e) {
        out.skipped = `thumbnail undecodable: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    return out;
  }
  const w = finite(ifd1.ImageWidth),
    h = finite(ifd1.ImageHeight),
    at = finite(ifd1.StripOffsets),
    len = finite(ifd1.StripByteCounts);
  const bps = ifd1.BitsPerSample;
  const bpsList = ArrayBuffer.isView(bps) ? Array.from(bps as unknown as ArrayLike<number>) : bps;
  const eightBit = bpsList === undefined || bpsList === 8 || (Array.isArray(bpsList) && bpsList.every((b) => b === 8));
  if (
    c.exifTiffOffset !== undefined &&
    ifd1.Compression === 1 &&
    ifd1.PhotometricInterpretation === 2 &&
    eightBit &&
    (ifd1.SamplesPerPixel ?? 3) === 3 &&
    w &&
    h &&
    at !== undefined &&
    len === w * h * 3 &&
    w * h <= 1 << 20
  ) {
    const start = c.exifTiffOffset + at;
    if (start + len <= bytes.length) {
      out.bytes = bytes.subarray(start, start + len);
      out.pixels = rgbToRgba(out.bytes, w, h);
    }
  }
  return out;
}

function rgbToRgba(rgb: Uint8Array, width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, o = 0; i + 2 < rgb.length; i += 3, o += 4) {
    data[o] = rgb[i];
    data[o + 1] = rgb[i + 1];
    data[o + 2] = rgb[i + 2];
    data[o + 3] = 255;
  }
  return { width, height, data };
}

/** Below this share of its rows decoded (data cut short), the image is not compared. */
const MIN_DECODED_SHARE = 0.5;

/** Fill differenceFromImage when the main image is a JPEG we can decode within bounds. */
export function compareWithImage(
  image: ImageFacts,
  thumb: RgbaImage,
  bytes: Uint8Array,
  format: string,
  dims: Dimensions | undefined,
  ctx: ExtractContext,
  errors: string[],
): void {
  const t = image.thumbnail!;
  if (format !== 'jpeg') {
    t.comparisonSkipped = `main image is ${format}; only JPEG images are decoded`;
    return;
  }
  if (!dims || dims.width * dims.height > MAX_COMPARE_MEGAPIXELS * 1e6) {
    t.comparisonSkipped = dims
      ? `image of ${((dims.width * dims.height) / 1e6).toFixed(1)} Mpixel exceeds ${MAX_COMPARE_MEGAPIXELS}`
      : 'image size unknown';
    return;
  }
  if (ctx.signal.aborted) return;
  try {
    const { image: main, decodedRows } = decodeMainImage(
      bytes,
      MAX_COMPARE_MEGAPIXELS,
      Math.max(64, Math.floor(ctx.limits.workerHeapMb / 2)),
    );
    const height = 'fullHeight' in main ? main.fullHeight : main.height;
    if (decodedRows < height) {
      const share = `${Math.floor((100 * decodedRows) / height)}%`;
      if (decodedRows < height * MIN_DECODED_SHARE) {
        t.comparisonSkipped = `image data truncated or corrupt after ${share} of its rows`;
        return;
      }
      errors.push(`image data: truncated or corrupt after ${share} of its rows; the thumbnail was compared with that part only`);
    }
    const r = compareThumbnail(thumb, main, decodedRows);
    t.differenceFromImage = r.difference;
    if (decodedRows < height) t.comparedRowsShare = Math.floor((100 * decodedRows) / height) / 100;
    t.comparison = r.mapping;
    t.regions = summariseRegions(thumb, main, r.thumbRegion, r.imageRegion);
  } catch (e) {
    t.comparisonSkipped = `image undecodable: ${e instanceof Error ? e.message : String(e)}`;
  }
}
