// Objects of a PDF read from its bytes: located through the cross-reference map (or found by
// scanning when the map fails), object streams, indirect references, decoded and decrypted streams.

import { MAX_SCANNED_OBJECTS, sameLoc, type Loc, type LocLookup, type PdfStructureOptions, type Warn } from './structure-model.js';
import {
  PdfLexer,
  int,
  isDict,
  isRef,
  isString,
  latin1,
  name,
  readIndirectObject,
  type PdfDict,
  type PdfIndirectObject,
  type PdfRef,
  type PdfStreamSpan,
  type PdfValue,
} from './syntax.js';
import { decodeTextString } from './text-string.js';
import { decodeStream, streamCryptFilter } from './stream-filters.js';
import type { PdfDecryptor } from './decrypt.js';

export class PdfObjects {
  /** Object number → where its current definition lies (the newest save's view). */
  current = new Map<number, Loc>();
  encrypted = false;
  /** Set when the empty password opens an encrypted file. */
  decryptor: PdfDecryptor | undefined;
  private scanMap: Map<number, Loc> | null = null;
  private readonly objStmCache = new Map<string, { data: Uint8Array; first: number; pairs: [number, number][] } | null>();
  private readonly objCache = new Map<string, PdfIndirectObject | null>();
  private readonly resolvingStm = new Set<number>();
  private decodedBytes = 0;

  constructor(
    private readonly buf: Uint8Array,
    private readonly opt: PdfStructureOptions,
    private readonly warn: Warn,
  ) {}

  /** Objects found by scanning for 'n g obj' (last occurrence wins), built once, on demand. */
  scanned(): Map<number, Loc> {
    if (!this.scanMap) this.scanMap = this.scanObjects();
    return this.scanMap;
  }

  lengthOf(r: PdfRef): number | undefined {
    // only a direct, uncompressed object can hold a /Length we trust while still reading xrefs
    const loc = this.current.get(r.num) ?? this.scanLoc(r.num);
    if (!loc || loc.t !== 1) return undefined;
    try {
      return int(readIndirectObject(this.buf, loc.offset).value);
    } catch {
      return undefined;
    }
  }

  /**
   * A stream's decoded data. `owner` is the object holding it, needed to decrypt: cross-reference
   * streams are never encrypted, metadata not when /EncryptMetadata is false (§7.6.1).
   */
  decode(span: PdfStreamSpan, what: string, owner?: PdfIndirectObject): Uint8Array | null {
    if (this.decodedBytes > this.opt.maxDecodedBytes) {
      this.warn(`${what}: decoded-bytes budget spent, not decoded`);
      return null;
    }
    let raw: Uint8Array | undefined;
    const type = name(span.dict.map.get('Type'));
    const identity = streamCryptFilter(span.dict) === 'Identity';
    if (this.encrypted && owner && !identity && type !== 'XRef' && !(type === 'Metadata' && this.decryptor?.encryptMetadata === false)) {
      if (!this.decryptor || owner.offset < 0) return null;
      raw = this.decryptor.decryptStream(this.buf.subarray(span.start, span.end), owner.num, owner.gen);
    }
    try {
      const data = decodeStream(this.buf, span, this.opt.maxStreamBytes, raw);
      this.decodedBytes += data.length;
      return data;
    } catch (e) {
      this.warn(`${what}: ${(e as Error).message}`);
      return null;
    }
  }

  /** Wrong xref offsets come in hundreds when they come (a shifted file): report a few. */
  private misplacedCount = 0;

  private misplaced(msg: string): void {
    if (++this.misplacedCount <= 3) this.warn(msg);
    else if (this.misplacedCount === 4) this.warn('more objects are not where the cross-reference table says');
  }

  /** Object `num` as the current revision (or a given cumulative map) defines it. */
  getObject(n: number, map: LocLookup = this.current): PdfIndirectObject | null {
    const loc = map.get(n);
    if (loc && loc.t !== 0) {
      const o = this.objectAt(n, loc, map);
      if (o) return o;
    }
    // Broken or missing entry: fall back to the object found by scanning the file.
    const s = this.scanLoc(n);
    return s && (!loc || !sameLoc(s, loc)) ? this.objectAt(n, s, map) : null;
  }

  objectAt(n: number, loc: Loc, map: LocLookup): PdfIndirectObject | null {
    // caches are keyed by where the bytes are: an object stream redefined by an update is another stream
    const key = loc.t === 1 ? `o${loc.offset}` : loc.t === 2 ? `s${this.stmKey(loc.stm, map)}:${loc.idx}:${n}` : '';
    if (!key) return null;
    if (this.objCache.has(key)) return this.objCache.get(key)!;
    let o: PdfIndirectObject | null = null;
    try {
      if (loc.t === 1) {
        o = readIndirectObject(this.buf, loc.offset, (r) => this.lengthOf(r));
        if (o.num !== n) {
          this.misplaced(`xref says object ${n} is at ${loc.offset}, found object ${o.num} there`);
          o = null;
        }
      } else if (loc.t === 2) o = this.compressedObject(n, loc, map);
    } catch (e) {
      if (loc.t === 1) this.misplaced(`object ${n} at ${loc.offset}: ${(e as Error).message}`);
      o = null;
    }
    if (this.objCache.size < 50_000) this.objCache.set(key, o);
    return o;
  }

  private compressedObject(n: number, loc: { stm: number; idx: number }, map: LocLookup): PdfIndirectObject | null {
    const stm = this.objStm(loc.stm, map);
    if (!stm) return null;
    let pair = stm.pairs[loc.idx];
    if (!pair || pair[0] !== n) pair = stm.pairs.find((p) => p[0] === n) ?? pair;
    if (!pair || pair[0] !== n) return null;
    const lx = new PdfLexer(stm.data, stm.first + pair[1]);
    const value = lx.readValue();
    return { num: n, gen: 0, offset: -1, value, end: lx.pos };
  }

  private stmKey(stmNum: number, map: LocLookup): string {
    const loc = map.get(stmNum) ?? this.scanLoc(stmNum);
    return loc?.t === 1 ? `${stmNum}@${loc.offset}` : `${stmNum}@?`;
  }

  private objStm(stmNum: number, map: LocLookup): { data: Uint8Array; first: number; pairs: [number, number][] } | null {
    const cacheKey = this.stmKey(stmNum, map);
    if (this.objStmCache.has(cacheKey)) return this.objStmCache.get(cacheKey)!;
    if (this.resolvingStm.has(stmNum)) {
      this.warn(`object stream ${stmNum} refers to itself`);
      return null;
    }
    this.resolvingStm.add(stmNum);
    let result: { data: Uint8Array; first: number; pairs: [number, number][] } | null = null;
    try {
      const loc = map.get(stmNum) ?? this.scanLoc(stmNum);
      if (!loc || loc.t !== 1) {
        // an object stream can only live in the file body (§7.5.7); anything else is hostile
        if (loc?.t === 2) this.warn(`object stream ${stmNum} is said to be inside another object stream`);
        return null;
      }
      const o = this.getObject(stmNum, map);
      if (!o?.stream || name(o.stream.dict.map.get('Type')) !== 'ObjStm') return null;
      const data = this.decode(o.stream, `object stream ${stmNum}`, o);
      if (!data) return null;
      const count = Math.min(int(o.stream.dict.map.get('N')) ?? 0, 1_000_000);
      const first = int(o.stream.dict.map.get('First')) ?? 0;
      const lx = new PdfLexer(data, 0, Math.min(first, data.length));
      const pairs: [number, number][] = [];
      for (let i = 0; i < count; i++) {
        const a = lx.readInt();
        const b = lx.readInt();
        if (a === undefined || b === undefined) break;
        pairs.push([a, b]);
      }
      result = { data, first, pairs };
    } catch (e) {
      this.warn(`object stream ${stmNum}: ${(e as Error).message}`);
    } finally {
      this.resolvingStm.delete(stmNum);
      // failures are cached too: a broken stream is decoded once, not once per member
      this.objStmCache.set(cacheKey, result);
    }
    return result;
  }

  /** Where 'n g obj' occurs in the file (last occurrence wins), built once, on demand. */
  private scanLoc(n: number): Loc | undefined {
    if (!this.scanMap) this.scanMap = this.scanObjects();
    return this.scanMap.get(n);
  }

  private scanObjects(): Map<number, Loc> {
    const { buf } = this;
    const map = new Map<number, Loc>();
    const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
    for (let i = bytes.indexOf('obj', 0, 'latin1'); i >= 0; i = bytes.indexOf('obj', i + 3, 'latin1')) {
      if (map.size >= MAX_SCANNED_OBJECTS) break;
      // 'n g obj' preceded by a line break or whitespace and not part of 'endobj'
      const m = latin1(buf, Math.max(0, i - 24), i).match(/(?:^|[\s>])(\d{1,10})\s+(\d{1,5})\s*$/);
      if (!m || buf[i - 1] === 0x64 /* 'd' of endobj */) continue;
      const after = buf[i + 3];
      if (after !== undefined && !(after <= 32 || after === 0x3c || after === 0x5b || after === 0x2f || after === 0x28 || after === 0x25))
        continue;
      const start = i - m[0].length + (m[0].length - m[0].trimStart().length);
      map.set(Number(m[1]), { t: 1, offset: start, gen: Number(m[2]) });
    }
    return map;
  }

  resolve(v: PdfValue | undefined, depth = 0): PdfValue | undefined {
    let cur = v;
    for (let d = depth; isRef(cur) && d < 16; d++) cur = this.getObject(cur.num)?.value ?? undefined;
    return isRef(cur) ? undefined : cur;
  }

  resolveDict(v: PdfValue | undefined): PdfDict | undefined {
    const r = this.resolve(v);
    if (isDict(r)) return r;
    if (isRef(v)) {
      const o = this.getObject(v.num);
      if (o?.stream) return o.stream.dict;
    }
    return undefined;
  }

  /** A text string of object `holder` (decrypted when the file is encrypted), or undefined. */
  text(v: PdfValue | undefined, holder: PdfIndirectObject | null): string | undefined {
    let str = v;
    let owner = holder;
    if (isRef(v)) {
      owner = this.getObject(v.num);
      str = owner?.value ?? undefined;
    }
    if (!isString(str)) return undefined;
    let bytes = str.bytes;
    if (this.encrypted) {
      if (!this.decryptor || !owner) return undefined;
      // strings inside an object stream were encrypted with the stream, not one by one
      if (owner.offset >= 0) bytes = this.decryptor.decryptString(bytes, owner.num, owner.gen);
    }
    return decodeTextString(bytes);
  }

  findByType(type: string): number | undefined {
    const candidates = this.current.size ? [...this.current.keys()] : [];
    for (const n of this.scanned().keys()) candidates.push(n);
    let budget = this.opt.maxObjects;
    for (const n of new Set(candidates)) {
      if (--budget < 0) break;
      const v = this.getObject(n)?.value;
      if (isDict(v) && name(v.map.get('Type')) === type) return n;
    }
    return undefined;
  }
}
