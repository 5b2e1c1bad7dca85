// Every save of a PDF: the %%EOF markers that end one, the cross-reference sections of each save,
// the objects each save defined, replaced or freed, and the trailer along the newest /Prev chain.

import type { PdfXrefSection } from '../../model/facts-pdf.js';
import {
  MAX_CHAIN,
  hex,
  sameLoc,
  type Boundary,
  type Loc,
  type LocLookup,
  type PdfStructure,
  type PdfStructureOptions,
  type Warn,
  type XrefSection,
} from './structure-model.js';
import { indexOf, isDict, isRef, isString, lastIndexOf, latin1, refText, type PdfDict, type PdfValue } from './syntax.js';
import type { PdfObjects } from './objects.js';
import type { XrefReader } from './xref.js';

const MAX_EOF_MARKERS = 10_000;

export class Revisions {
  constructor(
    private readonly buf: Uint8Array,
    private readonly opt: PdfStructureOptions,
    private readonly warn: Warn,
    private readonly xref: XrefReader,
    private readonly objects: PdfObjects,
  ) {}

  /**
   * The %%EOF markers that end a save. A marker counts when a startxref before it leads to a
   * cross-reference section inside its own bytes. Not counted: markers inside stream data, the
   * first-page trailer of a linearized file (one save writes two sections and two %%EOF, Annex F),
   * markers without a usable startxref (warned). pdfresurrect counts every %%EOF and subtracts one
   * for a linearized file only when the first-page startxref is 0 (Acrobat's habit), and drops
   * markers whose xref it cannot validate; test/integration/pdf-corpus.test.ts lists where the
   * counts differ and why.
   */
  findBoundaries(out: PdfStructure): Boundary[] {
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
    let section = this.xref.sectionAt(startxref);
    // A save's xref section lies within its own bytes; one found before them (by the tolerant
    // lookup) belongs to an earlier save.
    if (section && !(section.offset >= segStart && section.offset < eof)) section = null;
    if (!section && segStart > 0) {
      // A whole second PDF appended to the first: its offsets count from its own header.
      const h = indexOf(this.buf, '%PDF-', segStart, Math.min(eof, segStart + 1024));
      if (h > 0) {
        section = this.xref.sectionAt(startxref, h);
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
        const x = this.xref.sectionAt(s.xrefStm);
        if (x) for (const [n, loc] of x.entries) if (!map.has(n) || map.get(n)!.t === 0) map.set(n, loc);
      }
      s = s.prev !== undefined ? this.xref.sectionAt(s.prev) : null;
    }
    const saved = this.objects.current;
    this.objects.current = map; // lets indirect /Length resolve
    const ranges: { start: number; end: number; num: number }[] = [];
    let budget = this.opt.maxObjects;
    for (const [n, loc] of map) {
      if (loc.t !== 1 || --budget < 0) continue;
      const o = this.objects.objectAt(n, loc, map);
      if (o?.stream && o.stream.lengthTrusted) ranges.push({ start: o.stream.start, end: o.stream.end, num: n });
    }
    this.objects.current = saved;
    return ranges;
  }

  buildRevisions(out: PdfStructure, boundaries: Boundary[]): void {
    const { buf } = this;
    if (boundaries.length === 0) {
      this.warn('no %%EOF marker: the file is truncated or not a PDF');
      const sx = lastIndexOf(buf, 'startxref', buf.length);
      const m = sx >= 0 ? latin1(buf, sx + 9, sx + 40).match(/^\s*(\d{1,15})/) : null;
      const startxref = m ? Number(m[1]) : null;
      const section = startxref ? this.xref.sectionAt(startxref) : null;
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
    this.objects.current = cumulative;
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
    if (this.objects.current.size === 0) this.warn('no usable cross-reference table: objects located by scanning the file');
  }

  /** The xref entries each revision wrote (index = revision); see revisionView. */
  readonly revisionEntries: Map<number, Loc>[] = [];

  /** Where each object was as of revision `k`: its newest entry in revisions k, k-1, ... 0. */
  revisionView(k: number): LocLookup {
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
      const s = this.xref.sectionAt(off);
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
  checkPrevChain(boundaries: Boundary[]): void {
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
      const s = this.xref.sectionAt(off);
      if (!s) {
        this.warn(`/Prev points to offset ${off}, where there is no cross-reference section`);
        return;
      }
      off = s.prev;
    }
  }

  /** The newest value of each trailer key along the last revision's chain (older trailers fill gaps). */
  mergedTrailer(boundaries: Boundary[]): PdfDict {
    const map = new Map<string, PdfValue>();
    const seen = new Set<number>();
    let s: XrefSection | null | undefined = boundaries[boundaries.length - 1]?.section;
    for (let steps = 0; s && !seen.has(s.offset) && steps < MAX_CHAIN; steps++) {
      seen.add(s.offset);
      for (const [k, v] of s.trailer.map) if (!map.has(k)) map.set(k, v);
      s = s.prev !== undefined ? this.xref.sectionAt(s.prev) : null;
    }
    return { kind: 'dict', map };
  }

  private revisionRanges: { start: number; end: number }[] = [];

  revisionOf(offset: number): number | undefined {
    const i = this.revisionRanges.findIndex((r) => offset >= r.start && offset < r.end);
    return i >= 0 ? i : undefined;
  }
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
