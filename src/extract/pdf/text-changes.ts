// What each incremental update did to the pages' text: the file cut at the save before and at this
// one, opened with pdf.js, compared page by page where the save redefined a page (docs/extract.md).

import type { PdfRevision, RevisionTextChange } from '../../model/facts-pdf.js';
import type { Limits } from '../../model/limits.js';
import type { RevisionPages } from './structure-model.js';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, PdfPasswordError, readPageLine, type OpenedPdf } from './pdfjs.js';

const MAX_PAGES_LISTED = 16;
const MAX_CHARS = 4000;
/** Pages compared per update; the update's other redefined pages are counted as `unread`. */
const MAX_PAGES_PER_UPDATE = 64;
/** Page texts read per file, both sides of every update together. */
const MAX_PAGE_READS = 512;
/** Largest file whose revisions are opened (pdf.js is handed a copy of each prefix). */
const MAX_BYTES = 64 << 20;
/** Updates compared per file, the newest ones. */
const MAX_UPDATES = 32;
/** Older revisions tried when the one before an update cannot be opened. */
const MAX_FALLBACK = 4;

export interface TextChangeOptions {
  limits: Limits;
  signal?: AbortSignal;
  /** The file needs a user password: nothing can be compared. */
  passwordProtected?: boolean;
  /**
   * The whole file, already open, when only whitespace follows the newest revision's %%EOF: it is
   * that revision, and `lines` holds the page texts already read from it (see newestUpdatePages).
   */
  newest?: { doc: PDFDocumentProxy; lines: Map<number, string> };
  /**
   * 'redefined' reads only the pages the structure reader says each save redefined; 'all' reads
   * every page of every revision (what the budgeted reading must equal; tests compare the two).
   */
  pages?: 'redefined' | 'all';
}

/** The incremental updates: every save after the first, except a linearized original's second section. */
function updateIndices(revs: readonly PdfRevision[]): number[] {
  const prev = Number(revs[0]?.trailer.Prev);
  const linearizedPair = revs.length >= 2 && Number.isFinite(prev) && prev >= revs[0].end;
  return revs.map((r) => r.index).filter((i) => i >= (linearizedPair ? 2 : 1));
}

/** The pages the newest save redefined, when it is an update: their text is read with the whole file's. */
export function newestUpdatePages(revs: readonly PdfRevision[], revisionPages: readonly RevisionPages[] | undefined): Set<number> {
  const last = revs.length - 1;
  const changed = revisionPages?.[last]?.changed;
  return new Set(updateIndices(revs).includes(last) && Array.isArray(changed) ? changed : []);
}

/** One revision opened with pdf.js, and the page texts read from it. */
interface Opened {
  index: number;
  pdf: OpenedPdf;
  texts: Map<number, string>;
}

class Stopped extends Error {}

class RevisionReader {
  reads = 0;
  /** Revisions open now (at most two at a time: an update and the one it is compared with). */
  private readonly opened = new Set<Opened>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly revs: readonly PdfRevision[],
    private readonly signal: AbortSignal | undefined,
    private readonly newest: TextChangeOptions['newest'],
  ) {}

  /** The prefix of the file that ends with revision `index`, opened; or why it cannot be. */
  async open(index: number): Promise<Opened | { error: string }> {
    this.checkSignal();
    if (this.newest && index === this.revs.length - 1)
      return { index, pdf: { doc: this.newest.doc, close: async () => undefined }, texts: this.newest.lines };
    const end = Math.min(this.revs[index].end, this.bytes.length);
    try {
      const o: Opened = { index, pdf: await openPdf(this.bytes.subarray(0, end), this.signal), texts: new Map() };
      this.opened.add(o);
      return o;
    } catch (e) {
      this.checkSignal();
      return { error: e instanceof PdfPasswordError ? 'encrypted: a user password is needed' : `unreadable: ${(e as Error).message}` };
    }
  }

  async text(side: Opened, page: number): Promise<string> {
    if (page > side.pdf.doc.numPages) return '';
    const known = side.texts.get(page);
    if (known !== undefined) return known;
    this.checkSignal();
    this.reads++;
    const t = await readPageLine(side.pdf.doc, page);
    side.texts.set(page, t);
    return t;
  }

  async close(o: Opened | undefined): Promise<void> {
    if (!o || !this.opened.delete(o)) return;
    await o.pdf.close();
  }

  async closeAll(): Promise<void> {
    for (const o of [...this.opened]) await this.close(o);
  }

  checkSignal(): void {
    if (this.signal?.aborted) throw new Stopped();
  }
}

const pageRange = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The pages that may differ between revision `from` and revision `to` (union of the saves between). */
function changedBetween(pages: readonly RevisionPages[] | undefined, from: number, to: number): number[] | 'all' {
  const out = new Set<number>();
  for (let k = from + 1; k <= to; k++) {
    const c = pages?.[k]?.changed ?? 'all';
    if (c === 'all') return 'all';
    for (const p of c) out.add(p);
  }
  return [...out].sort((a, b) => a - b);
}

/** How the comparison went: stopped by the signal (the updates not compared say so), page texts read. */
export interface TextChangeRun {
  stopped: boolean;
  pageReads: number;
}

/** Sets `textChange` on every incremental update of `revs` (in place). */
export async function recordTextChanges(
  bytes: Uint8Array,
  revs: PdfRevision[],
  revisionPages: readonly RevisionPages[] | undefined,
  opt: TextChangeOptions,
): Promise<TextChangeRun> {
  const updates = updateIndices(revs);
  if (updates.length === 0) return { stopped: false, pageReads: 0 };
  const pages = opt.pages === 'all' ? undefined : revisionPages;
  const count = (k: number) => revisionPages?.[k]?.count ?? 0;
  const unread = (k: number, error: string): RevisionTextChange => ({
    against: k - 1,
    pagesBefore: count(k - 1),
    pagesAfter: count(k),
    pages: [],
    changedPages: 0,
    error,
  });
  const most = Math.max(0, ...updates.map(count), count(updates[0] - 1));
  const refusal = opt.passwordProtected
    ? 'encrypted: a user password is needed'
    : bytes.length > MAX_BYTES
      ? `not compared: the file is larger than ${MAX_BYTES >> 20} MB`
      : most > opt.limits.maxPdfPages
        ? `not compared: more than ${opt.limits.maxPdfPages} pages`
        : undefined;
  if (refusal) {
    for (const k of updates) revs[k].textChange = unread(k, refusal);
    return { stopped: false, pageReads: 0 };
  }

  const reader = new RevisionReader(bytes, revs, opt.signal, opt.newest);
  const skipped = updates.slice(0, Math.max(0, updates.length - MAX_UPDATES));
  for (const k of skipped) revs[k].textChange = unread(k, `not compared: only the newest ${MAX_UPDATES} updates are`);
  /** The last revision opened, and the newest revision known to have the same page texts. */
  let base: Opened | undefined;
  let sameAs = updates[0] - 1;
  let current = 0;
  const todo = updates.slice(skipped.length);
  try {
    for (; current < todo.length; current++) {
      const k = todo[current];
      reader.checkSignal();
      if (reader.reads >= MAX_PAGE_READS) {
        revs[k].textChange = unread(k, `not compared: ${MAX_PAGE_READS} page texts already read in this file`);
        continue;
      }
      const since = base ? base.index : sameAs;
      const changed = changedBetween(pages, since, k);
      if (changed !== 'all' && changed.length === 0) {
        // Nothing a page's text is read from was redefined: same texts as the revision before.
        revs[k].textChange = { against: k - 1, pagesBefore: count(k - 1), pagesAfter: count(k), pages: [], changedPages: 0 };
        if (sameAs === k - 1) sameAs = k;
        continue;
      }
      const after = await reader.open(k);
      if ('error' in after) {
        revs[k].textChange = unread(k, after.error);
        continue;
      }
      let before = base;
      for (let j = sameAs; !before && j >= Math.max(0, sameAs - MAX_FALLBACK); j--) {
        const o = await reader.open(j);
        if (!('error' in o)) before = o;
      }
      if (!before) {
        // Nothing earlier opens: this revision becomes the one later updates compare with.
        revs[k].textChange = unread(k, 'unreadable: no earlier revision could be opened');
        base = after;
        sameAs = k;
        continue;
      }
      const against = before === base ? sameAs : before.index;
      const all = changedBetween(pages, before.index, k);
      const n = Math.max(before.pdf.doc.numPages, after.pdf.doc.numPages);
      const candidates = (all === 'all' ? pageRange(n) : all).filter((p) => p <= n);
      const read = candidates.slice(0, MAX_PAGES_PER_UPDATE);
      const listed: RevisionTextChange['pages'] = [];
      let differing = 0;
      let error: string | undefined;
      for (const p of read) {
        let a: string;
        let b: string;
        try {
          [a, b] = [await reader.text(before, p), await reader.text(after, p)];
        } catch (e) {
          if (e instanceof Stopped) throw e;
          error = `unreadable: page ${p}: ${(e as Error).message}`;
          break;
        }
        if (a === b) continue;
        differing++;
        if (listed.length < MAX_PAGES_LISTED) listed.push({ page: p, before: a.slice(0, MAX_CHARS), after: b.slice(0, MAX_CHARS) });
      }
      const tc: RevisionTextChange = {
        against,
        pagesBefore: before.pdf.doc.numPages,
        pagesAfter: after.pdf.doc.numPages,
        pages: listed,
        changedPages: differing,
      };
      if (candidates.length > read.length) tc.unread = candidates.length - read.length;
      if (error) tc.error = error;
      revs[k].textChange = tc;
      await reader.close(before);
      await reader.close(base);
      base = after;
      sameAs = k;
    }
  } catch (e) {
    if (!(e instanceof Stopped)) throw e;
    for (const k of todo.slice(current)) revs[k].textChange = unread(k, 'not compared: stopped at the deadline');
    return { stopped: true, pageReads: reader.reads };
  } finally {
    await reader.closeAll();
  }
  return { stopped: false, pageReads: reader.reads };
}
