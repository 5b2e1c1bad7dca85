// OLE property set streams ([MS-OLEPS]) read with every offset bounds-checked, keeping what
// libraries drop: code page, raw FILETIMEs, vectors, user-defined names.

import iconv from 'iconv-lite';
import { filetimeToMs } from '../../shared/filetime.js';
import { codePageEncoding } from '../common/charset.js';

export const FMTID_SUMMARY = 'f29f85e0-4ff9-1068-ab91-08002b27b3d9';
export const FMTID_DOC_SUMMARY = 'd5cdd502-2e9c-101b-9397-08002b2cf9ae';
export const FMTID_USER_DEFINED = 'd5cdd505-2e9c-101b-9397-08002b2cf9ae';

/** PIDSI_* ([MS-OLEPS] 2.25.1) with the key names Verity uses (the spec's, without the prefix). */
const SUMMARY_NAMES: Record<number, string> = {
  1: 'CodePage',
  2: 'Title',
  3: 'Subject',
  4: 'Author',
  5: 'Keywords',
  6: 'Comments',
  7: 'Template',
  8: 'LastAuthor',
  9: 'RevNumber',
  10: 'TotalEditTime',
  11: 'LastPrinted',
  12: 'CreateTime',
  13: 'LastSaveTime',
  14: 'PageCount',
  15: 'WordCount',
  16: 'CharCount',
  17: 'Thumbnail',
  18: 'AppName',
  19: 'DocSecurity',
};

/** PIDDSI_* ([MS-OLEPS] 2.25.2). */
const DOC_SUMMARY_NAMES: Record<number, string> = {
  1: 'CodePage',
  2: 'Category',
  3: 'PresentationTarget',
  4: 'Bytes',
  5: 'Lines',
  6: 'Paragraphs',
  7: 'Slides',
  8: 'Notes',
  9: 'HiddenSlides',
  10: 'MMClips',
  11: 'ScaleCrop',
  12: 'HeadingPairs',
  13: 'TitlesOfParts',
  14: 'Manager',
  15: 'Company',
  16: 'LinksUpToDate',
  17: 'CharCountWithSpaces',
  19: 'SharedDoc',
  20: 'LinkBase',
  21: 'Hyperlinks',
  22: 'HyperlinksChanged',
  23: 'AppVersion',
  24: 'DigSig',
  26: 'ContentType',
  27: 'ContentStatus',
  28: 'Language',
  29: 'DocVersion',
};

export type OleValue =
  | { type: 'string'; value: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  /** FILETIME: 100 ns ticks since 1601-01-01 UTC (a date, or a duration for TotalEditTime). */
  | { type: 'filetime'; ticks: bigint }
  | { type: 'blob'; size: number }
  | { type: 'vector'; items: OleValue[] }
  | { type: 'other'; vt: number };

export interface OleProperty {
  id: number;
  /** The user-defined name (from the dictionary) or the standard name; 'pid:N' when unknown. */
  name: string;
  value: OleValue;
}

interface OlePropertySet {
  fmtid: string;
  codePage: number | null;
  properties: OleProperty[];
}

export interface OlePropertyStream {
  sets: OlePropertySet[];
  /** A structural fault: the sets hold what was read before it. */
  error?: string;
}

/** At most this many properties per set and items per vector: real documents have a few dozen. */
const MAX_PROPERTIES = 1000;
const MAX_VECTOR = 10_000;
const MAX_STRING_BYTES = 1 << 20;

const VT_I2 = 0x02;
const VT_I4 = 0x03;
const VT_R4 = 0x04;
const VT_R8 = 0x05;
const VT_DATE = 0x07;
const VT_BSTR = 0x08;
const VT_ERROR = 0x0a;
const VT_BOOL = 0x0b;
const VT_VARIANT = 0x0c;
const VT_I1 = 0x10;
const VT_UI1 = 0x11;
const VT_UI2 = 0x12;
const VT_UI4 = 0x13;
const VT_I8 = 0x14;
const VT_UI8 = 0x15;
const VT_INT = 0x16;
const VT_UINT = 0x17;
const VT_LPSTR = 0x1e;
const VT_LPWSTR = 0x1f;
const VT_FILETIME = 0x40;
const VT_BLOB = 0x41;
const VT_CF = 0x47;
const VT_CLSID = 0x48;
const VT_VECTOR = 0x1000;

class Fault extends Error {}

function need(buf: Buffer, at: number, n: number): void {
  if (at < 0 || n < 0 || at + n > buf.length) throw new Fault(`read of ${n} bytes at ${at} past the end of a ${buf.length}-byte stream`);
}

/** A GUID in its registry form: the first three fields are little-endian. */
export function readGuid(buf: Buffer, at: number): string {
  need(buf, at, 16);
  const h = (a: number, b: number) => buf.subarray(a, b).toString('hex');
  const le = (a: number, n: number) =>
    Buffer.from(buf.subarray(a, a + n))
      .reverse()
      .toString('hex');
  return `${le(at, 4)}-${le(at + 4, 2)}-${le(at + 6, 2)}-${h(at + 8, at + 10)}-${h(at + 10, at + 16)}`;
}

function decodeCodePage(bytes: Buffer, cp: number | null): string {
  return iconv.decode(bytes, codePageEncoding(cp)).replace(/\0+$/, '');
}

/** Decimal string of a FILETIME as an ISO instant (UTC); null for 0 ("not set"). */
export function filetimeToIso(ticks: bigint): string | null {
  if (ticks === 0n) return null;
  const d = new Date(filetimeToMs(ticks));
  return Number.isFinite(d.getTime()) ? d.toISOString().replace('.000Z', 'Z') : null;
}

class Reader {
  constructor(
    private readonly buf: Buffer,
    private readonly codePage: () => number | null,
  ) {}

  /** TypedPropertyValue at `at` ([MS-OLEPS] 2.15): returns the value and where it ends. */
  typed(at: number, depth = 0): { value: OleValue; end: number } {
    need(this.buf, at, 4);
    const vt = this.buf.readUInt16LE(at);
    return this.value(vt, at + 4, depth);
  }

  /**
   * `packed`: strings are not padded to 4 bytes. [MS-OLEPS] 2.5 pads every CodePageString, but
   * Office writes the strings of a vector (TitlesOfParts, HeadingPairs) back to back; a vector is
   * read packed first and padded if that fails.
   */
  value(vt: number, at: number, depth: number, packed = false): { value: OleValue; end: number } {
    const b = this.buf;
    if (vt & VT_VECTOR) {
      if (depth > 1) throw new Fault('nested vector');
      try {
        return this.vector(vt, at, depth, true);
      } catch (err) {
        if (!(err instanceof Fault)) throw err;
        return this.vector(vt, at, depth, false);
      }
    }
    switch (vt) {
      case VT_I2:
        need(b, at, 2);
        return { value: { type: 'int', value: b.readInt16LE(at) }, end: at + 4 };
      case VT_UI2:
        need(b, at, 2);
        return { value: { type: 'int', value: b.readUInt16LE(at) }, end: at + 4 };
      case VT_BOOL:
        need(b, at, 2);
        return { value: { type: 'bool', value: b.readUInt16LE(at) !== 0 }, end: at + 4 };
      case VT_I1:
        need(b, at, 1);
        return { value: { type: 'int', value: b.readInt8(at) }, end: at + 4 };
      case VT_UI1:
        need(b, at, 1);
        return { value: { type: 'int', value: b.readUInt8(at) }, end: at + 4 };
      case VT_I4:
      case VT_INT:
      case VT_ERROR:
        need(b, at, 4);
        return { value: { type: 'int', value: b.readInt32LE(at) }, end: at + 4 };
      case VT_UI4:
      case VT_UINT:
        need(b, at, 4);
        return { value: { type: 'int', value: b.readUInt32LE(at) }, end: at + 4 };
      case VT_R4:
        need(b, at, 4);
        return { value: { type: 'float', value: b.readFloatLE(at) }, end: at + 4 };
      case VT_R8:
      case VT_DATE:
        need(b, at, 8);
        return { value: { type: 'float', value: b.readDoubleLE(at) }, end: at + 8 };
      case VT_I8:
        need(b, at, 8);
        return { value: { type: 'int', value: Number(b.readBigInt64LE(at)) }, end: at + 8 };
      case VT_UI8:
        need(b, at, 8);
        return { value: { type: 'int', value: Number(b.readBigUInt64LE(at)) }, end: at + 8 };
      case VT_FILETIME:
        need(b, at, 8);
        return { value: { type: 'filetime', ticks: b.readBigUInt64LE(at) }, end: at + 8 };
      case VT_CLSID:
        return { value: { type: 'string', value: `{${readGuid(b, at).toUpperCase()}}` }, end: at + 16 };
      case VT_LPSTR:
      case VT_BSTR: {
        need(b, at, 4);
        const size = b.readUInt32LE(at);
        if (size > MAX_STRING_BYTES) throw new Fault(`string of ${size} bytes`);
        need(b, at + 4, size);
        const bytes = b.subarray(at + 4, at + 4 + size);
        // CodePage 1200 makes "8-bit" strings UTF-16 too ([MS-OLEPS] 2.5).
        const value = decodeCodePage(bytes, this.codePage());
        return { value: { type: 'string', value }, end: at + 4 + (packed ? size : pad4(size)) };
      }
      case VT_LPWSTR: {
        need(b, at, 4);
        const chars = b.readUInt32LE(at);
        if (chars * 2 > MAX_STRING_BYTES) throw new Fault(`string of ${chars} characters`);
        need(b, at + 4, chars * 2);
        const value = b
          .subarray(at + 4, at + 4 + chars * 2)
          .toString('utf16le')
          .replace(/\0+$/, '');
        return { value: { type: 'string', value }, end: at + 4 + (packed ? chars * 2 : pad4(chars * 2)) };
      }
      case VT_BLOB:
      case VT_CF: {
        need(b, at, 4);
        const size = b.readUInt32LE(at);
        need(b, at + 4, size);
        return { value: { type: 'blob', size }, end: at + 4 + pad4(size) };
      }
      default:
        return { value: { type: 'other', vt }, end: at };
    }
  }

  private vector(vt: number, at: number, depth: number, packed: boolean): { value: OleValue; end: number } {
    const b = this.buf;
    need(b, at, 4);
    const count = b.readUInt32LE(at);
    if (count > MAX_VECTOR) throw new Fault(`vector of ${count} items`);
    let pos = at + 4;
    const items: OleValue[] = [];
    for (let i = 0; i < count; i++) {
      let r: { value: OleValue; end: number };
      if ((vt & 0xfff) === VT_VARIANT) {
        need(b, pos, 4);
        r = this.value(b.readUInt16LE(pos), pos + 4, depth + 1, packed);
      } else r = this.value(vt & 0xfff, pos, depth + 1, packed);
      if (r.value.type === 'other') throw new Fault(`vector item of unsupported type 0x${(vt & 0xfff).toString(16)}`);
      items.push(r.value);
      pos = r.end;
    }
    return { value: { type: 'vector', items }, end: pos };
  }
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** The dictionary property (id 0): property id → user-defined name ([MS-OLEPS] 2.17). */
function readDictionary(buf: Buffer, at: number, codePage: number | null): Map<number, string> {
  const names = new Map<number, string>();
  need(buf, at, 4);
  const count = buf.readUInt32LE(at);
  if (count > MAX_PROPERTIES) throw new Fault(`dictionary of ${count} entries`);
  let pos = at + 4;
  for (let i = 0; i < count; i++) {
    need(buf, pos, 8);
    const id = buf.readUInt32LE(pos);
    const length = buf.readUInt32LE(pos + 4);
    pos += 8;
    if (codePage === 1200) {
      need(buf, pos, length * 2);
      names.set(
        id,
        buf
          .subarray(pos, pos + length * 2)
          .toString('utf16le')
          .replace(/\0+$/, ''),
      );
      pos += pad4(length * 2);
    } else {
      need(buf, pos, length);
      names.set(id, decodeCodePage(buf.subarray(pos, pos + length), codePage));
      pos += length;
    }
  }
  return names;
}

function readSet(buf: Buffer, base: number, fmtid: string, standardNames: Record<number, string>): OlePropertySet {
  need(buf, base, 8);
  const size = buf.readUInt32LE(base);
  const count = buf.readUInt32LE(base + 4);
  if (count > MAX_PROPERTIES) throw new Fault(`property set of ${count} properties`);
  // A set's declared size bounds its reads; a size too small to hold even the header is a writer's
  // slip seen in the wild, and the stream's own end is the bound then.
  const end = size >= 8 ? Math.min(buf.length, base + size) : buf.length;
  const setBuf = buf.subarray(0, end);
  const entries: { id: number; offset: number }[] = [];
  for (let i = 0; i < count; i++) {
    need(setBuf, base + 8 + i * 8, 8);
    entries.push({ id: setBuf.readUInt32LE(base + 8 + i * 8), offset: setBuf.readUInt32LE(base + 12 + i * 8) });
  }
  const set: OlePropertySet = { fmtid, codePage: null, properties: [] };
  const reader = new Reader(setBuf, () => set.codePage);
  // The code page first: string properties before it in the list still need it.
  const cpEntry = entries.find((e) => e.id === 1);
  if (cpEntry) {
    const v = reader.typed(base + cpEntry.offset).value;
    if (v.type === 'int') set.codePage = v.value & 0xffff;
  }
  const dictEntry = entries.find((e) => e.id === 0);
  const dictionary = dictEntry ? readDictionary(setBuf, base + dictEntry.offset, set.codePage) : new Map<number, string>();
  for (const e of entries) {
    // Dictionary, code page (kept in set.codePage), locale, behavior: structure, not properties.
    if (e.id === 0 || e.id === 1 || e.id === 0x80000000 || e.id === 0x80000003) continue;
    const { value } = reader.typed(base + e.offset);
    set.properties.push({ id: e.id, name: dictionary.get(e.id) ?? standardNames[e.id] ?? `pid:${e.id}`, value });
  }
  return set;
}

/** Parse a property set stream ([MS-OLEPS] 2.21). Never throws: a fault ends the parse with `error`. */
export function parsePropertySetStream(stream: Uint8Array): OlePropertyStream {
  const buf = Buffer.isBuffer(stream) ? stream : Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength);
  const out: OlePropertyStream = { sets: [] };
  try {
    need(buf, 0, 28);
    if (buf.readUInt16LE(0) !== 0xfffe) throw new Fault(`byte order mark 0x${buf.readUInt16LE(0).toString(16)} is not 0xfffe`);
    const sets = buf.readUInt32LE(24);
    if (sets < 1 || sets > 2) throw new Fault(`${sets} property sets (1 or 2 expected)`);
    for (let i = 0; i < sets; i++) {
      const fmtid = readGuid(buf, 28 + i * 20);
      need(buf, 44 + i * 20, 4);
      const offset = buf.readUInt32LE(44 + i * 20);
      const names = fmtid === FMTID_SUMMARY ? SUMMARY_NAMES : fmtid === FMTID_DOC_SUMMARY ? DOC_SUMMARY_NAMES : {};
      out.sets.push(readSet(buf, offset, fmtid, names));
    }
  } catch (err) {
    if (!(err instanceof Fault) && !(err instanceof RangeError)) throw err;
    out.error = err.message;
  }
  return out;
}

/** A property value as a metadata string: text as is, FILETIMEs as ISO instants, vectors joined by '; '. */
export function valueToString(v: OleValue): string | null {
  switch (v.type) {
    case 'string':
      return v.value;
    case 'int':
    case 'float':
      return String(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'filetime':
      return filetimeToIso(v.ticks);
    case 'vector': {
      const parts = v.items.map(valueToString).filter((s): s is string => s !== null);
      return parts.join('; ');
    }
    case 'blob':
      return null;
    case 'other':
      return null;
  }
}
