// Threads as evidence (field survey S34, S37, S38): a reply quotes the message it answers, and it
// was written after it. A doctored message contradicts the copies of itself that others quoted; a
// fabricated reply quotes words its "parent" never said; and two messages sharing one Message-ID
// but not one body means one of them is not what it claims to be.

import { createHash } from 'node:crypto';
import { diffArrays } from 'diff';
import type { EmailFacts } from '../../model/facts-email.js';
import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';
import { GrowableF64, hash48 } from '../compact-state.js';
import { HOUR, MINUTE, formatDuration, mailingListHeader, ms } from './common.js';

/** Reply earlier than its parent by more than this: beyond ordinary clock skew. */
export const REPLY_BEFORE_PARENT_MS = 5 * MINUTE;
/** Tokens kept per parent text (memory bound: only parents that some reply quotes are kept). */
const MAX_PARENT_CHARS = 20_000;
/** A quote "adds" content when a run of this many words is absent from the parent... */
export const ADDED_RUN_MIN = 3;
/** ...or this many words are absent in total. */
export const ADDED_TOTAL_MIN = 6;
/** Alignments costlier than this are not the same text at all (a wrong parent, a forward of something else). */
const MAX_EDIT = 4000;

function textOf(d: CorpusDocument, e: EmailFacts): string | undefined {
  const t = e.text ?? d.text;
  if (t && t.trim()) return t;
  if (e.html)
    return e.html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&gt;/g, '>')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&');
  return undefined;
}

/** Words as compared: case-folded, quote markers, links and inline-image placeholders removed
 * (HTML-to-text conversion and clients add or drop those innocently). */
export function tokens(text: string): string[] {
  return text
    .replace(/<(?:mailto:|https?:)[^>]*>/gi, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\[(?:cid|image)[^\]]*\]/gi, ' ')
    .replace(/^[ \t>]+/gm, ' ')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[>"'([*_]+|["')\]*_]+$/g, ''))
    .filter((w) => w.length > 0);
}

/** "On <date>, <name> wrote:" in the languages of the dump's clients (one line, or wrapped on two). */
const ATTRIBUTION =
  /^\s*(?:on|le|am|el|il|op|em|den|w dniu)\b.{4,300}\b(?:wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu|skrev|napisał)\s*:?\s*$/i;

/** Leading attribution line(s) of a quote. Apple Mail and others put the "On ... wrote:" line inside
 * the '>' block; the parent never contains it, so it must not count as words added to the parent. */
function dropAttribution(lines: string[]): string[] {
  let i = 0;
  while (i < lines.length && !lines[i].trim()) i++;
  if (i < lines.length && ATTRIBUTION.test(lines[i])) return lines.slice(i + 1);
  if (i + 1 < lines.length && ATTRIBUTION.test(`${lines[i]} ${lines[i + 1]}`)) return lines.slice(i + 2);
  return lines;
}

/** The quoted part of a reply: '>'-prefixed lines, or the text below an Outlook "Original Message" header block. */
export function quotedPart(text: string): { style: 'prefixed' | 'outlook'; text: string } | null {
  const lines = text.split(/\r?\n/);
  const prefixed = dropAttribution(lines.filter((l) => /^\s*>/.test(l)).map((l) => l.replace(/^\s*> ?/, '')));
  if (prefixed.length >= 2) return { style: 'prefixed', text: prefixed.join('\n') };
  for (let i = 0; i < lines.length; i++) {
    const orig = /^-{2,}\s*Original Message\s*-{2,}/i.test(lines[i]);
    const outlookFrom =
      /^(From|De|Von):\s/.test(lines[i]) && lines.slice(i + 1, i + 5).some((l) => /^(Sent|Date|Envoyé|Gesendet):\s/.test(l));
    if (!orig && !outlookFrom) continue;
    let j = i + 1;
    // Skip the header block (From/Sent/To/Cc/Subject) to its blank line.
    while (j < lines.length && lines[j].trim() !== '') j++;
    const rest = lines
      .slice(j + 1)
      .join('\n')
      .trim();
    if (rest) return { style: 'outlook', text: rest };
  }
  return null;
}

export interface QuoteComparison {
  added: { text: string; replaced?: string }[];
  addedWords: number;
  quoteWords: number;
}

/** Words in the quote that the parent lacks, grouped in passages (with what they replaced, if anything). */
export function compareQuote(parentText: string, quoteText: string): QuoteComparison | null {
  const p = tokens(parentText);
  const q = tokens(quoteText);
  if (!q.length || !p.length) return null;
  const parts = diffArrays(p, q, { maxEditLength: MAX_EDIT });
  if (!parts) return null;
  const added: QuoteComparison['added'] = [];
  let addedWords = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.added) continue;
    addedWords += part.value.length;
    const prev = parts[i - 1];
    added.push({ text: part.value.join(' ').slice(0, 300), ...(prev?.removed ? { replaced: prev.value.join(' ').slice(0, 300) } : {}) });
  }
  return { added, addedWords, quoteWords: q.length };
}

function bodyHash(text: string | undefined): string | null {
  if (!text) return null;
  const norm = tokens(text).join(' ');
  return norm ? createHash('sha256').update(norm).digest('hex') : null;
}

function normId(id: string | undefined): string | undefined {
  return id?.trim().replace(/^<|>$/g, '').toLowerCase() || undefined;
}

/** Verdict of the DKIM body hash recorded by the 'email.dkim' document check: 'fail' if any signature's
 * body hash fails, 'pass' if one passes and none fails, null when the copy is unsigned or was not judged. */
export function dkimBodyVerdict(d: CorpusDocument): 'pass' | 'fail' | null {
  let verdict: 'pass' | 'fail' | null = null;
  for (const f of d.findings ?? []) {
    if (f.check !== 'email.dkim') continue;
    const bh = f.evidence?.bodyHash;
    if (bh === 'fail') return 'fail';
    if (bh === 'pass') verdict = 'pass';
  }
  return verdict;
}

/** Characters of parent text read per round (UTF-16: up to 80 MB of strings, within a check thread's
 *  heap). A 4 GB dump's parents fit in one round; each further round reads the messages twice more. */
export const PARENT_TEXT_BUDGET = 40_000_000;
/** Body hash of a copy without text. */
const NO_BODY = -1;

/** Id hashes that come with two different body hashes (copies without text aside). */
function idsWithDifferentBodies(ids: Float64Array, bodies: Float64Array): Set<number> {
  const sorted = Float64Array.from(ids).sort();
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]);
  const firstBody = new Map<number, number>();
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i++) {
    if (!repeated.has(ids[i]) || bodies[i] === NO_BODY) continue;
    const first = firstBody.get(ids[i]);
    if (first === undefined) firstBody.set(ids[i], bodies[i]);
    else if (first !== bodies[i]) out.add(ids[i]);
  }
  return out;
}

function sortedUnique(xs: Float64Array): Float64Array {
  const s = Float64Array.from(xs).sort();
  let n = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) s[n++] = s[i];
  return s.slice(0, n);
}

/** Position of x in a sorted array, or -1. */
function indexOf(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === x) return mid;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

type ParentCopy = { documentId: string; text: string; date: number | null; dateRaw?: string; subject?: string };

interface IdEntry {
  documentId: string;
  sha256: string;
  bodyHash: string | null;
  list: string | null;
  date: number | null;
  dateRaw?: string;
  dkimBody: 'pass' | 'fail' | null;
}
/** Copies of one parent kept for quote comparison (a parent delivered to many, plus a doctored copy). */
const MAX_PARENT_COPIES = 6;

/** The check, reading at most `parentTextBudget` characters of parent text at a time (tests lower it). */
export function threadsCheckWith(parentTextBudget: number): CorpusCheck {
  return {
    scope: 'corpus',
    id: 'email.threads',
    version: 2,
    title: 'Thread consistency',
    detects:
      'A reply whose quoted text contains words the message it answers does not (found through In-Reply-To/References), a reply dated before its parent, and two messages that share one Message-ID but differ in content.',
    whyForgersLeaveIt:
      "The dump holds other copies of the truth: the recipients' quotes of the original, the original itself. A forger edits one message but not every copy quoted elsewhere, and a fabricated reply must quote a parent whose real text is in the dump.",
    innocentCauses: [
      'Inline replies and edited quotes (people do trim or annotate what they quote).',
      'Reflowed or HTML-converted quotes, translations, and quotes of another message of the thread.',
      'Clock skew between the two senders (a few minutes).',
      'Sent and received copies of one message differ in transport headers (not flagged: bodies are compared); mailing lists add footers to their copy.',
    ],
    kinds: ['email'],
    reads: ['text', 'findings', 'email-headers'],
    *run(docs) {
      // Pass 1, in a few numbers per message (at a million messages, objects per message outgrew the
      // check thread's heap): every Message-ID's copies as (id hash, body hash), and the parents that
      // replies name, as id hashes. Hashes only preselect; every decision below compares the exact
      // Message-IDs and body hashes of the messages involved.
      const copyIds = new GrowableF64();
      const copyBodies = new GrowableF64();
      const wantedHashes = new GrowableF64();
      for (const d of docs()) {
        const e = d.facts.email;
        if (!e) continue;
        const id = normId(e.messageId);
        if (id) {
          copyIds.push(hash48(id));
          const body = bodyHash(textOf(d, e));
          copyBodies.push(body ? parseInt(body.slice(0, 12), 16) : NO_BODY);
        }
        const parent = normId(e.inReplyTo) ?? normId(e.references[e.references.length - 1]);
        if (parent) wantedHashes.push(hash48(parent));
      }
      const conflicted = idsWithDifferentBodies(copyIds.view(), copyBodies.view());
      const wanted = sortedUnique(wantedHashes.view());
      // Per wanted parent: 0 not read yet, 1 read in this round, 2 judged in an earlier round.
      const parentState = new Uint8Array(wanted.length);

      // Pass 2, in rounds: the text of quoted parents, up to PARENT_TEXT_BUDGET characters a round
      // (one round unless the dump is very large), then pass 3 judges the replies to those parents.
      // Every copy of a parent is kept (up to a few): a reply quoting the genuine text must be compared
      // with the genuine copy, not with a doctored one that happens to come first.
      // The copies of each Message-ID whose bodies differ, exact (read in the first round).
      const byId = new Map<string, IdEntry[]>();
      for (let round = 0; ; round++) {
        const parents = new Map<string, ParentCopy[]>();
        let chars = 0;
        let deferred = false;
        for (const d of docs()) {
          const e = d.facts.email;
          const id = normId(e?.messageId);
          if (!e || !id) continue;
          const h = hash48(id);
          if (round === 0 && conflicted.has(h)) {
            let list = byId.get(id);
            if (!list) byId.set(id, (list = []));
            if (list.length < 20)
              list.push({
                documentId: d.id,
                sha256: d.sha256,
                bodyHash: bodyHash(textOf(d, e)),
                list: mailingListHeader(e),
                date: ms(e.dateUtc),
                dateRaw: e.dateRaw,
                dkimBody: dkimBodyVerdict(d),
              });
          }
          const w = indexOf(wanted, h);
          if (w < 0 || parentState[w] === 2) continue;
          let list = parents.get(id);
          if (!list) {
            // A new parent: read now if the round has room (or if its hash was taken this round by
            // another Message-ID: the state is kept per hash), else in a later round.
            if (parentState[w] === 0 && chars >= parentTextBudget) {
              deferred = true;
              continue;
            }
            parentState[w] = 1;
            parents.set(id, (list = []));
          }
          if (list.length >= MAX_PARENT_COPIES) continue;
          const text = (textOf(d, e) ?? '').slice(0, MAX_PARENT_CHARS);
          chars += text.length;
          list.push({ documentId: d.id, text, date: ms(e.dateUtc), dateRaw: e.dateRaw, subject: e.subject });
        }
        for (let i = 0; i < parentState.length; i++) if (parentState[i] === 1) parentState[i] = 2;
        if (round === 0) yield* differentBodies(byId);
        yield* judgeReplies(docs, parents);
        if (!deferred) return;
      }
    },
  };
}

export const threadsCheck = threadsCheckWith(PARENT_TEXT_BUDGET);

/** One Message-ID, different content. */
function* differentBodies(byId: Map<string, IdEntry[]>): Iterable<{ documentId: string; finding: FindingDraft }> {
  for (const [id, copies] of byId) {
    if (copies.length < 2) continue;
    const hashes = new Map<string, number>();
    for (const c of copies) if (c.bodyHash) hashes.set(c.bodyHash, (hashes.get(c.bodyHash) ?? 0) + 1);
    if (hashes.size < 2) continue;
    // Which body is the message as sent? The one whose DKIM body hash verifies when exactly one body
    // does (the signer vouches for it, so the other copies are the outliers); otherwise the majority.
    const vouched = [...new Set(copies.filter((c) => c.bodyHash && c.dkimBody === 'pass').map((c) => c.bodyHash!))];
    const majority = [...hashes.entries()].sort((a, b) => b[1] - a[1]);
    const genuine = vouched.length === 1 ? vouched[0] : majority[0][1] !== majority[1][1] ? majority[0][0] : null;
    for (const c of copies) {
      if (!c.bodyHash || c.bodyHash === genuine) continue;
      const anyList = copies.find((o) => o.list);
      const why =
        genuine === null
          ? ''
          : vouched.length === 1
            ? '; the DKIM body hash verifies on the other body, so this copy is the odd one out'
            : '; this copy is the odd one out';
      const finding: FindingDraft = {
        severity: anyList ? 'low' : 'medium',
        message: `${copies.length} messages share the Message-ID <${id}> but their bodies differ${why}.${anyList ? ` One copy came through a mailing list (${anyList.list!.split(':')[0]}), which alters bodies.` : ''}`,
        evidence: {
          messageId: id,
          copies: copies.map((o) => ({
            documentId: o.documentId,
            sha256: o.sha256,
            bodyHash: o.bodyHash,
            date: o.dateRaw,
            mailingList: o.list ?? undefined,
            dkimBodyHash: o.dkimBody ?? undefined,
          })),
        },
      };
      yield { documentId: c.documentId, finding };
    }
  }
}

/** Pass 3: judge the replies to the parents read in this round. */
function* judgeReplies(
  docs: Parameters<CorpusCheck['run']>[0],
  parents: Map<string, ParentCopy[]>,
): Iterable<{ documentId: string; finding: FindingDraft }> {
  if (parents.size === 0) return;
  for (const d of docs()) {
    const e = d.facts.email;
    if (!e) continue;
    const parentId = normId(e.inReplyTo) ?? normId(e.references[e.references.length - 1]);
    const copies = (parentId ? parents.get(parentId) : undefined)?.filter((p) => p.documentId !== d.id) ?? [];
    if (copies.length === 0) continue;
    const parent = copies[0];
    const date = ms(e.dateUtc);
    if (date !== null && parent.date !== null && parent.date - date > REPLY_BEFORE_PARENT_MS) {
      const gap = parent.date - date;
      yield {
        documentId: d.id,
        finding: {
          severity: gap > HOUR ? 'medium' : 'low',
          message: `This reply is dated ${formatDuration(gap)} before the message it answers (<${parentId}>).`,
          evidence: {
            reply: { date: e.dateRaw, dateUtc: e.dateUtc },
            parent: { documentId: parent.documentId, messageId: parentId, date: parent.dateRaw },
            gapMs: gap,
            toleranceMs: REPLY_BEFORE_PARENT_MS,
          },
        },
      };
    }
    const text = textOf(d, e);
    const quote = text ? quotedPart(text) : null;
    if (!quote) continue;
    // Flag only when no copy of the parent holds the quoted words; report against the closest copy.
    let best: { copy: ParentCopy; cmp: QuoteComparison } | null = null;
    for (const copy of copies) {
      if (!copy.text.trim()) continue;
      const cmp = compareQuote(copy.text, quote.text);
      if (cmp && (!best || cmp.addedWords < best.cmp.addedWords)) best = { copy, cmp };
    }
    if (!best) continue;
    const { cmp } = best;
    const longestRun = Math.max(0, ...cmp.added.map((a) => a.text.split(' ').length));
    if (longestRun < ADDED_RUN_MIN && cmp.addedWords < ADDED_TOTAL_MIN) continue;
    const replaced = cmp.added.filter((a) => a.replaced);
    yield {
      documentId: d.id,
      finding: {
        severity: 'medium',
        message: `The text this reply quotes differs from the message it answers (<${parentId}>${copies.length > 1 ? `, ${copies.length} copies compared` : ''}): ${cmp.addedWords} quoted word${cmp.addedWords > 1 ? 's are' : ' is'} not in the original${replaced.length ? `, e.g. "${replaced[0].replaced}" became "${replaced[0].text}"` : `, e.g. "${cmp.added[0].text}"`}. Either the reply or the original was altered.`,
        evidence: {
          parent: { documentId: best.copy.documentId, messageId: parentId, subject: best.copy.subject },
          parentCopiesCompared: copies.length,
          quoteStyle: quote.style,
          quoteWords: cmp.quoteWords,
          addedWords: cmp.addedWords,
          passages: cmp.added.slice(0, 10),
        },
      },
    };
  }
}
