// Cross-reference sections: a classic table with its trailer, or a cross-reference stream, at an
// offset (tolerating offsets a few bytes off, as viewers do). Cached by position.

import { MAX_SCANNED_OBJECTS, type Loc, type Warn, type XrefSection } from './structure-model.js';
import { PdfLexer, indexOf, int, isDict, latin1, name, num, readIndirectObject, type PdfValue } from './syntax.js';
import type { PdfObjects } from './objects.js';

/** Cross-reference entries read over all sections (a hostile file can repeat huge tables). */
const MAX_XREF_ENTRIES = 5_000_000;

export class XrefReader {
  private readonly sections = new Map<number, XrefSection | null>();
  private xrefEntries = 0;

  constructor(
    private readonly buf: Uint8Array,
    private readonly warn: Warn,
    private readonly objects: PdfObjects,
  ) {}

  /**
   * The xref section at `offset` (+ `base` for a file appended whole, whose offsets count from
   * its own header). Cached by absolute position.
   */
  sectionAt(rel: number, base = 0): XrefSection | null {
    const offset = rel + base;
    if (this.sections.has(offset)) return this.sections.get(offset)!;
    this.sections.set(offset, null); // guards against re-entry through /XRefStm
    let s = this.sectionExactlyAt(offset, false, base);
    if (!s && base === 0) {
      // Offsets shifted by a few bytes are common (line endings converted in transit, junk
      // before the header): take the nearest section within a small window, as viewers do.
      for (const near of this.nearbySectionStarts(offset)) {
        if (this.sections.get(near)) {
          s = this.sections.get(near)!;
        } else {
          s = this.sectionExactlyAt(near, true);
          if (s) this.sections.set(near, s);
        }
        if (s) {
          this.warn(`startxref/Prev ${offset} is off by ${near - offset} bytes (section found at ${near})`);
          break;
        }
      }
      if (!s) this.warn(`no cross-reference section at ${offset}`);
    }
    this.sections.set(offset, s);
    return s;
  }

  private sectionExactlyAt(offset: number, quiet: boolean, base = 0): XrefSection | null {
    if (!(offset >= 0 && offset < this.buf.length)) return null;
    try {
      const lx = new PdfLexer(this.buf, offset);
      lx.skipWhite();
      const s = lx.peekWord() === 'xref' ? this.readTable(lx) : this.readXrefStream(lx.pos);
      return s && base ? rebase(s, base) : s;
    } catch (e) {
      if (!quiet && !(e instanceof Error && /no "n g obj" header/.test(e.message))) {
        this.warn(`cross-reference section at ${offset}: ${(e as Error).message}`);
      }
      return null;
    }
  }

  /** Starts of 'xref' keywords and 'n g obj' headers within 256 bytes of `offset`, nearest first. */
  private nearbySectionStarts(offset: number): number[] {
    const from = Math.max(0, offset - 256);
    const text = latin1(this.buf, from, Math.min(this.buf.length, offset + 256));
    const found: number[] = [];
    for (const m of text.matchAll(/(?<![a-z])xref\b|\d+\s+\d+\s+obj\b/g)) {
      const at = from + (m.index ?? 0);
      if (at !== offset) found.push(at);
    }
    return found.sort((a, b) => Math.abs(a - offset) - Math.abs(b - offset)).slice(0, 8);
  }

  private readTable(lx: PdfLexer): XrefSection | null {
    const offset = lx.pos;
    lx.readWord(); // 'xref'
    const entries = new Map<number, Loc>();
    for (;;) {
      const w = lx.peekWord();
      if (w === 'trailer' || w === '') break;
      const first = lx.readInt();
      const count = lx.readInt();
      if (first === undefined || count === undefined || first < 0 || count < 0) {
        this.warn(`xref table at ${offset}: bad subsection header`);
        break;
      }
      let ok = true;
      for (let i = 0; i < count; i++) {
        if (entries.size >= MAX_SCANNED_OBJECTS || ++this.xrefEntries > MAX_XREF_ENTRIES) {
          this.warn(`xref table at ${offset}: too many entries, the rest not read`);
          ok = false;
          break;
        }
        const save = lx.pos;
        const off = lx.readInt();
        const gen = lx.readInt();
        const kind = lx.readWord();
        if (off === undefined || gen === undefined || (kind !== 'n' && kind !== 'f')) {
          // fewer entries than the header claims: stop this subsection
          lx.pos = save;
          this.warn(`xref table at ${offset}: subsection ${first} claims ${count} entries, ${i} found`);
          ok = false;
          break;
        }
        // an in-use entry at offset 0 (written by some tools for missing objects) locates nothing
        if (!entries.has(first + i)) entries.set(first + i, kind === 'n' && off > 0 ? { t: 1, offset: off, gen } : { t: 0 });
      }
      if (!ok) {
        const w2 = lx.peekWord();
        if (w2 !== 'trailer' && !/^\d+$/.test(w2)) break;
      }
    }
    if (lx.peekWord() !== 'trailer') {
      // damaged entries: the trailer may still follow, before the next startxref
      const sx = indexOf(this.buf, 'startxref', lx.pos, Math.min(this.buf.length, lx.pos + (1 << 20)));
      const t = indexOf(this.buf, 'trailer', lx.pos, sx > 0 ? sx : Math.min(this.buf.length, lx.pos + (1 << 20)));
      if (t >= 0) lx.pos = t;
    }
    if (lx.peekWord() !== 'trailer') {
      this.warn(`xref table at ${offset}: no trailer`);
      return entries.size ? { type: 'table', offset, entries, trailer: { kind: 'dict', map: new Map() } } : null;
    }
    lx.readWord();
    const trailer = lx.readValue();
    if (!isDict(trailer)) {
      this.warn(`xref table at ${offset}: trailer is not a dictionary`);
      return { type: 'table', offset, entries, trailer: { kind: 'dict', map: new Map() } };
    }
    return {
      type: 'table',
      offset,
      entries,
      trailer,
      prev: nonNegInt(trailer.map.get('Prev')),
      xrefStm: nonNegInt(trailer.map.get('XRefStm')),
    };
  }

  private readXrefStream(offset: number): XrefSection | null {
    const obj = readIndirectObject(this.buf, offset, (r) => this.objects.lengthOf(r));
    if (!obj.stream || name(obj.stream.dict.map.get('Type')) !== 'XRef') return null;
    const d = obj.stream.dict;
    const data = this.objects.decode(obj.stream, `xref stream ${obj.num} at ${offset}`);
    if (!data) return null;
    const w = d.map.get('W');
    const widths = Array.isArray(w) ? w.map((x) => int(x) ?? -1) : [];
    if (widths.length !== 3 || widths.some((x) => x < 0 || x > 8) || widths[1] === 0) {
      this.warn(`xref stream at ${offset}: bad /W`);
      return null;
    }
    const rowLen = widths[0] + widths[1] + widths[2];
    const size = int(d.map.get('Size')) ?? 0;
    const idx = d.map.get('Index');
    const ranges: number[] = Array.isArray(idx) ? idx.map((x) => int(x) ?? -1) : [0, size];
    const entries = new Map<number, Loc>();
    let row = 0;
    const totalRows = Math.floor(data.length / rowLen);
    for (let r = 0; r + 1 < ranges.length; r += 2) {
      const first = ranges[r];
      const count = ranges[r + 1];
      if (first < 0 || count < 0) break;
      for (let i = 0; i < count && row < totalRows && ++this.xrefEntries <= MAX_XREF_ENTRIES; i++, row++) {
        const p = row * rowLen;
        const type = widths[0] ? field(data, p, widths[0]) : 1;
        const f2 = field(data, p + widths[0], widths[1]);
        const f3 = field(data, p + widths[0] + widths[1], widths[2]);
        const n = first + i;
        if (entries.has(n)) continue;
        if (type === 0) entries.set(n, { t: 0 });
        else if (type === 1) entries.set(n, { t: 1, offset: f2, gen: f3 });
        else if (type === 2) entries.set(n, { t: 2, stm: f2, idx: f3 });
        // other types: reserved, ignored as the spec says
      }
    }
    const expected = ranges.reduce((acc, v, i) => (i % 2 ? acc + Math.max(0, v) : acc), 0);
    if (row < expected) this.warn(`xref stream at ${offset}: ${expected} entries declared, ${row} present`);
    return { type: 'stream', offset, entries, trailer: d, prev: nonNegInt(d.map.get('Prev')) };
  }
}

/** Offsets of a section written for a file that starts at `base` of this one. */
function rebase(s: XrefSection, base: number): XrefSection {
  const entries = new Map<number, Loc>();
  for (const [n, loc] of s.entries) entries.set(n, loc.t === 1 ? { ...loc, offset: loc.offset + base } : loc);
  return {
    ...s,
    entries,
    prev: s.prev !== undefined ? s.prev + base : undefined,
    xrefStm: s.xrefStm !== undefined ? s.xrefStm + base : undefined,
  };
}

function field(data: Uint8Array, p: number, w: number): number {
  let v = 0;
  for (let i = 0; i < w; i++) v = v * 256 + (data[p + i] ?? 0);
  return v;
}

function nonNegInt(v: PdfValue | undefined): number | undefined {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}
