// Which side of a near-duplicate pair is the altered copy, from what each side's metadata claims.
// Drafts also differ by a few sentences: the text difference alone is weak. A doctored copy claims
// to be the same save as its original (same dates and counters), or is a PDF made after the
// document's last save whose words differ from it, or is a package whose parts were put back by
// another tool. See docs/checks-documents.md (near-duplicates).

import type { CorpusDocument } from '../types.js';
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
const words = (s: string) => s.normalize('NFKC').match(/\p{L}{2,}/gu)?.length ?? 0;

/**
 * The passages that change what the text says: words replaced by other words, a figure replaced by
 * another, and (between two files of one kind) a run of three or more words added or removed inside
 * the text. Layout leaves the rest: page numbers and headers, hyphenation, bullets, ligatures, heading
 * numbers, a run repeated on every page.
 */
export function substantiveEdits(passages: readonly Passage[], sameKind: boolean): Passage[] {
  const seen = new Map<string, number>();
  for (const p of passages) {
    const k = letters(p.added || p.removed);
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return passages.filter((p) => {
    if (p.removed && p.added) {
      if (letters(p.removed) !== letters(p.added) && words(p.removed) + words(p.added) > 0) return true;
      // A figure replaced by another, not a page number added beside the same figures.
      const [a, b] = [figures(p.removed), figures(p.added)];
      return a.some((x) => !b.includes(x)) && b.some((x) => !a.includes(x));
    }
    const run = p.added || p.removed;
    return sameKind && !!p.before && !!p.after && words(run) >= 3 && seen.get(letters(run)) === 1;
  });
}

export interface PairJudgement {
  /** The side the metadata point to as altered: 'this' / 'other', 'either' (cannot tell), or 'none'. */
  altered: 'this' | 'other' | 'either' | 'none';
  relation: 'export-after-last-save' | 'export-before-last-save' | 'same-save' | 'later-version' | 'unrelated-saves';
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
export function judgePair(me: SideFacts, other: SideFacts): PairJudgement {
  const flip = (j: PairJudgement): PairJudgement => ({
    ...j,
    altered: j.altered === 'this' ? 'other' : j.altered === 'other' ? 'this' : j.altered,
  });
  // Judge in a fixed order (PDF side first, then by id) so both sides get one answer.
  const swap = me.kind !== 'pdf' && other.kind === 'pdf' ? true : me.kind === other.kind && me.id > other.id;
  const j = swap ? flip(judgeOrdered(other, me)) : judgeOrdered(me, other);
  return j;
}

function judgeOrdered(a: SideFacts, b: SideFacts): PairJudgement {
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
    return {
      altered: 'none',
      relation: 'later-version',
      reason: 'a later save of the same document with its counters moved on: an ordinary new version',
    };
  }
  return {
    altered: 'none',
    relation: 'unrelated-saves',
    reason: 'the two files record different histories (drafts, copies made from a template)',
  };
}
