// What an incremental update did to the text of the pages: nothing, a new text layer (OCR, pages
// appended, text drawn on an empty page), the same stamp on every page (Bates numbers, headers,
// watermarks), or an edit of the text that was there (the forger's changed amount). Reads the
// per-revision page texts the PDF extractor records (docs/checks-documents.md, "Text changed in an
// update"); judging what the difference means is this module's job.

import { diffArrays } from 'diff';
import type { RevisionTextChange } from '../../model/facts-pdf.js';

/** One place where the words differ, with a few unchanged words around it. */
interface TextHunk {
  page: number;
  /** Words only added before or after every word the page had. */
  atEdge: boolean;
  removed: string;
  added: string;
  before: string;
  after: string;
}

export type TextChangeKind =
  /** The words are the same (layout, spacing, or lines moved: a re-rendered page, flattened fields). */
  | 'same-words'
  /** Text where there was none: an OCR layer on a scan, pages appended, text drawn on a blank page. */
  | 'new-text'
  /** Words added only before or after all the words of a page: a stamp, a note typed on the page, a page number. */
  | 'added-at-edge'
  /** One change made alike on many pages: headers and footers, Bates numbers, watermarks added or removed. */
  | 'repeated-on-pages'
  /** Nearly all words gone and none new: the text turned into outlines or an image (printing, flattening). */
  | 'text-layer-removed'
  /** Words of the earlier version removed or replaced (or exchanged in place), or new words put among them. */
  | 'edited';

export interface TextChangeVerdict {
  kind: TextChangeKind;
  /** Pages whose words changed. */
  pages: number[];
  hunks: TextHunk[];
}

const CONTEXT_WORDS = 6;
const MAX_HUNKS = 8;
/** Longest words removed or added, and passage around them, kept in a hunk (a deleted page is long). */
const MAX_HUNK_CHARS = 300;

const clip = (s: string, max = MAX_HUNK_CHARS) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Words [from, to) of a page with a few around them, an ellipsis where the page goes on. */
function passage(w: string[], from: number, to: number): string {
  const start = Math.max(0, from - CONTEXT_WORDS);
  const end = Math.min(w.length, to + CONTEXT_WORDS);
  const text = clip(w.slice(start, end).join(' '), MAX_HUNK_CHARS * 2);
  return `${start > 0 ? '… ' : ''}${text}${end < w.length ? ' …' : ''}`;
}

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/** Places where two word sequences differ; a hunk whose words only lost or gained spaces is none. */
function hunksOf(page: number, a: string[], b: string[]): TextHunk[] {
  const parts = diffArrays(a, b);
  const out: TextHunk[] = [];
  let i = 0; // position in a
  let j = 0; // position in b
  for (let k = 0; k < parts.length;) {
    if (!parts[k].added && !parts[k].removed) {
      i += parts[k].count ?? parts[k].value.length;
      j += parts[k].count ?? parts[k].value.length;
      k++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    const i0 = i;
    const j0 = j;
    while (k < parts.length && (parts[k].added || parts[k].removed)) {
      if (parts[k].removed) {
        removed.push(...parts[k].value);
        i += parts[k].value.length;
      } else {
        added.push(...parts[k].value);
        j += parts[k].value.length;
      }
      k++;
    }
    if (removed.join('') === added.join('')) continue; // "Lady/Blu Collection" -> "Lady/BluCollection"
    out.push({
      page,
      atEdge: removed.length === 0 && (i0 === 0 || i0 === a.length),
      removed: clip(removed.join(' ')),
      added: clip(added.join(' ')),
      before: passage(a, i0, i),
      after: passage(b, j0, j),
    });
  }
  return out;
}

const sorted = (w: string[]) => [...w].sort().join('\u0000');
/** Digits vary in a stamp (Bates 000123, "Page 2 of 5"); the words around them do not. */
const shape = (s: string) => s.replace(/\d+/g, '#');

/** Below this share of its words left (and none new), a page lost its text layer rather than some words. */
const TEXT_LAYER_LEFT = 0.1;

type PageChange = { page: number; kind: 'new-text' | 'text-layer-removed' | 'added-at-edge' | 'edited'; hunks: TextHunk[] };

/**
 * Words exchanged in place (two amounts, two names swapped) among words otherwise the same: the two
 * versions differ at a few positions only. A page drawn again in another order moves whole lines or
 * blocks, which shifts every word between their old and new places.
 */
const MAX_EXCHANGED_WORDS = 6;

function exchanged(page: number, a: string[], b: string[]): PageChange | undefined {
  const at = a.map((w, i) => (w !== b[i] ? i : -1)).filter((i) => i >= 0);
  if (at.length === 0 || at.length > MAX_EXCHANGED_WORDS) return undefined;
  const hunks: TextHunk[] = [];
  for (let k = 0; k < at.length;) {
    let end = k;
    while (end + 1 < at.length && at[end + 1] === at[end] + 1) end++;
    const [from, to] = [at[k], at[end] + 1];
    hunks.push({
      page,
      atEdge: false,
      removed: a.slice(from, to).join(' '),
      added: b.slice(from, to).join(' '),
      before: passage(a, from, to),
      after: passage(b, from, to),
    });
    k = end + 1;
  }
  return { page, kind: 'edited', hunks };
}

function pageChange(page: number, before: string, after: string): PageChange | undefined {
  const a = words(before);
  const b = words(after);
  if (a.join('') === b.join('')) return undefined;
  if (sorted(a) === sorted(b)) return exchanged(page, a, b);
  if (a.length === 0) return { page, kind: 'new-text', hunks: [] };
  const had = new Set(a);
  if (b.length < a.length * TEXT_LAYER_LEFT && b.every((w) => had.has(w))) return { page, kind: 'text-layer-removed', hunks: [] };
  const hunks = hunksOf(page, a, b);
  if (hunks.length === 0) return undefined;
  return { page, kind: hunks.every((h) => h.atEdge) ? 'added-at-edge' : 'edited', hunks };
}

export function judgeTextChange(tc: RevisionTextChange): TextChangeVerdict {
  const changed = tc.pages.map((p) => pageChange(p.page, p.before, p.after)).filter((c): c is PageChange => c !== undefined);
  const pages = changed.map((c) => c.page);
  const edited = changed.filter((c) => c.kind === 'edited');
  if (edited.length > 0) {
    // One change made alike on at least two pages and half the document (digits aside: Bates
    // 000123, "G-3", "Page 2 of 5") is a page decoration added or removed, not an edit of a text.
    const shapes = new Set(edited.map((c) => c.hunks.map((h) => `${shape(h.removed)} -> ${shape(h.added)}`).join(' | ')));
    // (pages the extractor left unread, past its per-update cap, are not counted against it)
    const compared = Math.max(tc.pagesAfter - (tc.unread ?? 0), 1);
    const repeated = edited.length >= 2 && edited.length * 2 >= compared && shapes.size === 1;
    return {
      kind: repeated ? 'repeated-on-pages' : 'edited',
      pages,
      hunks: edited.flatMap((c) => c.hunks).slice(0, repeated ? 2 : MAX_HUNKS),
    };
  }
  const hunks = changed.flatMap((c) => c.hunks).slice(0, MAX_HUNKS);
  for (const kind of ['added-at-edge', 'text-layer-removed', 'new-text'] as const)
    if (changed.some((c) => c.kind === kind)) return { kind, pages, hunks };
  return { kind: 'same-words', pages, hunks };
}
