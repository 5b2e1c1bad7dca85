// Word-level comparison of a quote (or a copy) with its original: which words were added, removed or
// replaced, where (at the edges, where banners, footers, disclaimers and truncation act innocently,
// or inside the text, where an edit shows), and with a few words of context on each side.

import { diffArrays } from 'diff';
import { hasUnspaced, splitUnspaced, unspacedPrepared } from '../../shared/unspaced-words.js';

/** A quote "adds" content when a run of this many words inside it is absent from the original... */
const ADDED_RUN_MIN = 3;
/** ...or this many words are absent in total. */
const ADDED_TOTAL_MIN = 6;
/** Alignments costlier than this are not the same text at all (a wrong parent, a forward of something else). */
const MAX_EDIT = 4000;
/** Words of context kept on each side of a change. */
const CONTEXT = 6;

/** Words as compared: case-folded; quote markers, links, addresses, entities and the placeholders that
 *  clients add or drop innocently (inline images, image alt text on a line of its own) left out. */
export function tokens(text: string): string[] {
  const plain = text
    .replace(/<(?:mailto:|https?:)[^>]*>|\[mailto:[^\]]*\]/gi, ' ')
    .replace(/<[^<>\s@]+@[^<>\s]+>/g, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\[(?:cid|image)[^\]]*\]/gi, ' ')
    .replace(/^[ \t>]*\[[^\]\n]{1,120}\][ \t]*$/gm, ' ')
    .replace(/&(?:nbsp|#160);/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/^[ \t>]+/gm, ' ');
  // Scripts written without spaces: lines re-joined, widths folded, each run cut into its words.
  const unspaced = hasUnspaced(plain);
  return (unspaced ? unspacedPrepared(plain) : plain)
    .toLowerCase()
    .split(/\s+/)
    .flatMap((w) => (unspaced ? splitUnspaced(w) : [w]))
    .map((w) => w.replace(/^[>"'([*_<]+|["')\]*_>.,;:!?]+$/g, ''))
    .filter((w) => w.length > 0);
}

export interface Hunk {
  /** 'start' or 'end': nothing in common before (after) it; 'interior': common words on both sides. */
  at: 'start' | 'end' | 'interior';
  removed: string[];
  added: string[];
  before: string[];
  after: string[];
}

export interface TextComparison {
  originalWords: number;
  copyWords: number;
  /** Words the two share, in order. */
  sharedWords: number;
  hunks: Hunk[];
}

/** How `copy` (a quote, another copy) differs from `original`, word by word; null when the texts are too far apart to align. */
export function compareTexts(original: string[], copy: string[]): TextComparison | null {
  if (!original.length || !copy.length) return null;
  const parts = diffArrays(original, copy, { maxEditLength: MAX_EDIT });
  if (!parts) return null;
  const hunks: Hunk[] = [];
  let shared = 0;
  let open: Hunk | null = null;
  let lastEqual: string[] = [];
  for (const part of parts) {
    if (!part.added && !part.removed) {
      shared += part.value.length;
      if (open) {
        open.after = part.value.slice(0, CONTEXT);
        open.at = open.before.length ? 'interior' : 'start';
        hunks.push(open);
        open = null;
      }
      lastEqual = part.value;
      continue;
    }
    open ??= { at: 'end', removed: [], added: [], before: lastEqual.slice(-CONTEXT), after: [] };
    (part.added ? open.added : open.removed).push(...part.value);
  }
  if (open) {
    open.at = 'end';
    hunks.push(open);
  }
  // A text with nothing in common before the first change is at the start even if it reaches the end.
  if (shared === 0) for (const h of hunks) h.at = 'start';
  return { originalWords: original.length, copyWords: copy.length, sharedWords: shared, hunks };
}

/** Words added or replaced inside the text (not at its edges), the longest such run, and the hunks. */
export function interiorChanges(cmp: TextComparison): { addedWords: number; longestRun: number; hunks: Hunk[]; significant: boolean } {
  const hunks = cmp.hunks.filter((h) => h.at === 'interior' && h.added.length > 0);
  const addedWords = hunks.reduce((n, h) => n + h.added.length, 0);
  const longestRun = Math.max(0, ...hunks.map((h) => h.added.length));
  const replaced = hunks.filter((h) => h.removed.length > 0);
  // An edit, not an artefact: a run of words or several words added, a figure replaced by another
  // ("12 000" -> "120 000"), or words replaced in two places. One word swapped once (a typo fixed, an
  // apostrophe rendered differently) is not enough.
  const figure = replaced.some((h) => h.added.some((w) => /\d/.test(w)) || h.removed.some((w) => /\d/.test(w)));
  const significant = longestRun >= ADDED_RUN_MIN || addedWords >= ADDED_TOTAL_MIN || figure || replaced.length >= 2;
  return { addedWords, longestRun, hunks, significant };
}

/** A hunk as evidence: the words on each side, what the original said and what the copy says. */
export function passage(h: Hunk): { before: string; original: string; changedTo: string; after: string } {
  const cut = (ws: string[]) => ws.join(' ').slice(0, 300);
  return { before: cut(h.before), original: cut(h.removed), changedTo: cut(h.added), after: cut(h.after) };
}
