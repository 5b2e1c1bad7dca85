// PDF object syntax (ISO 32000-1 §7.2-7.4) read from the bytes for the structure reader: tokens,
// direct and indirect objects, streams; every loop bounded (docs/extract.md, PDF structure).

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfDict | PdfValue[] | PdfKeyword;

export interface PdfName {
  kind: 'name';
  name: string;
}
export interface PdfString {
  kind: 'string';
  bytes: Uint8Array;
  hex: boolean;
}
export interface PdfRef {
  kind: 'ref';
  num: number;
  gen: number;
}
export interface PdfDict {
  kind: 'dict';
  map: Map<string, PdfValue>;
}
/** A bare keyword where a value was expected (malformed input); kept so callers can stop. */
interface PdfKeyword {
  kind: 'keyword';
  word: string;
}

export interface PdfStreamSpan {
  dict: PdfDict;
  /** Byte range of the raw (still encoded) stream data. */
  start: number;
  end: number;
  /** False when /Length was missing, indirect-unresolvable or wrong and 'endstream' was searched for. */
  lengthTrusted: boolean;
}

export interface PdfIndirectObject {
  num: number;
  gen: number;
  offset: number;
  value: PdfValue;
  stream?: PdfStreamSpan;
  /** Offset just past the object (after 'endobj' when found). */
  end: number;
}

class PdfSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'PdfSyntaxError';
  }
}

const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

export const isWhite = (c: number): boolean => WS[c] === 1;
const isRegular = (c: number): boolean => WS[c] === 0 && DELIM[c] === 0;

/** Deepest array/dictionary nesting accepted; real files stay under ~10. */
const MAX_DEPTH = 64;
/** Longest string literal read (signature /Contents are the largest real ones, tens of KB). */
const MAX_STRING = 4 << 20;
/** Most tokens one direct object may contain before parsing gives up. */
const MAX_TOKENS = 1_000_000;

export const name = (v: PdfValue | undefined): string | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'name' ? v.name : undefined;
export const isDict = (v: PdfValue | undefined): v is PdfDict =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'dict';
export const isRef = (v: PdfValue | undefined): v is PdfRef => v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'ref';
export const isString = (v: PdfValue | undefined): v is PdfString =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'string';
export const num = (v: PdfValue | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const int = (v: PdfValue | undefined): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
export const refText = (r: PdfRef): string => `${r.num} ${r.gen} R`;

/** A cursor over the bytes of a PDF. Positions are absolute offsets into `buf`. */
export class PdfLexer {
  pos: number;
  private tokens = 0;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  skipWhite(): void {
    const { buf, end } = this;
    while (this.pos < end) {
      const c = buf[this.pos];
      if (WS[c]) this.pos++;
      else if (c === 0x25 /* % */) {
        while (this.pos < end && buf[this.pos] !== 10 && buf[this.pos] !== 13) this.pos++;
      } else break;
    }
  }

  /** The next regular-character run without consuming it (keywords, numbers). */
  peekWord(): string {
    this.skipWhite();
    let p = this.pos;
    while (p < this.end && isRegular(this.buf[p]) && p - this.pos < 32) p++;
    return latin1(this.buf, this.pos, p);
  }

  readWord(): string {
    const w = this.peekWord();
    this.pos += w.length;
    return w;
  }

  /** An integer token, or undefined (position unchanged). */
  readInt(): number | undefined {
    const save = this.pos;
    const w = this.readWord();
    if (/^[+-]?\d{1,15}$/.test(w)) return Number(w);
    this.pos = save;
    return undefined;
  }

  /** Read one direct object (with `n g R` references). */
  readValue(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('objects nested too deeply', this.pos);
    if (++this.tokens > MAX_TOKENS) throw new PdfSyntaxError('object too large', this.pos);
    this.skipWhite();
    if (this.pos >= this.end) throw new PdfSyntaxError('unexpected end of data', this.pos);
    const { buf } = this;
    const c = buf[this.pos];
    if (c === 0x2f /* / */) return this.readName();
    if (c === 0x28 /* ( */) return this.readLiteralString();
    if (c === 0x3c /* < */) {
      if (buf[this.pos + 1] === 0x3c) return this.readDict(depth);
      return this.readHexString();
    }
    if (c === 0x5b /* [ */) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWhite();
        if (this.pos >= this.end) throw new PdfSyntaxError('unterminated array', this.pos);
        if (buf[this.pos] === 0x5d) {
          this.pos++;
          return arr;
        }
        const v = this.readValue(depth + 1);
        if (isKeyword(v)) {
          // 'R' after two numbers inside an array
          if (v.word === 'R' && arr.length >= 2 && isUInt(arr[arr.length - 1]) && isUInt(arr[arr.length - 2])) {
            const gen = arr.pop() as number;
            const n = arr.pop() as number;
            arr.push({ kind: 'ref', num: n, gen });
            continue;
          }
          if (v.word === 'endobj' || v.word === 'stream' || v.word === 'obj')
            throw new PdfSyntaxError(`'${v.word}' inside an array`, this.pos);
        }
        arr.push(v);
      }
    }
    if (c === 0x28 || c === 0x29 || c === 0x3e || c === 0x5d || c === 0x7b || c === 0x7d) {
      this.pos++;
      return { kind: 'keyword', word: String.fromCharCode(c) };
    }
    const w = this.readWord();
    if (w === '') {
      this.pos++;
      return { kind: 'keyword', word: String.fromCharCode(c) };
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w) || /^[+-]?\d+\.\d*$/.test(w)) {
      const n = Number(w);
      if (/^\d+$/.test(w)) {
        // maybe 'n g R'
        const save = this.pos;
        const g = this.readInt();
        if (g !== undefined && g >= 0 && this.peekWord() === 'R') {
          this.readWord();
          return { kind: 'ref', num: n, gen: g };
        }
        this.pos = save;
      }
      return Number.isFinite(n) ? n : 0;
    }
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    // lenient: '-' alone, '--5' etc. are read as 0 like other readers do
    if (/^[+-]+\d*\.?\d*$/.test(w)) return Number(w.replace(/^[+-]+/, (s) => (s.includes('-') ? '-' : ''))) || 0;
    return { kind: 'keyword', word: w };
  }

  private readName(): PdfName {
    const { buf, end } = this;
    let p = ++this.pos;
    while (p < end && isRegular(buf[p])) p++;
    const raw = latin1(buf, this.pos, p);
    this.pos = p;
    // '#xx' escapes (PDF 1.2) are decoded: '/J#61vaScript' is '/JavaScript' to every viewer.
    const decoded = raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw;
    return { kind: 'name', name: decoded };
  }

  private readDict(depth: number): PdfDict {
    this.pos += 2;
    const map = new Map<string, PdfValue>();
    for (;;) {
      this.skipWhite();
      if (this.pos >= this.end) throw new PdfSyntaxError('unterminated dictionary', this.pos);
      const c = this.buf[this.pos];
      if (c === 0x3e && this.buf[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return { kind: 'dict', map };
      }
      if (c !== 0x2f) {
        // A value without a key, or junk: skip one token, as lenient readers do.
        const v = this.readValue(depth + 1);
        if (isKeyword(v) && (v.word === 'endobj' || v.word === 'stream' || v.word === 'obj')) {
          throw new PdfSyntaxError(`'${v.word}' inside a dictionary`, this.pos);
        }
        continue;
      }
      const key = this.readName().name;
      this.skipWhite();
      if (this.buf[this.pos] === 0x3e && this.buf[this.pos + 1] === 0x3e) {
        map.set(key, null);
        continue;
      }
      const v = this.readValue(depth + 1);
      if (isKeyword(v) && (v.word === 'endobj' || v.word === 'stream' || v.word === 'obj')) {
        throw new PdfSyntaxError(`'${v.word}' inside a dictionary`, this.pos);
      }
      map.set(key, v);
    }
  }

  private readLiteralString(): PdfString {
    const { buf, end } = this;
    let p = this.pos + 1;
    let nest = 1;
    const out: number[] = [];
    while (p < end) {
      if (out.length > MAX_STRING) throw new PdfSyntaxError('string too long', this.pos);
      const c = buf[p++];
      if (c === 0x5c /* \ */) {
        if (p >= end) break;
        const e = buf[p++];
        switch (e) {
          case 0x6e:
            out.push(10);
            break; // n
          case 0x72:
            out.push(13);
            break; // r
          case 0x74:
            out.push(9);
            break; // t
          case 0x62:
            out.push(8);
            break; // b
          case 0x66:
            out.push(12);
            break; // f
          case 0x0d:
            if (buf[p] === 0x0a) p++;
            break; // line continuation
          case 0x0a:
            break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let v = e - 0x30;
              for (let k = 0; k < 2 && p < end && buf[p] >= 0x30 && buf[p] <= 0x37; k++) v = v * 8 + (buf[p++] - 0x30);
              out.push(v & 0xff);
            } else out.push(e);
        }
        continue;
      }
      if (c === 0x28) nest++;
      else if (c === 0x29 && --nest === 0) {
        this.pos = p;
        return { kind: 'string', bytes: Uint8Array.from(out), hex: false };
      }
      out.push(c);
    }
    throw new PdfSyntaxError('unterminated string', this.pos);
  }

  private readHexString(): PdfString {
    const { buf, end } = this;
    let p = this.pos + 1;
    const out: number[] = [];
    let hi = -1;
    while (p < end) {
      const c = buf[p++];
      if (c === 0x3e) {
        if (hi >= 0) out.push(hi << 4);
        this.pos = p;
        return { kind: 'string', bytes: Uint8Array.from(out), hex: true };
      }
      const d = hexDigit(c);
      if (d < 0) {
        if (WS[c]) continue;
        throw new PdfSyntaxError('bad hex string', p - 1);
      }
      if (hi < 0) hi = d;
      else {
        out.push((hi << 4) | d);
        hi = -1;
      }
      if (out.length > MAX_STRING) throw new PdfSyntaxError('string too long', this.pos);
    }
    throw new PdfSyntaxError('unterminated hex string', this.pos);
  }
}

export function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

const isKeyword = (v: PdfValue): v is PdfKeyword => v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'keyword';
const isUInt = (v: PdfValue | undefined): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function latin1(buf: Uint8Array, start: number, end: number): string {
  const s = Math.max(0, start);
  const e = Math.min(buf.length, end);
  if (e <= s) return '';
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');
}

/** Index of `needle` (ASCII) in buf[from, to), or -1. */
export function indexOf(buf: Uint8Array, needle: string, from = 0, to = buf.length): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, to));
  return b.indexOf(needle, Math.max(0, from), 'latin1');
}

/** Last index of `needle` starting at or before `before - needle.length`, not earlier than `notBefore`. */
export function lastIndexOf(buf: Uint8Array, needle: string, before: number, notBefore = 0): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  const i = b.lastIndexOf(needle, before - needle.length, 'latin1');
  return i >= notBefore ? i : -1;
}

/**
 * Read the indirect object 'num gen obj ... endobj' starting at `offset` (whitespace allowed first).
 * `resolveLength` turns an indirect /Length into a number when the caller can.
 */
export function readIndirectObject(
  buf: Uint8Array,
  offset: number,
  resolveLength?: (ref: PdfRef) => number | undefined,
): PdfIndirectObject {
  if (!(offset >= 0 && offset < buf.length)) throw new PdfSyntaxError('object offset outside the file', offset);
  const lx = new PdfLexer(buf, offset);
  lx.skipWhite();
  const at = lx.pos;
  const n = lx.readInt();
  const g = lx.readInt();
  if (n === undefined || g === undefined || lx.readWord() !== 'obj') throw new PdfSyntaxError('no "n g obj" header', at);
  lx.skipWhite();
  // 'n g obj endobj' (empty object) occurs in damaged files
  if (lx.peekWord() === 'endobj') {
    lx.readWord();
    return { num: n, gen: g, offset: at, value: null, end: lx.pos };
  }
  const value = lx.readValue();
  lx.skipWhite();
  let stream: PdfStreamSpan | undefined;
  if (isDict(value) && lx.peekWord() === 'stream') {
    lx.readWord();
    stream = locateStreamData(buf, lx.pos, value, resolveLength);
    lx.pos = stream.end;
    const es = indexOf(buf, 'endstream', stream.end, Math.min(buf.length, stream.end + 64));
    if (es >= 0) lx.pos = es + 9;
  }
  lx.skipWhite();
  if (lx.peekWord() === 'endobj') lx.readWord();
  return { num: n, gen: g, offset: at, value, stream, end: lx.pos };
}

/** Where a stream's data lies: after 'stream' EOL, for /Length bytes if that ends at 'endstream'. */
function locateStreamData(
  buf: Uint8Array,
  afterKeyword: number,
  dict: PdfDict,
  resolveLength?: (ref: PdfRef) => number | undefined,
): PdfStreamSpan {
  let start = afterKeyword;
  if (buf[start] === 0x0d && buf[start + 1] === 0x0a) start += 2;
  else if (buf[start] === 0x0a || buf[start] === 0x0d) start += 1;
  const lenV = dict.map.get('Length');
  let len = int(lenV);
  if (len === undefined && isRef(lenV) && resolveLength) len = resolveLength(lenV);
  if (len !== undefined && len >= 0 && start + len <= buf.length) {
    // trust /Length only when 'endstream' follows it (a hostile /Length can be anything)
    let p = start + len;
    while (p < buf.length && p < start + len + 32 && WS[buf[p]]) p++;
    if (latin1(buf, p, p + 9) === 'endstream') return { dict, start, end: start + len, lengthTrusted: true };
  }
  const es = indexOf(buf, 'endstream', start);
  if (es < 0) return { dict, start, end: buf.length, lengthTrusted: false };
  let end = es;
  if (buf[end - 1] === 0x0a) end--;
  if (buf[end - 1] === 0x0d) end--;
  return { dict, start, end: Math.max(start, end), lengthTrusted: false };
}
