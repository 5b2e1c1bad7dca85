// JPEG application segments as cameras and editors write them: an EXIF APP1 (TIFF structure in the
// camera's byte order, IFD0, Exif IFD, IFD1 with the embedded JPEG thumbnail), an XMP APP1, Photoshop's
// APP13 "Photoshop 3.0" resource block, Adobe's APP14, JFIF's APP0. Written by hand because the npm EXIF
// writers are unmaintained and the bench must place a stale thumbnail, a byte order and a segment order
// exactly where a given camera or editor puts them (CIPA DC-008 Exif 2.32 for the tags).

export type ExifValue =
  | { ascii: string }
  | { short: number[] }
  | { long: number[] }
  | { rational: [number, number][] }
  | { srational: [number, number][] }
  | { undefined: Buffer };

export interface ExifTags {
  ifd0: [number, ExifValue][];
  exif: [number, ExifValue][];
  /** Thumbnail JPEG (IFD1); absent when the writer drops it. */
  thumbnail?: Buffer;
}

export const TAG = {
  Make: 0x010f,
  Model: 0x0110,
  Orientation: 0x0112,
  XResolution: 0x011a,
  YResolution: 0x011b,
  ResolutionUnit: 0x0128,
  Software: 0x0131,
  DateTime: 0x0132,
  YCbCrPositioning: 0x0213,
  ExifIFD: 0x8769,
  ExposureTime: 0x829a,
  FNumber: 0x829d,
  ISO: 0x8827,
  ExifVersion: 0x9000,
  DateTimeOriginal: 0x9003,
  DateTimeDigitized: 0x9004,
  OffsetTime: 0x9010,
  OffsetTimeOriginal: 0x9011,
  OffsetTimeDigitized: 0x9012,
  FocalLength: 0x920a,
  SubSecTimeOriginal: 0x9291,
  ColorSpace: 0xa001,
  PixelXDimension: 0xa002,
  PixelYDimension: 0xa003,
  LensModel: 0xa434,
} as const;

const TYPE = { ascii: 2, short: 3, long: 4, rational: 5, undefined: 7, srational: 10 } as const;

function encodeValue(v: ExifValue, le: boolean): { type: number; count: number; data: Buffer } {
  const w16 = (b: Buffer, n: number, o: number) => (le ? b.writeUInt16LE(n, o) : b.writeUInt16BE(n, o));
  const w32 = (b: Buffer, n: number, o: number) => (le ? b.writeUInt32LE(n >>> 0, o) : b.writeUInt32BE(n >>> 0, o));
  if ('ascii' in v) {
    const d = Buffer.from(`${v.ascii}\0`, 'latin1');
    return { type: TYPE.ascii, count: d.length, data: d };
  }
  if ('short' in v) {
    const d = Buffer.alloc(2 * v.short.length);
    v.short.forEach((n, i) => w16(d, n, 2 * i));
    return { type: TYPE.short, count: v.short.length, data: d };
  }
  if ('long' in v) {
    const d = Buffer.alloc(4 * v.long.length);
    v.long.forEach((n, i) => w32(d, n, 4 * i));
    return { type: TYPE.long, count: v.long.length, data: d };
  }
  if ('rational' in v || 'srational' in v) {
    const list = 'rational' in v ? v.rational : v.srational;
    const d = Buffer.alloc(8 * list.length);
    list.forEach(([a, b], i) => {
      w32(d, a, 8 * i);
      w32(d, b, 8 * i + 4);
    });
    return { type: 'rational' in v ? TYPE.rational : TYPE.srational, count: list.length, data: d };
  }
  return { type: TYPE.undefined, count: v.undefined.length, data: v.undefined };
}

function layoutIfd(entries: [number, ExifValue][], start: number, next: number, le: boolean): Buffer {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const tableSize = 2 + 12 * sorted.length + 4;
  const table = Buffer.alloc(tableSize);
  const w16 = (n: number, o: number) => (le ? table.writeUInt16LE(n, o) : table.writeUInt16BE(n, o));
  const w32 = (n: number, o: number) => (le ? table.writeUInt32LE(n >>> 0, o) : table.writeUInt32BE(n >>> 0, o));
  const overflow: Buffer[] = [];
  let at = start + tableSize;
  w16(sorted.length, 0);
  sorted.forEach(([tag, value], i) => {
    const { type, count, data } = encodeValue(value, le);
    const o = 2 + 12 * i;
    w16(tag, o);
    w16(type, o + 2);
    w32(count, o + 4);
    if (data.length <= 4) data.copy(table, o + 8);
    else {
      w32(at, o + 8);
      const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
      overflow.push(padded);
      at += padded.length;
    }
  });
  w32(next, tableSize - 4);
  return Buffer.concat([table, ...overflow]);
}

function segment(marker: number, payload: Buffer): Buffer {
  if (payload.length + 2 > 0xffff) throw new Error(`JPEG segment 0x${marker.toString(16)} too large (${payload.length} bytes)`);
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** The EXIF APP1 segment in the given byte order ('II' little-endian: Canon, Samsung, Sony; 'MM': Apple, Nikon). */
export function exifApp1(t: ExifTags, order: 'II' | 'MM'): Buffer {
  const le = order === 'II';
  const header = Buffer.from(le ? [0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00] : [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]);
  const ifd0 = (exifAt: number): [number, ExifValue][] => [...t.ifd0, [TAG.ExifIFD, { long: [exifAt] }]];
  const ifd1 = (thumbAt: number): [number, ExifValue][] => [
    [0x0103, { short: [6] }],
    [TAG.XResolution, { rational: [[72, 1]] }],
    [TAG.YResolution, { rational: [[72, 1]] }],
    [TAG.ResolutionUnit, { short: [2] }],
    [0x0201, { long: [thumbAt] }],
    [0x0202, { long: [t.thumbnail?.length ?? 0] }],
  ];
  const size0 = layoutIfd(ifd0(0), 8, 0, le).length;
  const exifStart = 8 + size0;
  const sizeExif = layoutIfd(t.exif, exifStart, 0, le).length;
  const ifd1Start = exifStart + sizeExif;
  const parts: Buffer[] = [header];
  if (t.thumbnail) {
    const size1 = layoutIfd(ifd1(0), ifd1Start, 0, le).length;
    const thumbAt = ifd1Start + size1;
    parts.push(
      layoutIfd(ifd0(exifStart), 8, ifd1Start, le),
      layoutIfd(t.exif, exifStart, 0, le),
      layoutIfd(ifd1(thumbAt), ifd1Start, 0, le),
      t.thumbnail,
    );
  } else {
    parts.push(layoutIfd(ifd0(exifStart), 8, 0, le), layoutIfd(t.exif, exifStart, 0, le));
  }
  return segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), ...parts]));
}

export function xmpApp1(packet: string): Buffer {
  return segment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(packet, 'utf8')]));
}

/** Photoshop's APP13: "Photoshop 3.0" + 8BIM resources (here ResolutionInfo 0x03ED, as every save writes). */
export function photoshopApp13(dpi = 72): Buffer {
  const res = Buffer.alloc(16);
  res.writeUInt32BE(dpi << 16, 0);
  res.writeUInt16BE(1, 4);
  res.writeUInt16BE(1, 6);
  res.writeUInt32BE(dpi << 16, 8);
  res.writeUInt16BE(1, 12);
  res.writeUInt16BE(1, 14);
  const block = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x03, 0xed, 0x00, 0x00]), Buffer.from([0, 0, 0, 16]), res]);
  return segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), block]));
}

/** Adobe's APP14 (DCTEncodeVersion 100, transform 1 = YCbCr). */
export function adobeApp14(): Buffer {
  return segment(0xee, Buffer.from([0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x01]));
}

export function jfifApp0(dpi = 72): Buffer {
  return segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, dpi >> 8, dpi & 0xff, dpi >> 8, dpi & 0xff, 0, 0]));
}

/** Replaces everything between SOI and the first non-APPn marker with `segments`. */
export function withSegments(jpeg: Buffer, segments: Buffer[]): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('withSegments: not a JPEG');
  let i = 2;
  while (jpeg[i] === 0xff && jpeg[i + 1] >= 0xe0 && jpeg[i + 1] <= 0xef) i += 2 + jpeg.readUInt16BE(i + 2);
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(i)]);
}

/** The APPn segments of a JPEG (marker and whole segment bytes). */
export function appSegments(jpeg: Buffer): { marker: number; bytes: Buffer }[] {
  const out: { marker: number; bytes: Buffer }[] = [];
  let i = 2;
  while (jpeg[i] === 0xff && jpeg[i + 1] >= 0xe0 && jpeg[i + 1] <= 0xef) {
    const len = jpeg.readUInt16BE(i + 2);
    out.push({ marker: jpeg[i + 1], bytes: jpeg.subarray(i, i + 2 + len) });
    i += 2 + len;
  }
  return out;
}
