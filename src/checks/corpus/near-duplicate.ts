// 'text.near-duplicate': documents whose text is almost identical to another's, with the passages
// that differ. A doctored copy of a genuine file (a changed figure, a changed name) sits next to its
// original in the dump; exact duplicates are not reported (nothing diverges).
//
// Memory stays bounded: one 64-value MinHash signature per document (256 bytes) and LSH buckets;
// texts are read again only for the candidate pairs, in a last pass.

import { diffArrays } from 'diff';
import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';
import { GrowableF64, GrowableU32, hash48 } from '../compact-state.js';
import { judgePair, quoteStyleChanges, sideFacts, substantiveEdits, type Passage, type SideFacts } from './near-duplicate-judge.js';
import { hasUnspaced, segments, splitUnspaced, unspacedPrepared } from '../../shared/unspaced-words.js';

const SHINGLE = 5;
const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
/** Fewer words than this and similarity means little (letterheads, cover pages). */
const MIN_WORDS = 40;
/** Estimated Jaccard similarity of shingle sets from which two texts count as near-duplicates. */
const MIN_SIMILARITY = 0.6;
/**
 * The same between two Office files or PDFs, whose metadata judge the pair: two sentences rewritten
 * in a one-page memo of 100 words already take half its 5-word shingles.
 */
const MIN_SIMILARITY_DATED = 0.5;
const MAX_PAIRS_PER_DOC = 3;
const MAX_TEXT_CHARS = 200_000;
const MAX_PAIR_DOCS = 5_000;
/** Cap on signature comparisons: template-heavy dumps fill buckets with look-alikes. */
const MAX_COMPARISONS = 2_000_000;
/**
 * Share of changed words beyond which two files are different documents, not one doctored. The
 * share counts the removed and the added words: two sentences replaced in a one-page memo are 20-30 %.
 */
const MAX_DOCTORED_SHARE = 0.35;
/** Kinds whose metadata say which save a text belongs to. */
const DATED_KINDS = new Set(['office', 'pdf']);

/**
 * Text as compared: words re-joined across line-end hyphenation and whitespace folded, so that two
 * producers laying out one text differently ('In-\nteger' vs 'Integer') read as the same text; in
 * scripts written without spaces, lines re-joined and full-width forms folded (unspaced-words.ts).
 */
export function normalizeText(text: string): string {
  return unspacedPrepared(text)
    .replace(/(\p{L})-[ \t]*\r?\n\s*(\p{Ll})/gu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Runs of letters and digits, case folded; runs in scripts written without spaces cut into their words. */
function words(text: string): string[] {
  if (!hasUnspaced(text)) return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return (
    unspacedPrepared(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).flatMap(splitUnspaced);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3 finaliser: spreads a 32-bit value over all its bits. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Words of a text as the signature sees them: hyphenated line breaks joined, case folded. */
function signatureWords(text: string): string[] {
  return words(text.replace(/(\p{L})-[ \t]*\r?\n\s*(\p{Ll})/gu, '$1$2'));
}

/**
 * MinHash signature of the 5-word shingles of a text's words, or undefined for short texts.
 *
 * One-permutation hashing (Li, Owen & Zhang 2012): each shingle is hashed once, its top 6 bits pick
 * one of the 64 slots and the slot keeps its smallest value; empty slots borrow from the next
 * filled one, shifted by the distance (densification by rotation, Shrivastava & Li 2014). Equal
 * slots estimate the Jaccard similarity as classic 64-function MinHash does, for 1/64 of the work:
 * the 64 hash functions per shingle were most of the analysis time of a text-heavy dump.
 */
function minhashOfWords(w: readonly string[]): Uint32Array | undefined {
  if (w.length < MIN_WORDS) return undefined;
  const wh = new Uint32Array(w.length);
  for (let i = 0; i < w.length; i++) wh[i] = fnv1a(w[i]);
  const sig = new Uint32Array(HASHES).fill(EMPTY);
  for (let i = 0; i + SHINGLE <= w.length; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE; j++) h = Math.imul(h ^ wh[i + j], 0x01000193);
    const v = mix(h >>> 0);
    const slot = v >>> 26;
    const value = v & 0x3ffffff;
    if (value < sig[slot]) sig[slot] = value;
  }
  for (let k = 0; k < HASHES; k++) {
    if (sig[k] !== EMPTY) continue;
    for (let d = 1; d < HASHES; d++) {
      const from = sig[(k + d) % HASHES];
      if (from !== EMPTY && from < 0x4000000) {
        sig[k] = from + d * 0x4000000;
        break;
      }
    }
  }
  return sig;
}

/** Slot values are 26 bits; densified copies carry the distance above them; EMPTY marks none yet. */
const EMPTY = 0xffffffff;

export function minhash(text: string): Uint32Array | undefined {
  return minhashOfWords(signatureWords(text));
}

export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

/**
 * Whitespace-delimited tokens keeping their trailing space: '$1.2Bn' stays one token ('diff' words split
 * it). A token in a script written without spaces is cut into its words, each keeping the punctuation
 * and space that follow it, so that the tokens still rejoin to the text.
 */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const t of text.match(/\S+\s*/g) ?? []) {
    if (!hasUnspaced(t)) {
      out.push(t);
      continue;
    }
    for (const s of segments(t)) {
      if (s.wordLike || out.length === 0) out.push(s.segment);
      else out[out.length - 1] += s.segment;
    }
  }
  return out;
}

/** The passages where b differs from a, with a little context on each side. */
export function differingPassages(
  a: string,
  b: string,
  max = 10,
): { passages: Passage[]; changedWords: number; totalWords: number } | undefined {
  const raw = diffArrays(tokens(a), tokens(b), { maxEditLength: 5_000 });
  if (!raw) return undefined;
  const changes = raw.map((c) => ({ added: !!c.added, removed: !!c.removed, value: c.value.join(''), n: c.value.length }));
  const passages: Passage[] = [];
  let changedWords = 0;
  let totalWords = 0;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    totalWords += c.n;
    if (!c.added && !c.removed) continue;
    changedWords += c.n;
    // A removal followed by an addition is one replacement.
    const next = c.removed && changes[i + 1]?.added ? changes[i + 1] : undefined;
    const prev = changes[i - 1];
    if (next) {
      i++;
      changedWords += next.n;
      totalWords += next.n;
    }
    if (passages.length >= max) continue;
    const after = changes[i + 1];
    passages.push({
      before: prev && !prev.added && !prev.removed ? prev.value.slice(-60) : '',
      removed: (c.removed ? c.value : '').slice(0, 400).trimEnd(),
      added: (c.added ? c.value : next ? next.value : '').slice(0, 400).trimEnd(),
      after: after && !after.added && !after.removed ? after.value.slice(0, 60) : '',
    });
  }
  return { passages, changedWords, totalWords };
}

function metaSummary(d: CorpusDocument): Record<string, unknown> {
  return {
    path: d.path,
    kind: d.kind,
    software: (d.facts.software ?? []).slice(0, 3).map((s) => s.value),
    people: (d.facts.people ?? []).slice(0, 3).map((p) => `${p.role}: ${p.name}`),
    dates: (d.facts.dates ?? [])
      .filter((x) => x.role === 'created' || x.role === 'modified')
      .slice(0, 4)
      .map((x) => `${x.role}: ${x.raw}`),
  };
}

function sideSummary(s: SideFacts): Record<string, unknown> {
  const at = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    created: at(s.created),
    modified: at(s.modified),
    revision: s.revision,
    editMinutes: s.editMinutes,
    packageRewritten: s.rewritten,
    attachedToMail: s.carried,
    copiesOfText: s.copies,
  };
}

export const nearDuplicate: CorpusCheck = {
  scope: 'corpus',
  id: 'text.near-duplicate',
  version: 6,
  title: 'Near-duplicate text that diverges',
  detects:
    'Two documents whose texts are almost the same (MinHash over 5-word shingles, then a word diff), with the differing passages as evidence; for Office files and PDFs, whether their metadata claim a save the text cannot belong to (the same save, a later save whose revision or editing minutes did not move, an earlier-dated copy carrying more editing minutes, a PDF export whose words or quote marks are not those of the document) or successive versions, and which side is the likely altered one.',
  whyForgersLeaveIt:
    'The easiest convincing fake is a genuine document with a few words or numbers changed; the genuine original often sits in the same dump.',
  innocentCauses: [
    'Drafts and successive versions of one document (a later save with its counters moved on is low).',
    'A file opened for seconds and saved keeps its editing minutes (only counters of 5 minutes or more are compared).',
    'Two people editing parallel copies of one file: the copy finished first may count more editing minutes.',
    "Word's find-and-replace of quotes with AutoFormat on changes the quote marks of a whole document between an export and a later save.",
    "A PDF exported before the document was edited again (the document's last save is later than the PDF: low).",
    'Form letters and templates filled for different people.',
    'OCR or conversion differences between two copies (page numbers, headers, hyphenation and bullets are not counted as edits).',
  ],
  kinds: ['pdf', 'office', 'text', 'email'],
  reads: ['text'],
  *run(docs) {
    // Pass 1: signatures and LSH band keys, in flat typed arrays (about 450 bytes a document:
    // a Map of band-key strings cost ~1.6 kB a document, which at a million documents is the
    // difference between fitting in the memory budget and not).
    const ids: string[] = [];
    const sigs = new GrowableU32(HASHES);
    const bandKeys = Array.from({ length: BANDS }, () => new GrowableU32(1));
    const textHash = new GrowableF64();
    // 1 for Office files and PDFs (their metadata judge the pair), 0 otherwise.
    const datedKind = new GrowableU32(1);
    const firstWithText = new Set<number>();
    // Texts held by more than one document, and by how many (the copies of a circulated original).
    const copies = new Map<number, number>();
    for (const d of docs()) {
      if (!d.text) continue;
      const w = signatureWords(d.text.slice(0, MAX_TEXT_CHARS));
      // Exact copies add nothing to compare: one representative per distinct text (48 bits of
      // SHA-1: a chance collision among a million texts is about 1 in 500).
      const h = hash48(w.join(' '));
      if (firstWithText.has(h)) {
        copies.set(h, (copies.get(h) ?? 1) + 1);
        continue;
      }
      const sig = minhashOfWords(w);
      if (!sig) continue;
      firstWithText.add(h);
      ids.push(d.id);
      sigs.push(sig);
      textHash.push(h);
      datedKind.push1(DATED_KINDS.has(d.kind) ? 1 : 0);
      for (let b = 0; b < BANDS; b++) {
        let k = mix(0x2545f491 + b);
        for (let r = b * ROWS; r < (b + 1) * ROWS; r++) k = mix(k ^ sig[r]);
        bandKeys[b].push1(k);
      }
    }
    firstWithText.clear();
    const n = ids.length;
    const datedFlags = datedKind.view();
    const sigOf = (i: number) => sigs.at(i);
    // Candidate pairs: documents sharing a band key (first 200 of each key), best few per document.
    const best = new Map<number, { other: number; sim: number }[]>();
    const seen = new Set<number>();
    let comparisons = 0;
    const order = new Uint32Array(n);
    // Sorting (key, index) pairs packed in one double sorts natively, without a comparator call
    // per step; beyond 2^21 documents the pair no longer fits 53 bits and the comparator is used.
    const packed = n <= 1 << 21 ? new Float64Array(n) : undefined;
    for (let b = 0; b < BANDS && comparisons <= MAX_COMPARISONS; b++) {
      const keys = bandKeys[b].view();
      // In key order, and by document order within a key (as the bucket lists were).
      if (packed) {
        for (let i = 0; i < n; i++) packed[i] = keys[i] * (1 << 21) + i;
        packed.sort();
        for (let i = 0; i < n; i++) order[i] = packed[i] % (1 << 21);
      } else {
        for (let i = 0; i < n; i++) order[i] = i;
        order.sort((x, y) => keys[x] - keys[y] || x - y);
      }
      for (let start = 0; start < n && comparisons <= MAX_COMPARISONS;) {
        let end = start + 1;
        while (end < n && keys[order[end]] === keys[order[start]]) end++;
        const run = order.subarray(start, Math.min(end, start + 200));
        start = end;
        for (let i = 0; i < run.length; i++) {
          for (let j = i + 1; j < run.length; j++) {
            const a = Math.min(run[i], run[j]);
            const c = Math.max(run[i], run[j]);
            const key = a * 0x4000000 + c;
            if (seen.has(key)) continue;
            seen.add(key);
            comparisons++;
            if (textHash.at1(a) === textHash.at1(c)) continue;
            const sim = estimatedSimilarity(sigOf(a), sigOf(c));
            if (sim < (datedFlags[a] && datedFlags[c] ? MIN_SIMILARITY_DATED : MIN_SIMILARITY)) continue;
            for (const [x, y] of [
              [a, c],
              [c, a],
            ]) {
              const l = best.get(x) ?? [];
              l.push({ other: y, sim });
              l.sort((p, q) => q.sim - p.sim || p.other - q.other);
              best.set(x, l.slice(0, MAX_PAIRS_PER_DOC));
            }
          }
        }
      }
    }
    seen.clear();
    if (best.size === 0) return;
    // Pass 2: texts (and a metadata summary) of the documents in pairs, bounded.
    const wantedIndex = new Map([...best.keys()].slice(0, MAX_PAIR_DOCS).map((i) => [ids[i], i]));
    const wanted = new Set(wantedIndex.keys());
    const texts = new Map<string, { text: string; meta: Record<string, unknown>; side: SideFacts }>();
    for (const d of docs({ ids: wanted })) {
      if (!wanted.has(d.id) || !d.text) continue;
      const side = sideFacts(d, copies.get(textHash.at1(wantedIndex.get(d.id)!)) ?? 1);
      texts.set(d.id, { text: normalizeText(d.text.slice(0, MAX_TEXT_CHARS)), meta: metaSummary(d), side });
    }
    // In document order, whatever order the bands found the pairs in.
    for (const [i, pairs] of [...best].sort((x, y) => x[0] - y[0])) {
      const me = texts.get(ids[i]);
      if (!me) continue;
      for (const { other, sim } of pairs) {
        const them = texts.get(ids[other]);
        if (!them) continue;
        const diff = differingPassages(them.text, me.text);
        if (!diff || diff.changedWords === 0) continue;
        const changedNumbers = diff.passages.some((p) => /\d/.test(p.removed) || /\d/.test(p.added));
        const share = diff.totalWords ? diff.changedWords / diff.totalWords : 1;
        // A family of three or more near-identical texts is a template series (reminders, form
        // letters); a lone pair is what a doctored copy next to its original looks like.
        const family = pairs.length > 1 || (best.get(other)?.length ?? 0) > 1;
        const dated = DATED_KINDS.has(me.side.kind) && DATED_KINDS.has(them.side.kind);
        const edits = substantiveEdits(diff.passages, me.side.kind === them.side.kind);
        const judged =
          dated && edits.length > 0 && share <= MAX_DOCTORED_SHARE
            ? judgePair(me.side, them.side, { quoteStyleChanges: quoteStyleChanges(diff.passages) })
            : undefined;
        // Office files and PDFs: the metadata say whether the two texts claim one save (a doctored
        // copy) or two (drafts). Mail and plain text: few words changed, among them figures, in a
        // lone pair, is the shape of a doctored copy; anything else reads like versions.
        const severity = judged
          ? judged.altered === 'this' || judged.altered === 'either'
            ? 'medium'
            : 'low'
          : !dated && share <= 0.05 && changedNumbers && !family
            ? 'medium'
            : 'low';
        const verdict = judged
          ? judged.altered === 'this'
            ? ' This copy is the likely altered one: '
            : judged.altered === 'other'
              ? ' The other copy is the likely altered one: '
              : judged.altered === 'either'
                ? ' One of the two was altered: '
                : ' '
          : '';
        const finding: FindingDraft = {
          severity,
          message: `The text is ${Math.round((1 - share) * 100)}% identical to another document in the dump; ${diff.changedWords} word(s) differ${changedNumbers ? ', including figures' : ''}.${judged ? `${verdict}${judged.reason}.` : ''}`,
          evidence: {
            ...(judged
              ? {
                  judgement: { alteredSide: judged.altered, relation: judged.relation, reason: judged.reason },
                  substantiveEdits: edits.length,
                  sides: { self: sideSummary(me.side), other: sideSummary(them.side) },
                }
              : {}),
            otherDocument: ids[other],
            templateFamily: family,
            estimatedShingleSimilarity: sim,
            changedWords: diff.changedWords,
            totalWords: diff.totalWords,
            changedNumbers,
            passages: diff.passages,
            other: them.meta,
            self: me.meta,
          },
        };
        yield { documentId: ids[i], finding };
      }
    }
  },
};
