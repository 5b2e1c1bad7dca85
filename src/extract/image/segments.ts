// Where each image format keeps its metadata blocks (EXIF/TIFF, XMP, IPTC, thumbnail, comments)
// and its pixel dimensions.

import {
  gifDimensions,
  gifXmp,
  heifDimensions,
  pngDimensions,
  readJpegStructure,
  readPsdStructure,
  readWebpChunks,
  tiffBlock,
  tiffIfd0Blobs,
  webpDimensions,
  type Dimensions,
} from './structure.js';
import { parsePhotoshopResources, PS_RESOURCE } from './iptc-iim.js';
import { decodeXmpBytes } from '../xmp/xmp.js';
import { describeQuantisation } from './jpeg-tables.js';
import type { JpegQuantisation } from '../../model/facts-image.js';

export interface Collected {
  dims?: Dimensions;
  tiffSource?: Uint8Array;
  xmpText?: string;
  iptcBytes?: Uint8Array;
  thumbnailBytes?: Uint8Array;
  /** JPEG: file offset of the EXIF TIFF header (for uncompressed thumbnails, whose offsets count from it). */
  exifTiffOffset?: number;
  comments: string[];
  /** JPEG: the quantisation tables summarised. */
  quantisation?: JpegQuantisation;
}

/** Locate the metadata blocks of each container format. */
export function collect(format: string, bytes: Uint8Array, errors: string[]): Collected {
  const c: Collected = { comments: [] };
  const utf8 = decodeXmpBytes;
  switch (format) {
    case 'jpeg': {
      const s = readJpegStructure(bytes);
      c.dims = s.frame;
      c.comments = s.comments;
      c.exifTiffOffset = s.exifTiffOffset;
      c.quantisation = describeQuantisation(s);
      c.tiffSource = bytes;
      if (s.xmp) c.xmpText = decodeXmpBytes(s.xmp);
      for (const ps of s.photoshop) {
        const iptc = parsePhotoshopResources(ps).get(PS_RESOURCE.iptc);
        if (iptc) {
          c.iptcBytes = iptc;
          break;
        }
      }
      break;
    }
    case 'tiff': {
      c.tiffSource = bytes;
      const blobs = tiffIfd0Blobs(bytes);
      c.iptcBytes = blobs.iptc ?? (blobs.photoshop ? parsePhotoshopResources(blobs.photoshop).get(PS_RESOURCE.iptc) : undefined);
      break;
    }
    case 'png':
      c.dims = pngDimensions(bytes);
      c.tiffSource = bytes;
      break;
    case 'heic':
      c.dims = heifDimensions(bytes);
      c.tiffSource = bytes;
      break;
    case 'gif': {
      c.dims = gifDimensions(bytes);
      const x = gifXmp(bytes);
      if (x) c.xmpText = utf8(x);
      break;
    }
    case 'webp': {
      c.dims = webpDimensions(bytes);
      const w = readWebpChunks(bytes);
      if (w.exif) c.tiffSource = tiffBlock(w.exif);
      if (w.xmp) c.xmpText = utf8(w.xmp);
      break;
    }
    case 'psd': {
      const p = readPsdStructure(bytes);
      if (!p) {
        errors.push('psd: header unreadable');
        break;
      }
      c.dims = { width: p.width, height: p.height };
      const exif = p.resources.get(PS_RESOURCE.exif);
      if (exif) c.tiffSource = tiffBlock(exif);
      const xmp = p.resources.get(PS_RESOURCE.xmp);
      if (xmp) c.xmpText = utf8(xmp);
      c.iptcBytes = p.resources.get(PS_RESOURCE.iptc);
      // Thumbnail resource: 28-byte header (format, width, height, ...), then JFIF data.
      const th = p.resources.get(PS_RESOURCE.thumbnail);
      if (th && th.length > 28 && th[28] === 0xff && th[29] === 0xd8) c.thumbnailBytes = th.subarray(28);
      break;
    }
  }
  return c;
}
