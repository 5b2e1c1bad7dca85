// What image files record themselves and exifr does not give: pixel dimensions, Photoshop resource
// blocks, a TIFF's IPTC tags. Every read is bounds-checked: a hostile file yields "unknown".

import { parsePhotoshopResources } from './iptc-iim.js';

export interface Dimensions {
  width: number;
  height: number;
}

const be16 = (b: Uint8Array, i: number): number => (b[i] << 8) | b[i + 1];
const le16 = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
const be32 = (b: Uint8Array, i: number): number => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const le32 = (b: Uint8Array, i: number): number => b[i] + (b[i + 1] << 8) + (b[i + 2] << 16) + ((b[i + 3] << 24) >>> 0);
const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

export interface JpegStructure {
  /** Frame size from the first SOFn marker: what decoders display. */
  frame?: Dimensions;
  /** Concatenated Photoshop resource data of APP13 'Photoshop 3.0' segments. */
  photoshop: Uint8Array[];
  /** JPEG COM segments (Photoshop, XnView, scanners write their name here). */
  comments: string[];
  /** The standard XMP packet (APP1 'http://ns.adobe.com/xap/1.0/'), raw bytes in whatever encoding. */
  xmp?: Uint8Array;
  /** File offset of the TIFF header of the first 'Exif' APP1: EXIF offsets count from there. */
  exifTiffOffset?: number;
  /** Quantisation tables by slot (0-3), in natural (row-major) order, as the last DQT before the scan left them. */
  quantTables: (Uint16Array | undefined)[];
  /** The frame's components: sampling factors and quantisation slot. */
  components: { h: number; v: number; tq: number }[];
}

/** Zigzag position -> natural (row-major) index of the 64 coefficients of a block (ITU T.81 Figure A.6). */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/** The tables of a DQT segment's payload, stored by slot. Malformed tables are skipped. */
function readDqt(data: Uint8Array, into: (Uint16Array | undefined)[]): void {
  for (let o = 0; o < data.length;) {
    const pq = data[o] >> 4,
      tq = data[o] & 15,
      size = pq ? 128 : 64;
    if (pq > 1 || tq > 3 || o + 1 + size > data.length) return;
    const t = new Uint16Array(64);
    for (let k = 0; k < 64; k++) t[ZIGZAG[k]] = pq ? be16(data, o + 1 + 2 * k) : data[o + 1 + k];
    into[tq] = t;
    o += 1 + size;
  }
}

const XMP_APP1 = 'http://ns.adobe.com/xap/1.0/\0';

/** Walk the JPEG marker segments up to the first scan (SOS). */
export function readJpegStructure(b: Uint8Array): JpegStructure {
  const out: JpegStructure = { photoshop: [], comments: [], quantTables: [], components: [] };
  let i = 2;
  for (let n = 0; n < 10_000 && i + 4 <= b.length; n++) {
    if (b[i] !== 0xff) break; // lost sync: structure after this point is not trusted
    const m = b[i + 1];
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    if (m === 0xd9 || m === 0xda) break;
    const len = be16(b, i + 2);
    if (len < 2 || i + 2 + len > b.length) break;
    const data = b.subarray(i + 4, i + 2 + len);
    const isSof = m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
    if (isSof && !out.frame && data.length >= 5) {
      out.frame = { height: be16(data, 1), width: be16(data, 3) };
      for (let k = 0; k < (data[5] ?? 0) && 8 + 3 * k < data.length; k++) {
        out.components.push({ h: data[7 + 3 * k] >> 4, v: data[7 + 3 * k] & 15, tq: data[8 + 3 * k] });
      }
    }
    if (m === 0xdb) readDqt(data, out.quantTables);
    if (m === 0xed && ascii(data, 0, 14) === 'Photoshop 3.0\0') out.photoshop.push(data.subarray(14));
    if (m === 0xe1 && out.exifTiffOffset === undefined && ascii(data, 0, 6) === 'Exif\0\0') out.exifTiffOffset = i + 4 + 6;
    if (m === 0xe1 && !out.xmp && ascii(data, 0, XMP_APP1.length) === XMP_APP1) out.xmp = data.subarray(XMP_APP1.length);
    if (m === 0xfe) out.comments.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').replace(/\0+$/, ''));
    i += 2 + len;
  }
  return out;
}

export function pngDimensions(b: Uint8Array): Dimensions | undefined {
  if (b.length < 24 || ascii(b, 12, 16) !== 'IHDR') return undefined;
  return { width: be32(b, 16), height: be32(b, 20) };
}

export function gifDimensions(b: Uint8Array): Dimensions | undefined {
  return b.length >= 10 ? { width: le16(b, 6), height: le16(b, 8) } : undefined;
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X canvas) header. */
export function webpDimensions(b: Uint8Array): Dimensions | undefined {
  if (b.length < 30) return undefined;
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const b0 = b[21],
      b1 = b[22],
      b2 = b[23],
      b3 = b[24];
    return { width: 1 + (((b1 & 0x3f) << 8) | b0), height: 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6)) };
  }
  if (chunk === 'VP8X') {
    return { width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
  }
  return undefined;
}

/**
 * HEIF/HEIC: the 'ispe' (image spatial extent) properties of the meta box. A grid image has one for
 * the whole picture and one per tile; the largest is the picture (tiles and thumbnails are smaller).
 */
export function heifDimensions(b: Uint8Array): Dimensions | undefined {
  let best: Dimensions | undefined;
  const end = Math.min(b.length, 4 << 20) - 16;
  for (let i = 4; i < end; i++) {
    // box: size(4)=20, type 'ispe', version/flags(4), width(4), height(4)
    if (b[i] === 0x69 && b[i + 1] === 0x73 && b[i + 2] === 0x70 && b[i + 3] === 0x65 && be32(b, i - 4) === 20) {
      const d = { width: be32(b, i + 8), height: be32(b, i + 12) };
      if (!best || d.width * d.height > best.width * best.height) best = d;
    }
  }
  return best;
}

export interface PsdStructure extends Dimensions {
  /** Image resource blocks by id (IPTC 0x0404, thumbnail 0x040C, EXIF 0x0422, XMP 0x0424). */
  resources: Map<number, Uint8Array>;
}

/** PSD/PSB header and image resources section (Adobe Photoshop File Formats Specification). */
export function readPsdStructure(b: Uint8Array): PsdStructure | undefined {
  if (b.length < 30 || ascii(b, 0, 4) !== '8BPS') return undefined;
  const height = be32(b, 14);
  const width = be32(b, 18);
  const colorModeLen = be32(b, 26);
  const resAt = 30 + colorModeLen;
  if (resAt + 4 > b.length) return { width, height, resources: new Map() };
  const resLen = be32(b, resAt);
  const res = b.subarray(resAt + 4, Math.min(b.length, resAt + 4 + resLen));
  return { width, height, resources: parsePhotoshopResources(res) };
}

/**
 * The IPTC-NAA (33723) and Photoshop (34377) tags of a classic TIFF's IFD0, as raw bytes.
 * exifr skips the first unless its IPTC parser is on, and that parser throws on LONG-typed IPTC
 * tags (as written by several tools), so we fetch the bytes and parse them with iptc-iim.ts.
 */
export function tiffIfd0Blobs(b: Uint8Array): { iptc?: Uint8Array; photoshop?: Uint8Array } {
  if (b.length < 8) return {};
  const le = b[0] === 0x49 && b[1] === 0x49;
  if (!le && !(b[0] === 0x4d && b[1] === 0x4d)) return {};
  const u16 = le ? le16 : be16;
  const u32 = le ? le32 : be32;
  if (u16(b, 2) !== 42) return {}; // BigTIFF (43) uses 8-byte offsets; not read here
  const ifd = u32(b, 4);
  if (ifd + 2 > b.length) return {};
  const count = Math.min(u16(b, ifd), 1000);
  const out: { iptc?: Uint8Array; photoshop?: Uint8Array } = {};
  const typeSize: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 7: 1, 13: 4 };
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > b.length) break;
    const tag = u16(b, e);
    if (tag !== 33723 && tag !== 34377) continue;
    const size = (typeSize[u16(b, e + 2)] ?? 0) * u32(b, e + 4);
    if (size === 0) continue;
    const at = size <= 4 ? e + 8 : u32(b, e + 8);
    if (at + size > b.length) continue;
    const blob = b.subarray(at, at + size);
    if (tag === 33723) out.iptc = blob;
    else out.photoshop = blob;
  }
  return out;
}

/** WebP (RIFF) 'EXIF' and 'XMP ' chunks. */
export function readWebpChunks(b: Uint8Array): { exif?: Uint8Array; xmp?: Uint8Array } {
  const out: { exif?: Uint8Array; xmp?: Uint8Array } = {};
  const end = Math.min(b.length, 8 + le32(b, 4));
  let i = 12;
  for (let n = 0; n < 10_000 && i + 8 <= end; n++) {
    const type = ascii(b, i, i + 4);
    const size = le32(b, i + 4);
    if (i + 8 + size > end) break;
    const data = b.subarray(i + 8, i + 8 + size);
    if (type === 'EXIF' && !out.exif) out.exif = data;
    if (type === 'XMP ' && !out.xmp) out.xmp = data;
    i += 8 + size + (size % 2);
  }
  return out;
}

/** GIF: the XMP packet of the 'XMP DataXMP' application extension (written as raw bytes). */
export function gifXmp(b: Uint8Array): Uint8Array | undefined {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const at = buf.indexOf('XMP DataXMP');
  if (at < 0) return undefined;
  const start = at + 11;
  const endMark = buf.indexOf('<?xpacket end', start);
  if (endMark < 0) return undefined;
  const close = buf.indexOf('?>', endMark);
  return close < 0 ? undefined : b.subarray(start, close + 2);
}

/** Strip an 'Exif\0\0' prefix (WebP, HEIF, PSD writers differ) so exifr sees a TIFF header. */
export function tiffBlock(b: Uint8Array): Uint8Array {
  return b.length >= 6 && ascii(b, 0, 4) === 'Exif' && b[4] === 0 && b[5] === 0 ? b.subarray(6) : b;
}

/**
 * HEIF fallback: the body of an 'Exif' item is a 4-byte offset (6 in practice) then 'Exif\0\0' and
 * a TIFF header. exifr locates the item through the 'iloc' box and gives up on some valid files
 * (Canon HEIF); scanning for this fixed 14-byte prologue finds the same block.
 */
export function scanHeifExif(b: Uint8Array): Uint8Array | undefined {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const marker = Buffer.from([0, 0, 0, 6, 0x45, 0x78, 0x69, 0x66, 0, 0]);
  for (let at = buf.indexOf(marker); at >= 0; at = buf.indexOf(marker, at + 1)) {
    const t = at + 10;
    if (
      (buf[t] === 0x49 && buf[t + 1] === 0x49 && buf[t + 2] === 0x2a) ||
      (buf[t] === 0x4d && buf[t + 1] === 0x4d && buf[t + 3] === 0x2a)
    ) {
      return b.subarray(t);
    }
  }
  return undefined;
}

/** An uncompressed XMP packet anywhere in the bytes (HEIF 'mime' items, sidecar-like blobs). */
export function scanXmpPacket(b: Uint8Array, maxBytes = 4 << 20): Uint8Array | undefined {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const start = buf.indexOf('<x:xmpmeta');
  if (start < 0) return undefined;
  const end = buf.indexOf('</x:xmpmeta>', start);
  if (end < 0 || end - start > maxBytes) return undefined;
  return b.subarray(start, end + '</x:xmpmeta>'.length);
}
