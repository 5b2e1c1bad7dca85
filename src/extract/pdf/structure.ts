// The byte-level structure of a PDF: every save (revision), its cross-reference sections and
// trailer, which objects each save added or replaced, signatures and active content.
//
// Why not pdf.js: pdf.js is built to *display* the current state of a document. It follows the
// newest startxref, merges all revisions into one object table, rebuilds broken cross-references
// by scanning, and hides where each object came from. The forensic questions — how many times was
// this file saved, what did the last save change, does the signature cover the whole file, are
// there bytes after the last %%EOF — are about that hidden layer, so it is read here from the
// bytes (with the small parser in pdf-syntax.ts). pdf.js stays the source for page text and for
// decrypting Info/XMP. This reader never decrypts: for an encrypted file it reports the structure
// and leaves strings and object streams alone.
//
// Everything is bounded (object budget, decoded-bytes budget, visited sets on /Prev chains), and
// every problem becomes a line in `warnings`, never an exception.

import type { PdfFacts, PdfRevision, PdfSignatureFacts, PdfXrefSection } from '../../model/facts-pdf.js';
import {
  PdfLexer,
  decodeStream,
  decodeTextString,
  indexOf,
  int,
  isDict,
  isRef,
  isString,
  lastIndexOf,
  latin1,
  name,
  num,
  readIndirectObject,
  refText,
  streamCryptFilter,
  type PdfDict,
  type PdfIndirectObject,
  type PdfRef,
  type PdfStreamSpan,
  type PdfString,
  type PdfValue,
} from './syntax.js';
import { describeEncryption, standardDecryptor, type PdfDecryptor } from './decrypt.js';

export interface PdfStructureOptions {
  /** Most objects parsed for fonts, markers and signatures. */
  maxObjects: number;
  /** Largest decoded size of one stream (xref stream, object stream, metadata). */
  maxStreamBytes: number;
  /** Total decoded bytes across all streams. */
  maxDecodedBytes: number;
  /** Longest list of object numbers kept per revision. */
  maxListedObjects: number;
}

export const DEFAULT_STRUCTURE_OPTIONS: PdfStructureOptions = {
  maxObjects: 200_000,
  maxStreamBytes: 64 << 20,
  maxDecodedBytes: 512 << 20,
  maxListedObjects: 20_000,
};

export interface PdfFontInfo {
  /** /BaseFont as written, with any subset prefix ('ABCDEF+Calibri'). */
  baseFont: string;
  /** Name without the subset prefix. */
  name: string;
  subset: boolean;
  embedded: boolean;
  /** /Subtype: Type1, TrueType, Type0, Type3, MMType1. */
  type?: string;
}

/** What the structure reader finds. The fields it shares with PdfFacts are taken from there, so
 *  the reader and the facts it fills cannot drift apart. */
export interface PdfStructure extends Pick<
  PdfFacts,
  | 'headerVersion'
  | 'catalogVersion'
  | 'pageCount'
  | 'encrypted'
  | 'encryption'
  | 'info'
  | 'trailerId'
  | 'revisions'
  | 'signatures'
  | 'javascript'
  | 'launchActions'
  | 'openAction'
  | 'embeddedFiles'
  | 'jbig2Images'
  | 'annotations'
  | 'forms'
  | 'trailingBytes'
> {
  /** Offset of '%PDF-' (non-zero when junk precedes the header). */
  headerOffset: number | null;
  linearized: boolean;
  /** The catalog's /Metadata stream, decoded, when readable without decryption. */
  xmp?: Uint8Array;
  /** Offsets of every '%%EOF' marker, valid or not. */
  eofOffsets: number[];
  fonts: PdfFontInfo[];
  /** True when the trailing bytes contain something other than whitespace / NUL padding. */
  trailingData: boolean;
  warnings: string[];
}

/** Object number → location, as a whole map or a view over revisions. */
interface LocLookup {
  get(n: number): Loc | undefined;
}

type Loc = { t: 0 } | { t: 1; offset: number; gen: number } | { t: 2; stm: number; idx: number };

interface XrefSection {
  type: 'table' | 'stream';
  offset: number;
  entries: Map<number, Loc>;
  trailer: PdfDict;
  prev?: number;
  xrefStm?: number;
}

interface Boundary {
  /** Offset of '%%EOF'. */
  eof: number;
  /** End of the %%EOF line (one EOL consumed). */
  end: number;
  startxref: number | null;
  section: XrefSection | null;
}

const MAX_WARNINGS = 200;
const MAX_EOF_MARKERS = 10_000;
const MAX_CHAIN = 10_000;
const MAX_SCANNED_OBJECTS = 2_000_000;
/** Cross-reference entries read over all sections (a hostile file can repeat huge tables). */
const MAX_XREF_ENTRIES = 5_000_000;
const MAX_TYPE_LOOKUPS = 2_000;
const ANNOT_SUBTYPES = new Set([
  'Text',
  'Link',
  'FreeText',
  'Line',
  'Square',
  'Circle',
  'Polygon',
  'PolyLine',
  'Highlight',
  'Underline',
  'Squiggly',
  'StrikeOut',
  'Stamp',
  'Caret',
  'Ink',
  'Popup',
  'FileAttachment',
  'Sound',
  'Movie',
  'Widget',
  'Screen',
  'PrinterMark',
  'TrapNet',
  'Watermark',
  '3D',
  'Redact',
  'RichMedia',
  'Projection',
]);
const FONT_SUBTYPES = new Set(['Type1', 'TrueType', 'Type0', 'Type3', 'MMType1', 'OpenType']);

/** Read the structure of a whole PDF held in memory. Never throws for bad input. */
export function readPdfStructure(buf: Uint8Array, options: Partial<PdfStructureOptions> = {}): PdfStructure {
  return new StructureReader(buf, { ...DEFAULT_STRUCTURE_OPTIONS, ...options }).read();
}

class StructureReader {
  private readonly warnings: string[] = [];
  private readonly sections = new Map<number, XrefSection | null>();
  private current = new Map<number, Loc>();
  private scanMap: Map<number, Loc> | null = null;
  private readonly objStmCache = new Map<string, { data: Uint8Array; first: number; pairs: [number, number][] } | null>();
  private readonly objCache = new Map<string, PdfIndirectObject | null>();
  private readonly resolvingStm = new Set<number>();
  private decodedBytes = 0;
  private xrefEntries = 0;
  private encrypted = false;
  private decryptor: PdfDecryptor | undefined;

  constructor(
    private readonly buf: Uint8Array,
    private readonly opt: PdfStructureOptions,
  ) {}

  warn(msg: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(msg);
    else if (this.warnings.length === MAX_WARNINGS) this.warnings.push('further warnings suppressed');
  }

  read(): PdfStructure {
    const out: PdfStructure = {
      headerOffset: null,
      linearized: false,
      encrypted: false,
      info: {},
      eofOffsets: [],
      revisions: [],
      signatures: [],
      javascript: false,
      launchActions: false,
      embeddedFiles: 0,
      jbig2Images: 0,
      annotations: 0,
      forms: false,
      fonts: [],
      trailingBytes: 0,
      trailingData: false,
      warnings: this.warnings,
    };
    try {
      this.readHeader(out);
      const boundaries = this.findBoundaries(out);
      this.buildRevisions(out, boundaries);
      this.checkPrevChain(boundaries);
      const trailer = this.mergedTrailer(boundaries);
      this.setupEncryption(out, trailer);
      this.ensureRoot(trailer);
      this.readTrailer(out, trailer);
      this.readCatalog(out, trailer);
      this.walkObjects(out);
      this.classifyChanges(out, trailer);
    } catch (e) {
      // A bug or an unforeseen input must not lose what was already read.
      this.warn(`structure reader stopped: ${(e as Error).message}`);
    }
    return out;
  }

  // ---- header, %%EOF markers, revisions -------------------------------------------------------

  private readHeader(out: PdfStructure): void {
    const at = indexOf(this.buf, '%PDF-', 0, Math.min(this.buf.length, 1024));
    if (at < 0) {
      this.warn('no %PDF- header in the first 1024 bytes');
      return;
    }
    out.headerOffset = at;
    if (at > 0) this.warn(`${at} bytes precede the %PDF- header`);
    const m = latin1(this.buf, at + 5, at + 16).match(/^(\d+\.\d+)/);
    if (m) out.headerVersion = m[1];
    else this.warn('header has no version number');
    // Linearization dictionary: the first object, within the first 1024 bytes (Annex F).
    const head = latin1(this.buf, at, Math.min(this.buf.length, at + 1024));
    const lin = head.match(/\d+\s+\d+\s+obj\s*<<[^>]*\/Linearized(?![A-Za-z])/);
    if (lin) out.linearized = true;
  }

  /**
   * The %%EOF markers that end a save. A marker counts when a startxref before it leads to a
   * cross-reference section inside its own bytes. Not counted: markers inside stream data, the
   * first-page trailer of a linearized file (one save writes two sections and two %%EOF, Annex F),
   * markers without a usable startxref (warned). pdfresurrect counts every %%EOF and subtracts one
   * for a linearized file only when the first-page startxref is 0 (Acrobat's habit), and drops
   * markers whose xref it cannot validate; test/integration/pdf-corpus.test.ts lists where the
   * counts differ and why.
   */
  private findBoundaries(out: PdfStructure): Boundary[] {
    const { buf } = this;
    const markers: number[] = [];
    for (let i = indexOf(buf, '%%EOF'); i >= 0; i = indexOf(buf, '%%EOF', i + 5)) {
      if (markers.length >= MAX_EOF_MARKERS) {
        this.warn(`more than ${MAX_EOF_MARKERS} %%EOF markers; the rest ignored`);
        break;
      }
      markers.push(i);
    }
    out.eofOffsets = markers;
    // A PDF attached uncompressed (an embedded file stream) carries its own startxref and %%EOF;
    // they end no revision of this file. Stream bodies are located from the newest xref chain.
    const streams = markers.length >= 2 ? this.streamRanges(markers[markers.length - 1]) : [];
    const accepted: Boundary[] = [];
    let segStart = 0;
    for (const eof of markers) {
      const holder = streams.find((r) => eof >= r.start && eof < r.end);
      if (holder) {
        this.warn(`%%EOF at ${eof} lies inside the stream of object ${holder.num} (an embedded file?)`);
        continue;
      }
      // after a linearized first-page trailer, the main trailer's startxref points back to the
      // first-page section: the original save spans both
      const b = this.boundaryAt(eof, accepted.length === 1 && isFirstPageTrailer(accepted[0], out) ? 0 : segStart);
      if (b.section) {
        accepted.push(b);
        segStart = b.end;
      } else if (b.startxref === 0 && out.linearized && accepted.length === 0) {
        // Linearized files written by Acrobat end their first-page trailer with 'startxref 0':
        // that %%EOF belongs to the first revision, it is not a save of its own.
      } else if (b.startxref === null) {
        this.warn(`%%EOF at ${eof} has no startxref before it`);
      } else {
        this.warn(`%%EOF at ${eof}: startxref ${b.startxref} points to no cross-reference section`);
      }
    }
    if (accepted.length === 0 && markers.length > 0) {
      // Broken file: keep the last marker so the file is still one revision.
      const last = markers[markers.length - 1];
      accepted.push(this.boundaryAt(last, 0));
    }
    // Linearization: the first-page trailer's /Prev points *forward* to the main cross-reference
    // section at the end of the original file. Both sections (and both %%EOF) are one save.
    if (accepted.length >= 2 && isFirstPageTrailer(accepted[0], out)) accepted.shift();
    return accepted;
  }

  private boundaryAt(eof: number, segStart: number): Boundary {
    let end = eof + 5;
    if (this.buf[end] === 0x0d && this.buf[end + 1] === 0x0a) end += 2;
    else if (this.buf[end] === 0x0d || this.buf[end] === 0x0a) end += 1;
    const sx = lastIndexOf(this.buf, 'startxref', eof, Math.max(segStart, eof - 1024));
    if (sx < 0) return { eof, end, startxref: null, section: null };
    const m = latin1(this.buf, sx + 9, eof).match(/^\s*(\d{1,15})\s*$/);
    const startxref = m ? Number(m[1]) : null;
    if (startxref === null || startxref <= 0) return { eof, end, startxref, section: null };
    let section = this.sectionAt(startxref);
    // A save's xref section lies within its own bytes; one found before them (by the tolerant
    // lookup) belongs to an earlier save.
    if (section && !(section.offset >= segStart && section.offset < eof)) section = null;
    if (!section && segStart > 0) {
      // A whole second PDF appended to the first: its offsets count from its own header.
      const h = indexOf(this.buf, '%PDF-', segStart, Math.min(eof, segStart + 1024));
      if (h > 0) {
        section = this.sectionAt(startxref, h);
        if (section && section.offset >= segStart && section.offset < eof) {
          this.warn(`a complete PDF file starts at ${h} (its own %PDF- header); its offsets count from there`);
        } else section = null;
      }
    }
    return { eof, end, startxref, section };
  }

  /** Data ranges of the streams reachable from the xref chain of the %%EOF at `eof`. */
  private streamRanges(eof: number): { start: number; end: number; num: number }[] {
    const b = this.boundaryAt(eof, 0);
    if (!b.section) return [];
    const map = new Map<number, Loc>();
    const seen = new Set<number>();
    for (let s: XrefSection | null = b.section, steps = 0; s && !seen.has(s.offset) && steps < MAX_CHAIN; steps++) {
      seen.add(s.offset);
      for (const [n, loc] of s.entries) if (!map.has(n)) map.set(n, loc);
      if (s.xrefStm !== undefined) {
        const x = this.sectionAt(s.xrefStm);
        if (x) for (const [n, loc] of x.entries) if (!map.has(n) || map.get(n)!.t === 0) map.set(n, loc);
      }
      s = s.prev !== undefined ? this.sectionAt(s.prev) : null;
    }
    const saved = this.current;
    this.current = map; // lets indirect /Length resolve
    const ranges: { start: number; end: number; num: number }[] = [];
    let budget = this.opt.maxObjects;
    for (const [n, loc] of map) {
      if (loc.t !== 1 || --budget < 0) continue;
      const o = this.objectAt(n, loc, map);
      if (o?.stream && o.stream.lengthTrusted) ranges.push({ start: o.stream.start, end: o.stream.end, num: n });
    }
    this.current = saved;
    return ranges;
  }

  private buildRevisions(out: PdfStructure, boundaries: Boundary[]): void {
    const { buf } = this;
    if (boundaries.length === 0) {
      this.warn('no %%EOF marker: the file is truncated or not a PDF');
      const sx = lastIndexOf(buf, 'startxref', buf.length);
      const m = sx >= 0 ? latin1(buf, sx + 9, sx + 40).match(/^\s*(\d{1,15})/) : null;
      const startxref = m ? Number(m[1]) : null;
      const section = startxref ? this.sectionAt(startxref) : null;
      boundaries.push({ eof: buf.length, end: buf.length, startxref, section });
    }
    const cumulative = new Map<number, Loc>();
    let start = 0;
    boundaries.forEach((b, index) => {
      const sections = this.revisionSections(b, start);
      const entries = new Map<number, Loc>();
      for (const s of sections) for (const [n, loc] of s.entries) if (!entries.has(n)) entries.set(n, loc);
      const defined: number[] = [];
      const changed: number[] = [];
      const freed: number[] = [];
      for (const [n, loc] of entries) {
        const before = cumulative.get(n);
        if (loc.t === 0) {
          if (before && before.t !== 0 && n !== 0) freed.push(n);
          continue;
        }
        if (before && sameLoc(before, loc)) continue;
        defined.push(n);
        if (before && before.t !== 0) changed.push(n);
      }
      defined.sort((a, c) => a - c);
      changed.sort((a, c) => a - c);
      freed.sort((a, c) => a - c);
      // one map updated in place: copying it per revision would cost revisions × objects
      for (const [n, loc] of entries) cumulative.set(n, loc);
      const primary = sections[0];
      const xref: PdfXrefSection | undefined = primary
        ? {
            type: primary.type,
            offset: primary.offset,
            objects: this.cap(
              [...entries]
                .filter(([, l]) => l.t !== 0)
                .map(([n]) => n)
                .sort((a, c) => a - c),
              index,
              'xref objects',
            ),
            freed: this.cap(freed, index, 'freed objects'),
          }
        : undefined;
      if (!primary) this.warn(`revision ${index} (ending at ${b.end}): no readable cross-reference section`);
      out.revisions.push({
        index,
        start,
        end: b.end,
        startxref: b.startxref,
        xref,
        trailer: primary ? trailerSummary(primary.trailer) : {},
        objectsDefined: this.cap(defined, index, 'defined objects'),
        objectsChanged: this.cap(changed, index, 'changed objects'),
        changedTypes: {},
        xrefSections: sections.length,
        objectsDefinedCount: defined.length,
        objectsChangedCount: changed.length,
      });
      // keep what this save changed only; older locations are found in earlier revisions
      const own = new Map<number, Loc>();
      for (const n of defined) own.set(n, entries.get(n)!);
      for (const n of freed) own.set(n, { t: 0 });
      this.revisionEntries.push(own);
      start = b.end;
    });
    this.current = cumulative;
    this.revisionRanges = out.revisions.map((r) => ({ start: r.start, end: r.end }));
    const last = boundaries[boundaries.length - 1];
    out.trailingBytes = Math.max(0, buf.length - last.end);
    if (out.trailingBytes > 0) {
      for (let i = last.end; i < buf.length; i++) {
        const c = buf[i];
        if (c !== 0 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 32) {
          out.trailingData = true;
          break;
        }
      }
      if (out.trailingData) this.warn(`${out.trailingBytes} bytes after the last %%EOF (at ${last.eof}) hold data`);
    }
    if (this.current.size === 0) this.warn('no usable cross-reference table: objects located by scanning the file');
  }

  /** The xref entries each revision wrote (index = revision); see revisionView. */
  private readonly revisionEntries: Map<number, Loc>[] = [];

  /** Where each object was as of revision `k`: its newest entry in revisions k, k-1, ... 0. */
  private revisionView(k: number): LocLookup {
    return {
      get: (n: number) => {
        for (let i = Math.min(k, this.revisionEntries.length - 1); i >= 0; i--) {
          const loc = this.revisionEntries[i].get(n);
          if (loc) return loc;
        }
        return undefined;
      },
    };
  }

  private cap(list: number[], rev: number, what: string): number[] {
    if (list.length <= this.opt.maxListedObjects) return list;
    this.warn(`revision ${rev}: ${list.length} ${what}, only the first ${this.opt.maxListedObjects} listed`);
    return list.slice(0, this.opt.maxListedObjects);
  }

  /** The sections of one save: from its startxref along /XRefStm and /Prev while inside [start, end). */
  private revisionSections(b: Boundary, start: number): XrefSection[] {
    const found: XrefSection[] = [];
    const seen = new Set<number>();
    const queue: number[] = [];
    if (b.section) queue.push(b.section.offset);
    while (queue.length && found.length < MAX_CHAIN) {
      const off = queue.shift()!;
      if (seen.has(off)) continue;
      seen.add(off);
      const s = this.sectionAt(off);
      if (!s) continue;
      found.push(s);
      // Hybrid files: the table's /XRefStm stream holds the compressed objects of the same save.
      // (its stream may sit in earlier bytes: a save can add a table whose /XRefStm points back)
      if (s.xrefStm !== undefined) queue.push(s.xrefStm);
      if (s.prev !== undefined && s.prev >= start && s.prev < b.end && s.prev !== off) queue.push(s.prev);
    }
    // A hybrid file's table marks compressed objects free and lets /XRefStm define them.
    if (found.length > 1) {
      const merged = new Map<number, Loc>();
      for (const s of found) {
        for (const [n, loc] of s.entries) {
          const have = merged.get(n);
          if (!have || (have.t === 0 && loc.t !== 0 && s.type === 'stream')) merged.set(n, loc);
        }
      }
      return [{ ...found[0], entries: merged }, ...found.slice(1)];
    }
    return found;
  }

  /** Follow the whole /Prev chain from the newest startxref, to report loops and dangling links. */
  private checkPrevChain(boundaries: Boundary[]): void {
    const last = boundaries[boundaries.length - 1];
    if (!last?.section) return;
    const seen = new Set<number>();
    let off: number | undefined = last.section.offset;
    for (let steps = 0; off !== undefined; steps++) {
      if (seen.has(off)) {
        this.warn(`cross-reference /Prev chain loops back to offset ${off}`);
        return;
      }
      if (steps >= MAX_CHAIN) {
        this.warn(`cross-reference /Prev chain longer than ${MAX_CHAIN} sections`);
        return;
      }
      seen.add(off);
      const s = this.sectionAt(off);
      if (!s) {
        this.warn(`/Prev points to offset ${off}, where there is no cross-reference section`);
        return;
      }
      off = s.prev;
    }
  }

  // ---- cross-reference sections -------------------------------------------------------------

  /**
   * The xref section at `offset` (+ `base` for a file appended whole, whose offsets count from
   * its own header). Cached by absolute position.
   */
  private sectionAt(rel: number, base = 0): XrefSection | null {
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
    const obj = readIndirectObject(this.buf, offset, (r) => this.lengthOf(r));
    if (!obj.stream || name(obj.stream.dict.map.get('Type')) !== 'XRef') return null;
    const d = obj.stream.dict;
    const data = this.decode(obj.stream, `xref stream ${obj.num} at ${offset}`);
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

  private lengthOf(r: PdfRef): number | undefined {
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
  private decode(span: PdfStreamSpan, what: string, owner?: PdfIndirectObject): Uint8Array | null {
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

  // ---- objects --------------------------------------------------------------------------------

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

  private objectAt(n: number, loc: Loc, map: LocLookup): PdfIndirectObject | null {
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

  private resolve(v: PdfValue | undefined, depth = 0): PdfValue | undefined {
    let cur = v;
    for (let d = depth; isRef(cur) && d < 16; d++) cur = this.getObject(cur.num)?.value ?? undefined;
    return isRef(cur) ? undefined : cur;
  }

  private resolveDict(v: PdfValue | undefined): PdfDict | undefined {
    const r = this.resolve(v);
    if (isDict(r)) return r;
    if (isRef(v)) {
      const o = this.getObject(v.num);
      if (o?.stream) return o.stream.dict;
    }
    return undefined;
  }

  // ---- trailer, catalog -----------------------------------------------------------------------

  /** The newest value of each trailer key along the last revision's chain (older trailers fill gaps). */
  private mergedTrailer(boundaries: Boundary[]): PdfDict {
    const map = new Map<string, PdfValue>();
    const seen = new Set<number>();
    let s: XrefSection | null | undefined = boundaries[boundaries.length - 1]?.section;
    for (let steps = 0; s && !seen.has(s.offset) && steps < MAX_CHAIN; steps++) {
      seen.add(s.offset);
      for (const [k, v] of s.trailer.map) if (!map.has(k)) map.set(k, v);
      s = s.prev !== undefined ? this.sectionAt(s.prev) : null;
    }
    return { kind: 'dict', map };
  }

  private ensureRoot(trailer: PdfDict): void {
    if (trailer.map.has('Root')) return;
    // No trailer: find the catalog by scanning (as viewers do for damaged files).
    const root = this.findByType('Catalog');
    if (root !== undefined) {
      trailer.map.set('Root', { kind: 'ref', num: root, gen: 0 });
      this.warn(`trailer has no /Root; catalog found by scanning (object ${root})`);
    } else this.warn('no document catalog found');
  }

  /** Encryption dictionary, and a decryptor when the empty password opens the file. */
  private setupEncryption(out: PdfStructure, trailer: PdfDict): void {
    const enc = trailer.map.get('Encrypt');
    if (enc === undefined || enc === null) return;
    out.encrypted = this.encrypted = true;
    const d = this.resolveDict(enc);
    if (!d) {
      this.warn('trailer /Encrypt could not be read');
      return;
    }
    out.encryption = {
      filter: name(d.map.get('Filter')),
      v: int(d.map.get('V')),
      r: int(d.map.get('R')),
      length: int(d.map.get('Length')),
      encryptMetadata: typeof d.map.get('EncryptMetadata') === 'boolean' ? (d.map.get('EncryptMetadata') as boolean) : undefined,
    };
    if (out.encryption.filter === 'Standard') Object.assign(out.encryption, describeEncryption(d));
    const id = trailer.map.get('ID');
    const id0 = Array.isArray(id) && isString(id[0]) ? id[0].bytes : undefined;
    try {
      const dec = standardDecryptor(d, id0);
      if ('error' in dec) this.warn(`encrypted: ${dec.error}; strings and object streams left unread`);
      else {
        this.decryptor = dec;
        out.encryption.keyFrom = dec.keyFrom;
      }
    } catch (e) {
      this.warn(`encrypted: decryption set-up failed: ${(e as Error).message}`);
    }
  }

  /** A text string of object `holder` (decrypted when the file is encrypted), or undefined. */
  private text(v: PdfValue | undefined, holder: PdfIndirectObject | null): string | undefined {
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

  private findByType(type: string): number | undefined {
    const candidates = this.current.size ? [...this.current.keys()] : [];
    if (!this.scanMap) this.scanMap = this.scanObjects();
    for (const n of this.scanMap.keys()) candidates.push(n);
    let budget = this.opt.maxObjects;
    for (const n of new Set(candidates)) {
      if (--budget < 0) break;
      const v = this.getObject(n)?.value;
      if (isDict(v) && name(v.map.get('Type')) === type) return n;
    }
    return undefined;
  }

  private readTrailer(out: PdfStructure, trailer: PdfDict): void {
    const id = trailer.map.get('ID');
    if (Array.isArray(id) && id.length >= 2 && isString(id[0]) && isString(id[1])) {
      out.trailerId = [hex(id[0].bytes), hex(id[1].bytes)];
    }
    const infoRef = trailer.map.get('Info');
    const holder = isRef(infoRef) ? this.getObject(infoRef.num) : null;
    const info = isDict(infoRef) ? infoRef : isDict(holder?.value) ? holder.value : undefined;
    if (info) {
      for (const [k, v] of info.map) {
        if (name(v) !== undefined) out.info[k] = name(v)!;
        else if (typeof v === 'number' || typeof v === 'boolean') out.info[k] = String(v);
        else if (isString(v) || isRef(v)) {
          // a direct Info dictionary in the trailer is not encrypted
          const t = isDict(infoRef) && !isRef(v) ? decodeTextString((v as PdfString).bytes) : this.text(v, holder);
          if (t !== undefined) out.info[k] = t;
        }
      }
    }
  }

  private readCatalog(out: PdfStructure, trailer: PdfDict): void {
    const cat = this.resolveDict(trailer.map.get('Root'));
    if (!cat) {
      this.warn('document catalog could not be read');
      return;
    }
    const version = name(cat.map.get('Version'));
    if (version) out.catalogVersion = version;
    const pages = this.resolveDict(cat.map.get('Pages'));
    const count = pages ? int(this.resolve(pages.map.get('Count'))) : undefined;
    if (count !== undefined && count >= 0) out.pageCount = count;
    const acro = this.resolveDict(cat.map.get('AcroForm'));
    if (acro) {
      const fields = this.resolve(acro.map.get('Fields'));
      out.forms = (Array.isArray(fields) && fields.length > 0) || acro.map.has('XFA');
    }
    const oa = cat.map.get('OpenAction');
    if (oa !== undefined && oa !== null) out.openAction = this.describeAction(oa);
    const names = this.resolveDict(cat.map.get('Names'));
    if (names?.map.has('JavaScript')) out.javascript = true;
    const meta = cat.map.get('Metadata');
    if (isRef(meta)) {
      const o = this.getObject(meta.num);
      if (o?.stream) {
        const data = this.decode(o.stream, `metadata stream ${meta.num}`, o);
        if (data) out.xmp = data;
      }
    }
  }

  private describeAction(v: PdfValue): string {
    const r = this.resolve(v);
    if (Array.isArray(r)) return 'destination';
    if (isDict(r)) {
      const s = name(r.map.get('S'));
      return s ? `action:${s}` : 'action';
    }
    return 'other';
  }

  // ---- walk the current objects: fonts, signatures, active content ----------------------------

  private walkObjects(out: PdfStructure): void {
    let nums = [...this.current.keys()].filter((n) => this.current.get(n)!.t !== 0);
    if (nums.length === 0) {
      if (!this.scanMap) this.scanMap = this.scanObjects();
      nums = [...this.scanMap.keys()];
    }
    nums.sort((a, b) => a - b);
    if (nums.length > this.opt.maxObjects) {
      this.warn(`${nums.length} objects; only the first ${this.opt.maxObjects} inspected`);
      nums = nums.slice(0, this.opt.maxObjects);
    }
    const seen = { fonts: new Map<string, PdfFontInfo>(), sigRanges: new Set<string>() };
    for (const n of nums) {
      const o = this.getObject(n);
      if (!o) continue;
      const d = o.stream ? o.stream.dict : isDict(o.value) ? o.value : undefined;
      if (d) this.inspect(d, o, n, out, seen, 0);
      else if (Array.isArray(o.value)) for (const v of o.value.slice(0, 1000)) if (isDict(v)) this.inspect(v, o, n, out, seen, 1);
    }
    out.fonts = [...seen.fonts.values()];
  }

  /**
   * One dictionary and the dictionaries written inside it (a signature can sit directly in the
   * catalog's /Perms, an action in an annotation's /AA, a font in a /Resources dictionary).
   */
  private inspect(
    d: PdfDict,
    o: PdfIndirectObject,
    n: number,
    out: PdfStructure,
    seen: { fonts: Map<string, PdfFontInfo>; sigRanges: Set<string> },
    depth: number,
  ): void {
    const type = name(d.map.get('Type'));
    const subtype = name(d.map.get('Subtype'));
    const s = name(d.map.get('S'));
    if (s === 'JavaScript' || d.map.has('JS')) out.javascript = true;
    if (s === 'Launch') out.launchActions = true;
    if (depth === 0 && o.stream) {
      const f = d.map.get('Filter');
      const filters = Array.isArray(f) ? f.map(name) : [name(f)];
      if (filters.includes('JBIG2Decode')) out.jbig2Images++;
    }
    if (d.map.has('EF') && (type === 'Filespec' || type === 'F' || type === undefined)) out.embeddedFiles++;
    if (depth === 0 && (type === 'Page' || (d.map.has('Annots') && d.map.has('MediaBox')))) {
      const annots = this.resolve(d.map.get('Annots'));
      if (Array.isArray(annots)) out.annotations += annots.length;
    }
    if ((type === 'Font' || d.map.has('BaseFont')) && subtype && FONT_SUBTYPES.has(subtype)) {
      const f = this.fontInfo(d, subtype);
      if (f) seen.fonts.set(`${f.baseFont}|${f.embedded}`, f);
    }
    const br = d.map.get('ByteRange');
    if (Array.isArray(br) && (type === 'Sig' || type === 'DocTimeStamp' || d.map.has('Contents'))) {
      const key = br.map(String).join(' ');
      if (!seen.sigRanges.has(key)) {
        seen.sigRanges.add(key);
        out.signatures.push(this.signature(d, br, o, n));
      }
    }
    if (depth >= 6) return;
    for (const [k, v] of d.map) {
      if (k === 'Parent' || k === 'P' || k === 'Kids') continue;
      if (k === 'JavaScript' && !isDict(v)) out.javascript = true;
      if (isDict(v)) this.inspect(v, o, n, out, seen, depth + 1);
      else if (Array.isArray(v) && v.length <= 1000) for (const x of v) if (isDict(x)) this.inspect(x, o, n, out, seen, depth + 1);
    }
  }

  private fontInfo(d: PdfDict, subtype: string): PdfFontInfo | null {
    // (/BaseFont may be an indirect name: legal, and written by some tools)
    let baseFont = name(this.resolve(d.map.get('BaseFont')));
    // The font's own name. A composite (Type0) font is named after its CIDFont, often with the
    // CMap appended ('ABCDEF+Arial-BoldMT-Identity-H'); the CIDFont's /BaseFont is the face.
    let face: string | undefined;
    let embedded = false;
    if (subtype === 'Type3') {
      // glyphs are drawn by procedures inside the file
      embedded = true;
      baseFont ??= name(d.map.get('Name')) ?? 'Type3';
    } else {
      let desc = this.resolveDict(d.map.get('FontDescriptor'));
      if (subtype === 'Type0') {
        const kids = this.resolve(d.map.get('DescendantFonts'));
        const cid = Array.isArray(kids) ? this.resolveDict(kids[0]) : undefined;
        desc = cid ? this.resolveDict(cid.map.get('FontDescriptor')) : undefined;
        face = cid ? name(this.resolve(cid.map.get('BaseFont'))) : undefined;
        baseFont ??= face;
        face ??= baseFont?.replace(/-(Identity|UniGB|UniJIS|UniKS|UniCNS|GBK|GBpc|90ms|KSC|ETen|B5)[\w-]*$/, '');
      }
      if (desc) embedded = desc.map.has('FontFile') || desc.map.has('FontFile2') || desc.map.has('FontFile3');
    }
    if (!baseFont) return null;
    const subsetOf = (n: string) => n.match(/^([A-Z]{6})\+(.+)$/);
    const m = subsetOf(baseFont);
    const f = subsetOf(face ?? baseFont);
    return { baseFont, name: f ? f[2] : (face ?? baseFont), subset: !!(m ?? f), embedded, type: subtype };
  }

  private signature(d: PdfDict, br: PdfValue[], o: PdfIndirectObject, n: number): PdfSignatureFacts {
    const nums = br.map((x) => int(x));
    const sig: PdfSignatureFacts = {
      filter: name(d.map.get('Filter')),
      subFilter: name(d.map.get('SubFilter')),
    };
    if (nums.length === 4 && nums.every((x) => x !== undefined && x >= 0)) {
      const [a, b, c, len] = nums as number[];
      sig.byteRange = [a, b, c, len];
      sig.coversWholeFile = a === 0 && c + len === this.buf.length && b <= c;
    } else this.warn(`signature object ${n}: /ByteRange is not four non-negative integers`);
    const m = d.map.get('M');
    // strings of an encrypted file are ciphertext; /M is left out rather than shown garbled
    const when = this.text(m, o);
    if (when !== undefined) sig.signingTimeRaw = when;
    const nm = d.map.get('Name');
    const who = this.text(nm, o);
    if (who !== undefined) sig.name = who;
    const offset = o.offset >= 0 ? o.offset : this.offsetOfCompressed(n);
    if (offset !== undefined) {
      const rev = this.revisionOf(offset);
      if (rev !== undefined) sig.revisionIndex = rev;
    }
    return sig;
  }

  private offsetOfCompressed(n: number): number | undefined {
    const loc = this.current.get(n);
    if (loc?.t !== 2) return undefined;
    const s = this.current.get(loc.stm);
    return s?.t === 1 ? s.offset : undefined;
  }

  private revisionRanges: { start: number; end: number }[] = [];
  private revisionOf(offset: number): number | undefined {
    const i = this.revisionRanges.findIndex((r) => offset >= r.start && offset < r.end);
    return i >= 0 ? i : undefined;
  }

  // ---- what each update changed ---------------------------------------------------------------

  private classifyChanges(out: PdfStructure, trailer: PdfDict): void {
    const infoRef = trailer.map.get('Info');
    const rootRef = trailer.map.get('Root');
    let budget = MAX_TYPE_LOOKUPS;
    // newest first: when the budget runs out, the saves a forger would have made are covered
    for (const rev of [...out.revisions].reverse()) {
      if (!this.revisionEntries[rev.index]) continue;
      const map = this.revisionView(rev.index);
      for (const n of rev.objectsChanged) {
        if (--budget < 0) {
          this.warn(`types of changed objects: lookup budget of ${MAX_TYPE_LOOKUPS} spent`);
          return;
        }
        const o = this.getObject(n, map);
        const t = classify(n, o, isRef(infoRef) ? infoRef.num : -1, isRef(rootRef) ? rootRef.num : -1);
        rev.changedTypes[t] = (rev.changedTypes[t] ?? 0) + 1;
        // A page redefined with another /Contents had its visible content replaced (an edit, a
        // watermark); one redefined only for /Annots got comments or form fields. Counted apart as
        // the pseudo-type 'PageContents' so the revision check can tell the two.
        if (t === 'Page' && rev.index > 0 && o && isDict(o.value)) {
          const before = this.getObject(n, this.revisionView(rev.index - 1));
          const was = before && isDict(before.value) ? before.value.map.get('Contents') : undefined;
          if (before && JSON.stringify(was) !== JSON.stringify(o.value.map.get('Contents')))
            rev.changedTypes.PageContents = (rev.changedTypes.PageContents ?? 0) + 1;
        }
      }
    }
  }
}

function classify(n: number, o: PdfIndirectObject | null, infoNum: number, rootNum: number): string {
  if (!o) return 'Unreadable';
  if (n === infoNum) return 'Info';
  const d = o.stream ? o.stream.dict : isDict(o.value) ? o.value : undefined;
  if (!d) {
    if (Array.isArray(o.value)) return 'Array';
    return typeof o.value === 'number' ? 'Number' : 'Other';
  }
  const type = name(d.map.get('Type'));
  const subtype = name(d.map.get('Subtype'));
  if (type === 'XObject' || (o.stream && (subtype === 'Image' || subtype === 'Form'))) return 'XObject';
  if (type) return type;
  if (n === rootNum) return 'Catalog';
  if (d.map.has('ByteRange')) return 'Sig';
  if (subtype && ANNOT_SUBTYPES.has(subtype)) return 'Annot';
  if (d.map.has('FT')) return 'Field';
  if (d.map.has('BaseFont')) return 'Font';
  if (o.stream) return 'Stream';
  return 'Dict';
}

function trailerSummary(t: PdfDict): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['Prev', 'Root', 'Info', 'ID', 'Size', 'Encrypt', 'XRefStm']) {
    const v = t.map.get(k);
    if (v === undefined) continue;
    if (isRef(v)) out[k] = refText(v);
    else if (typeof v === 'number') out[k] = String(v);
    else if (Array.isArray(v)) out[k] = v.map((x) => (isString(x) ? `<${hex(x.bytes)}>` : isRef(x) ? refText(x) : String(x))).join(' ');
    else if (isDict(v)) out[k] = 'dict';
    else out[k] = String(v);
  }
  return out;
}

/** The first-page trailer of a linearized file: its /Prev points forward, to the main section. */
function isFirstPageTrailer(b: Boundary, out: { linearized: boolean }): boolean {
  const prev = b.section?.prev;
  return out.linearized && prev !== undefined && prev > b.eof;
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

function sameLoc(a: Loc, b: Loc): boolean {
  if (a.t !== b.t) return false;
  if (a.t === 1 && b.t === 1) return a.offset === b.offset;
  if (a.t === 2 && b.t === 2) return a.stm === b.stm && a.idx === b.idx;
  return true;
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

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}
