// Which side of a near-duplicate pair is the altered copy, from what each side's metadata claims.
// Drafts also differ by a few sentences: the text difference alone is weak. A doctored copy claims
// to be the same save as its original (same dates and counters), or is a PDF made after the
// document's last save whose words differ from it, or is a package whose parts were put back by
// another tool. See docs/checks-documents.md (doctored near-duplicates).

import type { CorpusDocument } from '../types.js';
import { hasUnspaced, splitUnspaced } from '../../shared/unspaced-words.js';
import { ZONELESS_SLACK_MS, instantOf, isPlaceholder, packageStamps } from '../document/claimed-dates.js';

/** One changed passage between two near-duplicates, with its context. */
export interface Passage {
  before: string;
  removed: string;
  added: string;
  after: string;
}

/** What the judgement needs of one side, read once in the last pass (a few hundred bytes). */
export interface SideFacts {
  id: string;
  kind: string;
  created?: number;
  modified?: number;
  /** Both dates carried a zone (ISO Z or an offset). */
  zoned: boolean;
  revision?: number;
  /** Total editing minutes the application counted (app.xml TotalTime); cumulative over saves. */
  editMinutes?: number;
  /** The package's parts were not all written by the application it names (see rewrittenPackage). */
  rewritten: boolean;
  /** The document arrived attached to a message. */
  carried: boolean;
  /** Documents in the dump with exactly this text (this one included). */
  copies: number;
  producer?: string;
}

function firstMs(doc: CorpusDocument, role: string): { ms: number; zoned: boolean } | undefined {
  for (const d of doc.facts.dates ?? []) {
    if (d.role !== role) continue;
    const i = instantOf(d);
    if (i && !isPlaceholder(i.ms)) return { ms: i.ms, zoned: i.zoned };
  }
  return undefined;
}

/**
 * True when the package's part stamps contradict the application it names: Microsoft Office and
 * Google Docs stamp every part 1980-01-01, so any clock stamp was put there by another tool; other
 * writers stamp all parts at once, so parts stamped apart were put back later.
 */
function rewrittenPackage(doc: CorpusDocument): boolean {
  const stamps = packageStamps(doc);
  if (!stamps) return false;
  const app = doc.facts.office?.app.Application ?? '';
  return stamps.mixed || /^\s*Microsoft/i.test(app) || (doc.facts.office?.format === 'ooxml' && !app.trim());
}

export function sideFacts(doc: CorpusDocument, copies: number): SideFacts {
  const created = firstMs(doc, 'created');
  const modified = firstMs(doc, 'modified');
  return {
    id: doc.id,
    kind: doc.kind,
    created: created?.ms,
    modified: modified?.ms,
    zoned: (created?.zoned ?? true) && (modified?.zoned ?? true),
    revision: doc.facts.office?.revision,
    editMinutes: doc.facts.office?.totalEditMinutes,
    rewritten: doc.kind === 'office' && rewrittenPackage(doc),
    carried: /!message-\d+|\.(?:eml|msg)!/i.test(doc.path),
    copies,
    producer: doc.facts.software?.find((s) => s.role === 'producer')?.value,
  };
}

const letters = (s: string) =>
  (
    s
      .normalize('NFKC')
      .toLowerCase()
      .match(/\p{L}+/gu) ?? []
  ).join('');
const figures = (s: string): string[] => [...(s.match(/\d+(?:[.,]\d+)*/g) ?? [])];
/** Words of two letters or more; in scripts written without spaces, the lettered words the segmenter finds. */
const words = (s: string) =>
  hasUnspaced(s)
    ? splitUnspaced(s.normalize('NFKC')).filter((w) => /\p{L}/u.test(w)).length
    : (s.normalize('NFKC').match(/\p{L}{2,}/gu)?.length ?? 0);

/**
 * The passages that change what the text says: words replaced by other words, a figure replaced by
 * another, and a run of three or more words added or removed inside the text (between a PDF and a
 * document, only when runs were both removed and added). Layout leaves the rest: page numbers and
 * headers, hyphenation, bullets, ligatures, heading numbers, a run repeated on every page.
 */
export function substantiveEdits(passages: readonly Passage[], sameKind: boolean): Passage[] {
  const seen = new Map<string, number>();
  for (const p of passages) {
    const k = letters(p.added || p.removed);
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const insideRun = (p: Passage) => {
    const run = p.added || p.removed;
    return !!p.before && !!p.after && words(run) >= 3 && seen.get(letters(run)) === 1;
  };
  const runs = passages.filter((p) => !(p.removed && p.added) && insideRun(p));
  // Between a PDF and a document, layout adds runs on one side only (a running header, a footer);
  // a sentence gone from one place and another sentence found in another is an edit.
  const bothWays = runs.some((p) => p.removed) && runs.some((p) => p.added);
  return passages.filter((p) => {
    if (p.removed && p.added) {
      if (letters(p.removed) !== letters(p.added) && words(p.removed) + words(p.added) > 0) return true;
      // A figure replaced by another, not a page number added beside the same figures.
      const [a, b] = [figures(p.removed), figures(p.added)];
      return a.some((x) => !b.includes(x)) && b.some((x) => !a.includes(x));
    }
    return (sameKind || bothWays) && insideRun(p);
  });
}

export interface PairJudgement {
  /** The side the metadata point to as altered: 'this' / 'other', 'either' (cannot tell), or 'none'. */
  altered: 'this' | 'other' | 'either' | 'none';
  relation:
    | 'export-after-last-save'
    | 'export-before-last-save'
    | 'same-save'
    | 'later-version'
    | 'untimed-save'
    | 'backdated-copy'
    | 'unrelated-saves';
  reason: string;
}

const SAME_MS = 60_000;

function sameSave(a: SideFacts, b: SideFacts): boolean {
  if (a.created === undefined || b.created === undefined || a.modified === undefined || b.modified === undefined) return false;
  const slack = a.zoned && b.zoned ? SAME_MS : ZONELESS_SLACK_MS;
  const revisions = a.revision === undefined || b.revision === undefined || a.revision === b.revision;
  return Math.abs(a.created - b.created) <= slack && Math.abs(a.modified - b.modified) <= slack && revisions;
}

/** The judgement for `me` against `other`, the same whichever side asks. */
export function judgePair(me: SideFacts, other: SideFacts, text: TextSigns = { quoteStyleChanges: 0 }): PairJudgement {
  const flip = (j: PairJudgement): PairJudgement => ({
    ...j,
    altered: j.altered === 'this' ? 'other' : j.altered === 'other' ? 'this' : j.altered,
  });
  // Judge in a fixed order (PDF side first, then by id) so both sides get one answer.
  const swap = me.kind !== 'pdf' && other.kind === 'pdf' ? true : me.kind === other.kind && me.id > other.id;
  const j = swap ? flip(judgeOrdered(other, me, text)) : judgeOrdered(me, other, text);
  return j;
}

/** What the two texts themselves say about how one was made from the other. */
export interface TextSigns {
  /** Words that differ only by their quote marks (' for ’, " for “): see quoteStyleChanges. */
  quoteStyleChanges: number;
}

const QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u02bc'\u201c\u201d\u201e\u201f\u2033"\u00ab\u00bb]/gu;
const foldQuotes = (s: string) => s.replace(QUOTES, (q) => (/[\u2018\u2019\u201a\u201b\u2032\u02bc']/u.test(q) ? "'" : '"'));

/**
 * Passages whose words are the same but for their quote marks: an export renders the characters of
 * the document, and Word's AutoFormat turns ' into ’ as it is typed, not afterwards; a text typed
 * again or made by another tool has its own quotes.
 */
export function quoteStyleChanges(passages: readonly Passage[]): number {
  return passages.filter(
    (p) =>
      p.removed && p.added && p.removed !== p.added && QUOTES.test(p.removed + p.added) && foldQuotes(p.removed) === foldQuotes(p.added),
  ).length;
}

function judgeOrdered(a: SideFacts, b: SideFacts, text: TextSigns): PairJudgement {
  const oneRewritten = a.rewritten !== b.rewritten;
  if (a.kind === 'pdf' && b.kind === 'office') {
    if (b.rewritten)
      return {
        altered: 'other',
        relation: 'unrelated-saves',
        reason: "the document's package was rewritten by another tool after its last save",
      };
    if (a.created === undefined || b.modified === undefined)
      return { altered: 'none', relation: 'unrelated-saves', reason: 'the PDF or the document carries no date to order them by' };
    const slack = a.zoned && b.zoned ? SAME_MS : ZONELESS_SLACK_MS;
    if (a.created >= b.modified - slack)
      return {
        altered: 'this',
        relation: 'export-after-last-save',
        reason:
          'the PDF was made after the last save of the document it renders, so it should carry the same words: its text was changed (or it was made from an altered copy)',
      };
    if (text.quoteStyleChanges > 0)
      return {
        altered: 'this',
        relation: 'export-before-last-save',
        reason: `the PDF is dated before the document's last save, but ${text.quoteStyleChanges} word(s) the two share differ only by their quote marks (' for ’): an export renders the document's own characters and a later draft does not retype unchanged words, so this PDF's text was not made from the document it names`,
      };
    return {
      altered: 'none',
      relation: 'export-before-last-save',
      reason: 'the document was saved again after this PDF was made: a later draft differs from an earlier export',
    };
  }
  if (a.kind !== b.kind) return { altered: 'none', relation: 'unrelated-saves', reason: 'different kinds of file' };
  if (sameSave(a, b)) {
    const base = 'both files claim the same save (creation and modification dates and revision) but their words differ';
    if (oneRewritten)
      return {
        altered: a.rewritten ? 'this' : 'other',
        relation: 'same-save',
        reason: `${base}; this side's package was rewritten by another tool after the save it claims`,
      };
    if (a.copies > 1 !== b.copies > 1)
      return {
        altered: a.copies > 1 ? 'other' : 'this',
        relation: 'same-save',
        reason: `${base}; the other text exists in ${Math.max(a.copies, b.copies)} copies in the dump, this one in one`,
      };
    if (a.carried !== b.carried)
      return {
        altered: a.carried ? 'other' : 'this',
        relation: 'same-save',
        reason: `${base}; the other copy travelled attached to a message, this one was found apart`,
      };
    return { altered: 'either', relation: 'same-save', reason: `${base}; nothing tells which copy was changed` };
  }
  const lineage =
    a.created !== undefined &&
    b.created !== undefined &&
    Math.abs(a.created - b.created) <= (a.zoned && b.zoned ? SAME_MS : ZONELESS_SLACK_MS);
  if (lineage && a.modified !== undefined && b.modified !== undefined && a.modified !== b.modified) {
    const [later, earlier, laterIs] = a.modified > b.modified ? [a, b, 'this' as const] : [b, a, 'other' as const];
    const earlierIs = laterIs === 'this' ? ('other' as const) : ('this' as const);
    if (oneRewritten)
      return {
        altered: later.rewritten ? laterIs : earlierIs,
        relation: 'later-version',
        reason: 'one version of the document was rewritten by another tool after the save it claims',
      };
    if (later.revision !== undefined && earlier.revision !== undefined && later.revision <= earlier.revision)
      return {
        altered: laterIs,
        relation: 'later-version',
        reason: `the later version (revision ${later.revision}) does not count more saves than the earlier one (revision ${earlier.revision}): it was not saved after it by the application that counts them`,
      };
    const untimed = untimedSave(a, b);
    if (untimed) return untimed;
    if (
      later.revision !== undefined &&
      earlier.revision !== undefined &&
      later.editMinutes !== undefined &&
      earlier.editMinutes !== undefined &&
      earlier.editMinutes > later.editMinutes
    )
      return {
        altered: earlierIs,
        relation: 'backdated-copy',
        reason: `the earlier version (revision ${earlier.revision}) counts more minutes of editing (${earlier.editMinutes}) than the later one (revision ${later.revision}, ${later.editMinutes} minutes), though the minutes only grow from save to save: it was made from a later state and dated back (unless two people edited parallel copies of the file)`,
      };
    return {
      altered: 'none',
      relation: 'later-version',
      reason: 'a later save of the same document with its counters moved on: an ordinary new version',
    };
  }
  const untimed = untimedSave(a, b);
  if (untimed) return untimed;
  return {
    altered: 'none',
    relation: 'unrelated-saves',
    reason: 'the two files record different histories (drafts, copies made from a template)',
  };
}

/**
 * The later of two saves of one text counts more saves than the earlier but not one more minute of
 * editing: the application adds the minutes the file was open to TotalTime at every save, so words
 * rewritten between the two saves move it. A tool that writes the package without the application
 * (a script, an archive editor) copies the counter it found. Needs a counter of a few minutes: a
 * file opened for seconds may keep it.
 */
function untimedSave(a: SideFacts, b: SideFacts): PairJudgement | undefined {
  if (a.modified === undefined || b.modified === undefined || a.modified === b.modified) return undefined;
  const [later, earlier, laterIs] = a.modified > b.modified ? [a, b, 'this' as const] : [b, a, 'other' as const];
  if (later.revision === undefined || earlier.revision === undefined || later.revision <= earlier.revision) return undefined;
  if (later.editMinutes === undefined || later.editMinutes < MIN_EDIT_MINUTES || later.editMinutes !== earlier.editMinutes)
    return undefined;
  return {
    altered: laterIs,
    relation: 'untimed-save',
    reason: `the later file counts ${later.revision - earlier.revision} more save(s) (revision ${earlier.revision} -> ${later.revision}) but the same ${later.editMinutes} minutes of editing as the earlier one, though its words differ: the application that counts both did not make those saves`,
  };
}

/** Editing counters below this are too common to match by more than chance. */
const MIN_EDIT_MINUTES = 5;
