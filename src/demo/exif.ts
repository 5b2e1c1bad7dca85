// A small EXIF (TIFF/IFD) writer for the demo photos: IFD0 camera fields, an Exif IFD with the capture
// dates and offsets, and IFD1 with an embedded JPEG thumbnail. Hand-written because the maintained
// npm EXIF writers (piexifjs) are unmaintained since 2017 and work on binary strings; this one is
// ~100 lines and lets the generator plant a stale thumbnail on purpose.

export interface ExifFields {
  make: string;
  model: string;
  software: string;
  /** 'YYYY:MM:DD HH:MM:SS' wall clock. */
  dateTime: string;
  dateTimeOriginal: string;
  offsetTime: string;
  width: number;
  height: number;
  thumbnail: Buffer;
}

type Value =
  | { type: 2; text: string }
  | { type: 3; shorts: number[] }
  | { type: 4; longs: number[] }
  | { type: 5; rationals: [number, number][] }
  | { type: 7; bytes: Buffer };

interface Entry {
  tag: number;
  value: Value;
}

const ascii = (text: string): Value => ({ type: 2, text });
const short = (n: number): Value => ({ type: 3, shorts: [n] });
const long = (n: number): Value => ({ type: 4, longs: [n] });
const rational = (a: number, b: number): Value => ({ type: 5, rationals: [[a, b]] });

function valueBytes(v: Value): { count: number; data: Buffer } {
  switch (v.type) {
    case 2: {
      const b = Buffer.from(`${v.text}\0`, 'latin1');
      return { count: b.length, data: b };
    }
    case 3: {
      const b = Buffer.alloc(2 * v.shorts.length);
      v.shorts.forEach((s, i) => b.writeUInt16BE(s, 2 * i));
      return { count: v.shorts.length, data: b };
    }
    case 4: {
      const b = Buffer.alloc(4 * v.longs.length);
      v.longs.forEach((s, i) => b.writeUInt32BE(s, 4 * i));
      return { count: v.longs.length, data: b };
    }
    case 5: {
      const b = Buffer.alloc(8 * v.rationals.length);
      v.rationals.forEach(([a, c], i) => {
        b.writeUInt32BE(a, 8 * i);
        b.writeUInt32BE(c, 8 * i + 4);
      });
      return { count: v.rationals.length, data: b };
    }
    case 7:
      return { count: v.bytes.length, data: v.bytes };
  }
}

/** Lays out one IFD at `start` (offset from the TIFF header); returns its bytes (entries + overflow data). */
function ifd(entries: Entry[], start: number, next: number): Buffer {
  entries.sort((a, b) => a.tag - b.tag);
  const tableSize = 2 + 12 * entries.length + 4;
  const table = Buffer.alloc(tableSize);
  const overflow: Buffer[] = [];
  let overflowOffset = start + tableSize;
  table.writeUInt16BE(entries.length, 0);
  entries.forEach((e, i) => {
    const { count, data } = valueBytes(e.value);
    const at = 2 + 12 * i;
    table.writeUInt16BE(e.tag, at);
    table.writeUInt16BE(e.value.type, at + 2);
    table.writeUInt32BE(count, at + 4);
    if (data.length <= 4) data.copy(table, at + 8);
    else {
      table.writeUInt32BE(overflowOffset, at + 8);
      const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
      overflow.push(padded);
      overflowOffset += padded.length;
    }
  });
  table.writeUInt32BE(next, tableSize - 4);
  return Buffer.concat([table, ...overflow]);
}

/** The APP1 'Exif' segment (marker included). Big-endian TIFF, as Canon and Apple write. */
export function exifSegment(f: ExifFields): Buffer {
  const ifd0Entries = (exifPtr: number): Entry[] => [
    { tag: 0x010f, value: ascii(f.make) },
    { tag: 0x0110, value: ascii(f.model) },
    { tag: 0x0112, value: short(1) },
    { tag: 0x011a, value: rational(72, 1) },
    { tag: 0x011b, value: rational(72, 1) },
    { tag: 0x0128, value: short(2) },
    { tag: 0x0131, value: ascii(f.software) },
    { tag: 0x0132, value: ascii(f.dateTime) },
    { tag: 0x8769, value: long(exifPtr) },
  ];
  const exifEntries: Entry[] = [
    { tag: 0x9000, value: { type: 7, bytes: Buffer.from('0231', 'latin1') } },
    { tag: 0x9003, value: ascii(f.dateTimeOriginal) },
    { tag: 0x9004, value: ascii(f.dateTimeOriginal) },
    { tag: 0x9010, value: ascii(f.offsetTime) },
    { tag: 0x9011, value: ascii(f.offsetTime) },
    { tag: 0xa002, value: long(f.width) },
    { tag: 0xa003, value: long(f.height) },
  ];
  const ifd1Entries = (thumbAt: number): Entry[] => [
    { tag: 0x0103, value: short(6) },
    { tag: 0x011a, value: rational(72, 1) },
    { tag: 0x011b, value: rational(72, 1) },
    { tag: 0x0128, value: short(2) },
    { tag: 0x0201, value: long(thumbAt) },
    { tag: 0x0202, value: long(f.thumbnail.length) },
  ];
  // Sizes do not depend on offsets, so lay out once with zeros to measure, then for real.
  const size0 = ifd(ifd0Entries(0), 8, 0).length;
  const exifStart = 8 + size0;
  const sizeExif = ifd(exifEntries.slice(), exifStart, 0).length;
  const ifd1Start = exifStart + sizeExif;
  const size1 = ifd(ifd1Entries(0), ifd1Start, 0).length;
  const thumbAt = ifd1Start + size1;
  const tiff = Buffer.concat([
    Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]),
    ifd(ifd0Entries(exifStart), 8, ifd1Start),
    ifd(exifEntries, exifStart, 0),
    ifd(ifd1Entries(thumbAt), ifd1Start, 0),
    f.thumbnail,
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  if (payload.length + 2 > 0xffff) throw new Error(`EXIF segment too large (${payload.length} bytes): thumbnail must be smaller`);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** Replaces the JFIF APP0 of a baseline JPEG with an EXIF APP1 (cameras write no JFIF segment). */
export function withExif(jpeg: Buffer, segment: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('withExif: not a JPEG');
  let rest = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) rest = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(rest)]);
}
