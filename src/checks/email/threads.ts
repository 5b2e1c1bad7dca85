// Threads as evidence (field survey S34, S37, S38): a reply quotes the message it answers, and it
// was written after it. A doctored message contradicts the copies of itself that others quoted or
// kept; a fabricated reply quotes words its "parent" never said. Quotes are read at every depth and
// in every style (quotes.ts); parents are found by In-Reply-To, References, or the quoted header
// block's subject, sender and time; every copy of a parent is compared (quote-diff.ts).
// See docs/checks-people-threads.md.

import { createHash } from 'node:crypto';
import type { EmailFacts } from '../../model/facts-email.js';
import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';
import { GrowableF64, hash48 } from '../compact-state.js';
import { indexOf, sortedUnique } from '../sorted-hashes.js';
import { lookupKeys, personKeys } from '../corpus/people-names.js';
import { HOUR, MINUTE, formatDuration, mailingListHeader, ms } from './common.js';
import { compareTexts, interiorChanges, passage, tokens, type TextComparison } from './quote-diff.js';
import { messageText, ownText, quotedBlocks, sentLineFits, subjectKey, type QuotedBlock } from './quotes.js';

/** Reply earlier than its parent by more than this: beyond ordinary clock skew. */
const REPLY_BEFORE_PARENT_MS = 5 * MINUTE;
/** Characters of text kept per copy of a parent (memory bound: only parents that some reply quotes are kept). */
const MAX_PARENT_CHARS = 20_000;
/** Words a quote (or copy) must share with an original before a difference means an edit, not another text. */
const MIN_SHARED_WORDS = 8;
const MIN_SHARED_SHARE = 0.5;
/** Characters of parent text read per round (UTF-16: up to 80 MB of strings, within a check thread's
 *  heap). A 4 GB dump's parents fit in one round; each further round reads the messages twice more. */
const PARENT_TEXT_BUDGET = 40_000_000;
/** Distinct bodies kept per Message-ID, copies listed per body, and candidate bodies per subject. */
const MAX_BODIES = 6;
const MAX_COPIES = 20;
const MAX_SUBJECT_BODIES = 12;
/** Body hash of a copy without text. */
const NO_BODY = -1;

/** The replier says the quote holds their own comments (inline replies are innocent additions). */
const INLINE_HINT =
  /\b(?:see (?:my )?(?:comments|answers|responses|notes|replies) (?:below|inline|in (?:red|blue|bold))|(?:comments|answers|responses|replies) (?:below|inline|in (?:red|blue))|inline below|see below|voir (?:mes )?(?:commentaires|réponses) ci-dessous|voir ci-dessous|en rouge|siehe unten|anmerkungen im text|ver abajo|vedi sotto|zie hieronder)\b/i;

function bodyHash(text: string | undefined): string | null {
  if (!text) return null;
  const norm = tokens(text).join(' ');
  return norm ? createHash('sha256').update(norm).digest('hex') : null;
}

function normId(id: string | undefined): string | undefined {
  return id?.trim().replace(/^<|>$/g, '').toLowerCase() || undefined;
}

/** The Message-ID a reply answers (In-Reply-To, else the last of References), and the one before it. */
function ancestry(e: EmailFacts): { parent?: string; grandparent?: string } {
  const refs = e.references.map(normId).filter((x): x is string => !!x);
  const parent = normId(e.inReplyTo) ?? refs[refs.length - 1];
  const at = parent ? refs.lastIndexOf(parent) : -1;
  return { parent, grandparent: at > 0 ? refs[at - 1] : at < 0 && refs.length ? refs[refs.length - 1] : undefined };
}

/** Verdict of the DKIM body hash recorded by the 'email.dkim' document check: 'fail' if any signature's
 * body hash fails, 'pass' if one passes and none fails, null when the copy is unsigned or was not judged. */
function dkimBodyVerdict(d: CorpusDocument): 'pass' | 'fail' | null {
  let verdict: 'pass' | 'fail' | null = null;
  for (const f of d.findings ?? []) {
    if (f.check !== 'email.dkim') continue;
    const bh = f.evidence?.bodyHash;
    if (bh === 'fail') return 'fail';
    if (bh === 'pass') verdict = 'pass';
  }
  return verdict;
}

/** Id hashes that come with two different body hashes (copies without text aside). */
function idsWithDifferentBodies(ids: Float64Array, bodies: Float64Array): Float64Array {
  const sorted = Float64Array.from(ids).sort();
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]);
  const firstBody = new Map<number, number>();
  const out = new GrowableF64();
  for (let i = 0; i < ids.length; i++) {
    if (!repeated.has(ids[i]) || bodies[i] === NO_BODY) continue;
    const first = firstBody.get(ids[i]);
    if (first === undefined) firstBody.set(ids[i], bodies[i]);
    else if (first !== bodies[i]) out.push(ids[i]);
  }
  return sortedUnique(out.view());
}

interface Copy {
  documentId: string;
  path: string;
  sha256: string;
  messageId?: string;
  date: number | null;
  dateUtc?: string | null;
  dateRaw?: string;
  offset: number | null;
  subject?: string;
  from?: { name: string; address: string };
  list: string | null;
  dkimBody: 'pass' | 'fail' | null;
}

/** One text of a message; the copies that carry it (sent, received, archived, attached...). */
interface Body {
  hash: string | null;
  text: string;
  words?: string[];
  copies: Copy[];
}

function wordsOf(b: Body): string[] {
  return (b.words ??= tokens(b.text));
}

function copyOf(d: CorpusDocument, e: EmailFacts): Copy {
  return {
    documentId: d.id,
    path: d.path,
    sha256: d.sha256,
    messageId: normId(e.messageId),
    date: ms(e.dateUtc),
    dateUtc: e.dateUtc,
    dateRaw: e.dateRaw,
    offset: e.dateOffsetMinutes ?? null,
    subject: e.subject,
    from: e.from,
    list: mailingListHeader(e),
    dkimBody: dkimBodyVerdict(d),
  };
}

/** Adds a copy to the bodies of one message (or one subject), text kept once per distinct body. */
function addCopy(bodies: Body[], d: CorpusDocument, e: EmailFacts, maxBodies: number): number {
  const text = (messageText(e, d.text) ?? '').slice(0, MAX_PARENT_CHARS);
  const hash = bodyHash(text);
  const same = bodies.find((b) => b.hash === hash);
  if (same) {
    if (same.copies.length < MAX_COPIES) same.copies.push(copyOf(d, e));
    return 0;
  }
  if (bodies.length >= maxBodies) return 0;
  bodies.push({ hash, text, copies: [copyOf(d, e)] });
  return text.length;
}

/** Per key hash: 0 not read yet, 1 read in this round, 2 judged in an earlier round. */
class Rounds {
  readonly state: Uint8Array;
  constructor(readonly keys: Float64Array) {
    this.state = new Uint8Array(keys.length);
  }
  /** Whether a message with this key hash is read now (its key already taken this round, or room left). */
  take(h: number, roomLeft: boolean): 'read' | 'later' | 'no' {
    const i = indexOf(this.keys, h);
    if (i < 0 || this.state[i] === 2) return 'no';
    if (this.state[i] === 1) return 'read';
    if (!roomLeft) return 'later';
    this.state[i] = 1;
    return 'read';
  }
  endRound(): void {
    for (let i = 0; i < this.state.length; i++) if (this.state[i] === 1) this.state[i] = 2;
  }
}

type Emit = { documentId: string; finding: FindingDraft };

/** The check, reading at most `parentTextBudget` characters of parent text at a time (tests lower it). */
export function threadsCheckWith(parentTextBudget: number): CorpusCheck {
  return {
    scope: 'corpus',
    id: 'email.threads',
    version: 3,
    title: 'Thread consistency',
    detects:
      "A reply whose quoted text (at any depth, '>'-prefixed or below an Outlook/Notes header block, plain or HTML) has words that the original it quotes lacks, the original found by In-Reply-To, References or the quoted header's subject, sender and time, in every copy the dump holds (eml, mbox, msg, pst, attached messages); a reply dated before its parent; and copies of one Message-ID whose bodies were edited inside the text.",
    whyForgersLeaveIt:
      "The dump holds other copies of the truth: the recipients' quotes of the original, the original itself, its copies in other mailboxes. A forger edits one message but not every copy quoted or kept elsewhere, and a fabricated reply must quote a parent whose real text is in the dump.",
    innocentCauses: [
      'Inline replies and edited quotes (people do trim or annotate what they quote; a reply that announces comments below is only low).',
      'Reflowed or HTML-converted quotes, quote markers, links, inline images and entities (ignored: words are compared); banners, footers, signatures and disclaimers a gateway adds at the top or bottom of one copy, and truncated quotes (edits at the edges are not counted).',
      'A parent found by subject only may be another message of the thread (low unless its sender and time match the quoted header).',
      'Clock skew between the two senders (a few minutes).',
      'Messages that reuse a Message-ID for another text (templates, test fixtures, broken generators: low); mailing lists add footers to their copy (low).',
    ],
    kinds: ['email'],
    reads: ['text', 'findings', 'email-headers'],
    *run(docs) {
      // Pass 1, in a few numbers per message (at a million messages, objects per message outgrew the
      // check thread's heap): every Message-ID's copies as (id hash, body hash), the parents that
      // replies name, and for quoting replies the routes to their originals, as hashes. Hashes only
      // preselect; every decision below compares the exact Message-IDs and texts involved.
      const copyIds = new GrowableF64();
      const copyBodies = new GrowableF64();
      const parentWanted = new GrowableF64();
      const routes = { parent: new GrowableF64(), grand: new GrowableF64(), subject: new GrowableF64(), subject2: new GrowableF64() };
      for (const d of docs()) {
        const e = d.facts.email;
        if (!e) continue;
        const id = normId(e.messageId);
        const text = messageText(e, d.text);
        if (id) {
          copyIds.push(hash48(id));
          const body = bodyHash(text?.slice(0, MAX_PARENT_CHARS));
          copyBodies.push(body ? parseInt(body.slice(0, 12), 16) : NO_BODY);
        }
        const { parent, grandparent } = ancestry(e);
        if (parent) parentWanted.push(hash48(parent));
        const blocks = text ? quotedBlocks(text) : [];
        if (!blocks.length) continue;
        const s1 = subjectKey(blocks[0].header?.subject) ?? subjectKey(e.subject);
        const s2 = blocks[1] ? (subjectKey(blocks[1].header?.subject) ?? s1) : undefined;
        routes.parent.push(parent ? hash48(parent) : NaN);
        routes.grand.push(grandparent && blocks[1] ? hash48(grandparent) : NaN);
        routes.subject.push(s1 ? hash48(s1) : NaN);
        routes.subject2.push(s2 ? hash48(s2) : NaN);
      }
      const present = sortedUnique(copyIds.view());
      const conflicted = idsWithDifferentBodies(copyIds.view(), copyBodies.view());
      // Originals to read: parents (their date, their text), copies that disagree, and for replies
      // whose parent is not in the dump, the grandparent or the messages of the quoted subject.
      const wantIds = new GrowableF64();
      for (const h of parentWanted.view()) wantIds.push(h);
      for (const h of conflicted) wantIds.push(h);
      const wantSubjects = new GrowableF64();
      for (let i = 0; i < routes.parent.view().length; i++) {
        const p = routes.parent.at1(i);
        if (!Number.isNaN(p) && indexOf(present, p) >= 0) continue;
        const g = routes.grand.at1(i);
        if (!Number.isNaN(g) && indexOf(present, g) >= 0) {
          wantIds.push(g);
          continue;
        }
        for (const s of [routes.subject.at1(i), routes.subject2.at1(i)]) if (!Number.isNaN(s)) wantSubjects.push(s);
      }
      const byId = new Rounds(sortedUnique(wantIds.view()));
      const bySubject = new Rounds(sortedUnique(wantSubjects.view()));
      const conflictedSet = conflicted;

      // Pass 2, in rounds: the texts of those originals, up to the budget a round (one round unless the
      // dump is very large); then pass 3 judges the replies and copies whose originals this round read.
      for (;;) {
        const ids = new Map<string, Body[]>();
        const subjects = new Map<string, Body[]>();
        let chars = 0;
        let deferred = false;
        // A message is read once per key it is wanted under (its Message-ID, its subject).
        const readUnder = (
          rounds: Rounds,
          into: Map<string, Body[]>,
          key: string | undefined,
          d: CorpusDocument,
          e: EmailFacts,
          max: number,
        ) => {
          if (!key) return;
          const t = rounds.take(hash48(key), chars < parentTextBudget);
          if (t === 'later') deferred = true;
          if (t !== 'read') return;
          let bodies = into.get(key);
          if (!bodies) into.set(key, (bodies = []));
          chars += addCopy(bodies, d, e, max);
        };
        for (const d of docs()) {
          const e = d.facts.email;
          if (!e) continue;
          readUnder(byId, ids, normId(e.messageId), d, e, MAX_BODIES);
          readUnder(bySubject, subjects, subjectKey(e.subject), d, e, MAX_SUBJECT_BODIES);
        }
        byId.endRound();
        bySubject.endRound();
        for (const [id, bodies] of ids) if (indexOf(conflictedSet, hash48(id)) >= 0) yield* differentBodies(id, bodies);
        yield* judgeReplies(docs, ids, subjects, present);
        if (!deferred) return;
      }
    },
  };
}

export const threadsCheck = threadsCheckWith(PARENT_TEXT_BUDGET);

/** How a copy's text departs from a reference text: another text altogether, changes at its edges only, or edits inside it. */
function kindOfDifference(cmp: TextComparison | null): 'other-text' | 'edges' | 'minor' | 'inside' {
  if (!cmp) return 'other-text';
  const shorter = Math.min(cmp.originalWords, cmp.copyWords);
  if (cmp.sharedWords < MIN_SHARED_WORDS || cmp.sharedWords < MIN_SHARED_SHARE * shorter) return 'other-text';
  if (!cmp.hunks.some((h) => h.at === 'interior')) return 'edges';
  return interiorChanges(cmp).significant ? 'inside' : 'minor';
}

/** One Message-ID, several bodies: which copy departs from the message as sent, and how. */
function* differentBodies(id: string, bodies: Body[]): Iterable<Emit> {
  const texts = bodies.filter((b) => b.hash);
  if (texts.length < 2) return;
  const all = bodies.flatMap((b) => b.copies);
  // Which body is the message as sent? The one whose DKIM body hash verifies when exactly one body
  // does (the signer vouches for it, so the other copies are the outliers); otherwise the majority.
  const vouched = texts.filter((b) => b.copies.some((c) => c.dkimBody === 'pass'));
  const ranked = [...texts].sort((a, b) => b.copies.length - a.copies.length);
  const genuine = vouched.length === 1 ? vouched[0] : ranked[0].copies.length !== ranked[1].copies.length ? ranked[0] : null;
  const list = all.find((c) => c.list);
  for (const b of texts) {
    if (b === genuine) continue;
    // Compared with the genuine body, or (a tie) with the other body most like it.
    const refs = genuine ? [genuine] : texts.filter((o) => o !== b);
    let best: { ref: Body; cmp: TextComparison | null } | null = null;
    for (const ref of refs) {
      const cmp = compareTexts(wordsOf(ref), wordsOf(b));
      if (!best || (cmp?.sharedWords ?? -1) > (best.cmp?.sharedWords ?? -1)) best = { ref, cmp };
    }
    const kind = kindOfDifference(best!.cmp);
    const ref = best!.ref;
    // A second version carried by several copies with no signature to decide is two versions in
    // circulation, not one doctored copy.
    const spread = !genuine || vouched.length === 1 ? false : b.copies.length > 1;
    const severity = kind === 'inside' && !list && !spread ? 'medium' : 'low';
    const why =
      kind === 'other-text'
        ? ' The texts have little in common: the Message-ID was reused for another message (templates, test fixtures, a broken generator).'
        : kind === 'edges'
          ? ' They differ only at the start or end: a banner, footer, disclaimer or truncation.'
          : kind === 'minor'
            ? ' They differ by a word inside the text, as renderings of one message do (HTML, RTF or plain text).'
            : genuine === null
              ? ' One of them was edited inside the text.'
              : vouched.length === 1
                ? ' This copy was edited inside the text; the DKIM body hash verifies on the other body.'
                : spread
                  ? ' This version is carried by several copies too: two versions in circulation.'
                  : ' This copy was edited inside the text; the other copies agree with each other.';
    const changes = best!.cmp ? best!.cmp.hunks.filter((h) => kind !== 'inside' || h.at === 'interior') : [];
    for (const c of b.copies) {
      yield {
        documentId: c.documentId,
        finding: {
          severity,
          message: `${all.length} messages share the Message-ID <${id}> but their bodies differ.${why}${list ? ` One copy came through a mailing list (${list.list!.split(':')[0]}), which alters bodies.` : ''}`,
          evidence: {
            messageId: id,
            difference: kind,
            comparedWith: { documentId: ref.copies[0].documentId, path: ref.copies[0].path, copiesWithThatBody: ref.copies.length },
            passages: changes.slice(0, 10).map(passage),
            sharedWords: best!.cmp?.sharedWords ?? 0,
            copies: all.slice(0, MAX_COPIES).map((o) => ({
              documentId: o.documentId,
              path: o.path,
              sha256: o.sha256,
              body: bodies.indexOf(bodies.find((x) => x.copies.includes(o))!),
              date: o.dateRaw,
              mailingList: o.list ?? undefined,
              dkimBodyHash: o.dkimBody ?? undefined,
            })),
          },
        },
      };
    }
  }
}

/** The best-matching body of an original for a quoted block: the fewest words added inside the quote. */
function bestMatch(bodies: Body[], block: QuotedBlock, exclude: string): { body: Body; cmp: TextComparison } | null {
  const q = tokens(block.text);
  let best: { body: Body; cmp: TextComparison; added: number } | null = null;
  for (const b of bodies) {
    if (!b.text.trim() || b.copies.every((c) => c.documentId === exclude)) continue;
    const cmp = compareTexts(wordsOf(b), q);
    if (!cmp || kindOfDifference(cmp) === 'other-text') continue;
    const added = interiorChanges(cmp).addedWords;
    if (!best || added < best.added) best = { body: b, cmp, added };
  }
  return best;
}

/** Messages of the quoted subject that the quoted header could describe: the same sender, a time that fits. */
function subjectCandidates(bodies: Body[], block: QuotedBlock, reply: EmailFacts, replyId: string): { bodies: Body[]; confirmed: boolean } {
  const h = block.header;
  const fromKeys = h?.from ? lookupKeys(h.from) : [];
  const address = h?.from?.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/)?.[0]?.toLowerCase();
  const replyDate = ms(reply.dateUtc);
  let confirmed = true;
  const kept: Body[] = [];
  for (const b of bodies) {
    const copies = b.copies.filter((c) => {
      if (c.documentId === replyId) return false;
      if (replyDate !== null && c.date !== null && c.date - replyDate > REPLY_BEFORE_PARENT_MS) return false;
      const sameSender = c.from
        ? address
          ? c.from.address.toLowerCase() === address
          : fromKeys.length > 0 && fromKeys.some((k) => personKeys(c.from!.name, c.from!.address).has(k))
        : false;
      const fits = sentLineFits(h?.sent, c.dateUtc, [c.offset ?? 0, reply.dateOffsetMinutes ?? 0]);
      // The quoted header names a sender: it must be this one. Without a sender, the time must fit.
      if (fits === false || (h?.from ? !sameSender : fits !== true)) return false;
      if (!sameSender || fits !== true) confirmed = false;
      return true;
    });
    if (copies.length) kept.push({ ...b, copies });
  }
  return { bodies: kept, confirmed: confirmed && kept.length > 0 };
}

/** Pass 3: judge the replies whose originals were read in this round. */
function* judgeReplies(
  docs: Parameters<CorpusCheck['run']>[0],
  ids: Map<string, Body[]>,
  subjects: Map<string, Body[]>,
  present: Float64Array,
): Iterable<Emit> {
  if (ids.size === 0 && subjects.size === 0) return;
  for (const d of docs()) {
    const e = d.facts.email;
    if (!e) continue;
    const { parent, grandparent } = ancestry(e);
    const parentBodies = parent ? ids.get(parent) : undefined;
    if (parent && parentBodies) {
      const early = replyBeforeParent(d, e, parent, parentBodies);
      if (early) yield early;
    }
    const text = messageText(e, d.text);
    const blocks = text ? quotedBlocks(text) : [];
    if (!blocks.length) continue;
    // The route to the original: the parent by Message-ID; if the dump lacks it, the grandparent for
    // the quote inside the quote; else the messages of the quoted subject.
    let found: { block: QuotedBlock; bodies: Body[]; by: string; confirmed: boolean } | undefined;
    if (parent && indexOf(present, hash48(parent)) >= 0) {
      if (parentBodies) found = { block: blocks[0], bodies: parentBodies, by: e.inReplyTo ? 'In-Reply-To' : 'References', confirmed: true };
    } else if (grandparent && blocks[1] && indexOf(present, hash48(grandparent)) >= 0) {
      const g = ids.get(grandparent);
      if (g) found = { block: blocks[1], bodies: g, by: 'References', confirmed: true };
    } else {
      for (const block of blocks.slice(0, 2)) {
        const key = subjectKey(block.header?.subject) ?? subjectKey(e.subject);
        const all = key ? subjects.get(key) : undefined;
        if (!all) continue;
        const c = subjectCandidates(all, block, e, d.id);
        if (c.bodies.length) {
          found = { block, bodies: c.bodies, by: 'subject and quoted header', confirmed: c.confirmed };
          break;
        }
      }
    }
    if (!found) continue;
    const best = bestMatch(found.bodies, found.block, d.id);
    if (!best) continue;
    const inside = interiorChanges(best.cmp);
    if (!inside.significant) continue;
    const own = ownText(text!);
    const inline = INLINE_HINT.test(own);
    const considered = [
      ...(inline ? ["the reply says its comments are inline: the added words may be the replier's own"] : []),
      ...(found.confirmed ? [] : ['the original was found by subject only; its sender or time does not confirm it is the quoted message']),
    ];
    const original = best.body.copies.find((c) => c.documentId !== d.id) ?? best.body.copies[0];
    const replaced = inside.hunks.find((h) => h.removed.length);
    const copies = found.bodies.reduce((n, b) => n + b.copies.length, 0);
    yield {
      documentId: d.id,
      finding: {
        severity: inline || !found.confirmed ? 'low' : 'medium',
        message: `The text this message quotes${found.block.depth > 1 ? ` (at depth ${found.block.depth})` : ''} differs from the original in the dump (${original.path}${copies > 1 ? `, ${copies} copies compared` : ''}): ${inside.addedWords} quoted word${inside.addedWords > 1 ? 's are' : ' is'} not in it${replaced ? `, e.g. "${replaced.removed.join(' ').slice(0, 120)}" became "${replaced.added.join(' ').slice(0, 120)}"` : `, e.g. "${inside.hunks[0].added.join(' ').slice(0, 120)}"`}. Either the quote or the original was altered.`,
        evidence: {
          original: {
            documentId: original.documentId,
            path: original.path,
            messageId: original.messageId,
            subject: original.subject,
            date: original.dateRaw,
            foundBy: found.by,
          },
          copiesCompared: copies,
          quote: { depth: found.block.depth, style: found.block.style, header: found.block.header },
          quoteWords: best.cmp.copyWords,
          sharedWords: best.cmp.sharedWords,
          addedWords: inside.addedWords,
          passages: inside.hunks.slice(0, 10).map(passage),
          innocentCausesConsidered: considered,
        },
      },
    };
  }
}

function replyBeforeParent(d: CorpusDocument, e: EmailFacts, parentId: string, bodies: Body[]): Emit | undefined {
  const date = ms(e.dateUtc);
  const parent = bodies.flatMap((b) => b.copies).find((c) => c.documentId !== d.id && c.date !== null);
  if (date === null || !parent || parent.date! - date <= REPLY_BEFORE_PARENT_MS) return undefined;
  const gap = parent.date! - date;
  return {
    documentId: d.id,
    finding: {
      severity: gap > HOUR ? 'medium' : 'low',
      message: `This reply is dated ${formatDuration(gap)} before the message it answers (<${parentId}>).`,
      evidence: {
        reply: { date: e.dateRaw, dateUtc: e.dateUtc },
        parent: { documentId: parent.documentId, path: parent.path, messageId: parentId, date: parent.dateRaw },
        gapMs: gap,
        toleranceMs: REPLY_BEFORE_PARENT_MS,
      },
    },
  };
}
