// The shapes the structure reader's parts share: options, the result, where an object lies.

import type { PdfFacts } from '../../model/facts-pdf.js';
import type { PdfDict } from './syntax.js';

/** The pages one save redefined (pages.ts finds them). */
export interface RevisionPages {
  /** Pages after this save (the page tree's /Count), when the tree could be read. */
  count?: number;
  /** 1-based indices of the pages whose text may differ from the revision before; 'all' when unknown. */
  changed: number[] | 'all';
}

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
  /** For each save (by revision index), its pages and those it redefined; set when the file has updates. */
  revisionPages?: RevisionPages[];
  warnings: string[];
}

/** Record one problem of the file (bounded: the reader never throws for bad input). */
export type Warn = (message: string) => void;

/** Object number → location, as a whole map or a view over revisions. */
export interface LocLookup {
  get(n: number): Loc | undefined;
}

/** Free, at a byte offset, or the idx-th object of an object stream. */
export type Loc = { t: 0 } | { t: 1; offset: number; gen: number } | { t: 2; stm: number; idx: number };

/** One cross-reference section (a table with its trailer, or a cross-reference stream). */
export interface XrefSection {
  type: 'table' | 'stream';
  offset: number;
  entries: Map<number, Loc>;
  trailer: PdfDict;
  prev?: number;
  xrefStm?: number;
}

/** Where a save ends: its %%EOF and the cross-reference section its startxref leads to. */
export interface Boundary {
  /** Offset of '%%EOF'. */
  eof: number;
  /** End of the %%EOF line (one EOL consumed). */
  end: number;
  startxref: number | null;
  section: XrefSection | null;
}

/** Most objects a cross-reference table or the scan for 'n g obj' may hold. */
export const MAX_SCANNED_OBJECTS = 2_000_000;

/** Longest /Prev (and /XRefStm) chain followed. */
export const MAX_CHAIN = 10_000;

export function sameLoc(a: Loc, b: Loc): boolean {
  if (a.t !== b.t) return false;
  if (a.t === 1 && b.t === 1) return a.offset === b.offset;
  if (a.t === 2 && b.t === 2) return a.stm === b.stm && a.idx === b.idx;
  return true;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}
