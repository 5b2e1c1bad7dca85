// The stream filters cross-reference streams, object streams and metadata use (FlateDecode with
// predictors, ASCIIHex, ASCII85), with the output capped, for the structure reader.

import { constants as zc, inflateRawSync, inflateSync } from 'node:zlib';
import { hexDigit, int, isDict, isWhite, name, type PdfDict, type PdfStreamSpan } from './syntax.js';

/** The crypt filter a stream names in its /Filter chain ('Identity' when none is named), or undefined. */
export function streamCryptFilter(dict: PdfDict): string | undefined {
  const fv = dict.map.get('Filter');
  const filters = Array.isArray(fv) ? fv.map(name) : [name(fv)];
  const i = filters.indexOf('Crypt');
  if (i < 0) return undefined;
  const pv = dict.map.get('DecodeParms');
  const p = Array.isArray(pv) ? pv[i] : pv;
  return (isDict(p) ? name(p.map.get('Name')) : undefined) ?? 'Identity';
}

class StreamDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamDecodeError';
  }
}

/**
 * Decode a stream's data through its /Filter chain. Supports what cross-reference streams,
 * object streams and metadata use in practice: FlateDecode (with PNG/TIFF predictors),
 * ASCIIHexDecode, ASCII85Decode. Output is capped at `maxBytes`.
 */
export function decodeStream(buf: Uint8Array, span: PdfStreamSpan, maxBytes: number, raw?: Uint8Array): Uint8Array {
  let data: Uint8Array = raw ?? buf.subarray(span.start, span.end);
  const fv = span.dict.map.get('Filter') ?? span.dict.map.get('F');
  const filters = Array.isArray(fv) ? fv.map(name) : fv === undefined || fv === null ? [] : [name(fv)];
  const pv = span.dict.map.get('DecodeParms') ?? span.dict.map.get('DP');
  const parms = Array.isArray(pv) ? pv : [pv];
  filters.forEach((f, i) => {
    const p = parms[i];
    switch (f) {
      case 'FlateDecode':
      case 'Fl':
        data = inflate(data, maxBytes);
        if (isDict(p)) data = unpredict(data, p);
        break;
      case 'ASCIIHexDecode':
      case 'AHx':
        data = asciiHex(data);
        break;
      case 'ASCII85Decode':
      case 'A85':
        data = ascii85(data);
        break;
      case 'Crypt':
        // decryption is the caller's business (it knows the key); the filter itself passes through
        break;
      default:
        throw new StreamDecodeError(`unsupported filter /${f ?? '?'}`);
    }
    if (data.length > maxBytes) throw new StreamDecodeError(`decoded stream larger than ${maxBytes} bytes`);
  });
  return data;
}

function inflate(data: Uint8Array, maxBytes: number): Uint8Array {
  // Z_SYNC_FLUSH keeps what was decoded from a truncated stream instead of failing.
  const opts = { maxOutputLength: maxBytes, finishFlush: zc.Z_SYNC_FLUSH };
  try {
    return inflateSync(data, opts);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new StreamDecodeError(`decoded stream larger than ${maxBytes} bytes`);
    try {
      // some writers omit or damage the 2-byte zlib header
      return inflateRawSync(data.subarray(2), opts);
    } catch {
      throw new StreamDecodeError(`FlateDecode failed: ${(e as Error).message}`);
    }
  }
}

function unpredict(data: Uint8Array, parms: PdfDict): Uint8Array {
  const predictor = int(parms.map.get('Predictor')) ?? 1;
  if (predictor <= 1) return data;
  const colors = Math.max(1, Math.min(int(parms.map.get('Colors')) ?? 1, 32));
  const bpc = Math.max(1, Math.min(int(parms.map.get('BitsPerComponent')) ?? 8, 16));
  const columns = Math.max(1, Math.min(int(parms.map.get('Columns')) ?? 1, 1 << 20));
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) return data;
    const out = Uint8Array.from(data);
    for (let r = 0; r + rowLen <= out.length; r += rowLen) {
      for (let i = bpp; i < rowLen; i++) out[r + i] = (out[r + i] + out[r + i - bpp]) & 0xff;
    }
    return out;
  }
  // PNG predictors (10-15): each row starts with its own filter-type byte.
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  const prev = new Uint8Array(rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)];
    const src = r * (rowLen + 1) + 1;
    const dst = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const raw = data[src + i];
      const left = i >= bpp ? out[dst + i - bpp] : 0;
      const up = prev[i];
      const upLeft = i >= bpp ? prev[i - bpp] : 0;
      let v: number;
      switch (type) {
        case 1:
          v = raw + left;
          break;
        case 2:
          v = raw + up;
          break;
        case 3:
          v = raw + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left),
            pb = Math.abs(p - up),
            pc = Math.abs(p - upLeft);
          v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          v = raw;
      }
      out[dst + i] = v & 0xff;
    }
    prev.set(out.subarray(dst, dst + rowLen));
  }
  return out;
}

function asciiHex(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let hi = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    const d = hexDigit(c);
    if (d < 0) continue;
    if (hi < 0) hi = d;
    else {
      out.push((hi << 4) | d);
      hi = -1;
    }
  }
  if (hi >= 0) out.push(hi << 4);
  return Uint8Array.from(out);
}

function ascii85(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  const group: number[] = [];
  let i = 0;
  if (data[0] === 0x3c && data[1] === 0x7e) i = 2;
  for (; i < data.length; i++) {
    const c = data[i];
    if (c === 0x7e) break; // '~>'
    if (isWhite(c)) continue;
    if (c === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (c < 0x21 || c > 0x75) throw new StreamDecodeError('bad ASCII85 data');
    group.push(c - 0x21);
    if (group.length === 5) {
      let v = 0;
      for (const d of group) v = v * 85 + d;
      out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
      group.length = 0;
    }
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const d of group) v = v * 85 + d;
    const bytes = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    out.push(...bytes.slice(0, n - 1));
  }
  return Uint8Array.from(out);
}
