// Threads as evidence (field survey S34, S37, S38): a reply quotes the message it answers, and it
// was written after it. A doctored message contradicts the copies of itself that others quoted or
// kept; a fabricated reply quotes words its "parent" never said. Quotes are read at every depth and
// in every style (quotes.ts); parents are found by In-Reply-To, References, or the quoted header
// block's subject, sender and time; every copy of a parent is compared (quote-diff.ts).
// See docs/checks-people-threads.md.

import type { EmailFacts } from '../../model/facts-email.js';
import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';
import { GrowableF64, hash48 } from '../compact-state.js';
import { indexOf, sortedUnique } from '../sorted-hashes.js';
import { lookupKeys, personKeys } from '../corpus/people-names.js';
import { HOUR, MINUTE, baseDomain, formatDuration, ms } from './common.js';
import { compareTexts, interiorChanges, passage, type TextComparison } from './quote-diff.js';
import { messageText, ownText, quotedBlocks, sentLineFits, subjectKey, type QuotedBlock } from './quotes.js';
import { judgeSharedId, type SharedIdContext } from './shared-ids.js';
import {
  MAX_PARENT_CHARS,
  addCopy,
  bodyHash,
  contentWords,
  earliestServerTime,
  isCalendar,
  kindOfDifference,
  normId,
  wordsOf,
  type Body,
} from './thread-bodies.js';

/** Reply earlier than its parent by more than this: beyond ordinary clock skew. */
const REPLY_BEFORE_PARENT_MS = 5 * MINUTE;
/** A Date written without a zone is only known to within the widest spread of civil zones. */
const ZONELESS_MS = 14 * HOUR;
/** Share of the dump's mail a domain must send to count as the organisation's own. */
const ORG_DOMAIN_SHARE = 0.1;
/** Characters of parent text read per round (UTF-16: up to 80 MB of strings, within a check thread's
 *  heap). A 4 GB dump's parents fit in one round; each further round reads the messages twice more. */
const PARENT_TEXT_BUDGET = 40_000_000;
/** Distinct bodies kept per Message-ID, and candidate bodies per subject. */
const MAX_BODIES = 6;
const MAX_SUBJECT_BODIES = 12;
/** Body hash of a copy without text. */
const NO_BODY = -1;

/** The replier says the quote holds their own comments (inline replies are innocent additions). */
const INLINE_HINT =
  /\b(?:see (?:my )?(?:comments|answers|responses|notes|replies) (?:below|inline|in (?:red|blue|bold))|(?:comments|answers|responses|replies) (?:below|inline|in (?:red|blue))|inline below|see below|voir (?:mes )?(?:commentaires|réponses) ci-dessous|voir ci-dessous|en rouge|siehe unten|anmerkungen im text|ver abajo|vedi sotto|zie hieronder)\b/i;

/** The same in Japanese, Chinese and Korean ("以下にコメントします", "见下文", "아래에 답변"), where \b finds no word edge. */
const INLINE_HINT_CJK =
  /以下(?:に|の通り|、)?(?:コメント|回答|返信|ご回答)|インライン(?:で|にて)|[見见]下(?:文|方)|(?:回复|回覆|答复|意见|意見)[見见在]下|아래(?:에)?\s*(?:답변|코멘트|의견)/;

/** The Message-ID a reply answers (In-Reply-To, else the last of References), and the one before it. */
function ancestry(e: EmailFacts): { parent?: string; grandparent?: string } {
  const refs = e.references.map(normId).filter((x): x is string => !!x);
  const parent = normId(e.inReplyTo) ?? refs[refs.length - 1];
  const at = parent ? refs.lastIndexOf(parent) : -1;
  return { parent, grandparent: at > 0 ? refs[at - 1] : at < 0 && refs.length ? refs[refs.length - 1] : undefined };
}

/** For the IDs that come with several bodies: how many distinct bodies each has, and how many such IDs each
 *  sender (address hash) has. Kept for those IDs only (a few in an organisation's dump). */
function sharedIdStats(
  ids: Float64Array,
  bodies: Float64Array,
  from: Float64Array,
  conflicted: Float64Array,
): { texts: Map<number, number>; bySender: Map<number, number> } {
  const bodiesOf = new Map<number, Set<number>>();
  const sendersOf = new Map<number, Set<number>>();
  for (let i = 0; i < ids.length; i++) {
    if (bodies[i] === NO_BODY || indexOf(conflicted, ids[i]) < 0) continue;
    let b = bodiesOf.get(ids[i]);
    if (!b) bodiesOf.set(ids[i], (b = new Set()));
    b.add(bodies[i]);
    if (Number.isNaN(from[i])) continue;
    let s = sendersOf.get(ids[i]);
    if (!s) sendersOf.set(ids[i], (s = new Set()));
    s.add(from[i]);
  }
  const bySender = new Map<number, number>();
  for (const s of sendersOf.values()) for (const f of s) bySender.set(f, (bySender.get(f) ?? 0) + 1);
  return { texts: new Map([...bodiesOf].map(([id, b]) => [id, b.size])), bySender };
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
    version: 5,
    title: 'Thread consistency',
    detects:
      "A reply whose quoted text (at any depth, '>'-prefixed or below an Outlook/Notes header block, plain or HTML) has words that the original it quotes lacks, the original found by In-Reply-To, References or the quoted header's subject, sender and time, in every copy the dump holds (eml, mbox, msg, pst, attached messages); a reply dated before every copy of its parent; and a Message-ID carried by several texts: a copy edited inside the text, or another message under the ID of the one that owns it (a fabricated Sent copy, a mail sent later from a hijacked account), the owner decided by the DKIM body hash, agreement between mailboxes, chronology and the majority of copies.",
    whyForgersLeaveIt:
      "The dump holds other copies of the truth: the recipients' quotes of the original, the original itself, its copies in other mailboxes. A forger edits one message but not every copy quoted or kept elsewhere, and a fabricated reply must quote a parent whose real text is in the dump.",
    innocentCauses: [
      'Inline replies and edited quotes (people do trim or annotate what they quote; a reply that announces comments below is only low).',
      'Reflowed or HTML-converted quotes, quote markers, links, inline images and entities (ignored: words are compared); banners, footers, signatures and disclaimers a gateway adds at the top or bottom of one copy, and truncated quotes (edits at the edges are not counted).',
      'A parent found by subject only may be another message of the thread (low unless its sender and time match the quoted header).',
      'Quoted header blocks and attribution lines ("De : … Envoyé : …", "On … wrote:") at every depth are rendered by each client (dates in its zone and language, names from its address book): they are left out of the comparison.',
      'Clock skew between the two senders (a few minutes), a Date without a zone (±14 h), a sender whose clock was wrong (the servers received the parent first: low), a parent ID carried by several messages (the earliest copy counts).',
      "Message-IDs reused for other texts by bulk mailers, templates and test fixtures (three texts or more under one ID, a sender that does it for several IDs, a sender outside the organisation: low); calendar invitations and updates, drafts saved before their last edits, re-sent messages (Resent- headers), mailing-list copies (low). Clients mint a new ID for every message they send, Outlook's Resend and recall/replace included.",
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
      const copyFrom = new GrowableF64();
      const domains = new Map<string, number>();
      let senders = 0;
      const parentWanted = new GrowableF64();
      const routes = { parent: new GrowableF64(), grand: new GrowableF64(), subject: new GrowableF64(), subject2: new GrowableF64() };
      for (const d of docs()) {
        const e = d.facts.email;
        if (!e) continue;
        const id = normId(e.messageId);
        const text = messageText(e, d.text);
        const from = e.from?.address?.trim().toLowerCase();
        const domain = baseDomain(from);
        if (domain) {
          domains.set(domain, (domains.get(domain) ?? 0) + 1);
          senders++;
        }
        if (id) {
          copyIds.push(hash48(id));
          const body = bodyHash(text?.slice(0, MAX_PARENT_CHARS));
          copyBodies.push(body ? parseInt(body.slice(0, 12), 16) : NO_BODY);
          copyFrom.push(from ? hash48(from) : NaN);
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
      const shared = sharedIdStats(copyIds.view(), copyBodies.view(), copyFrom.view(), conflicted);
      const orgDomains = new Set([...domains].filter(([, n]) => n >= 3 && n >= ORG_DOMAIN_SHARE * senders).map(([d]) => d));
      const contextOf = (id: string): SharedIdContext => ({
        orgDomains,
        textsForId: shared.texts.get(hash48(id)) ?? 2,
        otherSharedIdsOf: (address) => (address ? Math.max(0, (shared.bySender.get(hash48(address)) ?? 0) - 1) : 0),
      });
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
        for (const [id, bodies] of ids)
          if (indexOf(conflictedSet, hash48(id)) >= 0) yield* judgeSharedId(id, bodies, contextOf(id), MAX_BODIES);
        yield* judgeReplies(docs, ids, subjects, present);
        if (!deferred) return;
      }
    },
  };
}

export const threadsCheck = threadsCheckWith(PARENT_TEXT_BUDGET);

/** The best-matching body of an original for a quoted block: the fewest words added inside the quote. */
function bestMatch(bodies: Body[], block: QuotedBlock, exclude: string): { body: Body; cmp: TextComparison } | null {
  const q = contentWords(block.text);
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
    const inline = INLINE_HINT.test(own) || INLINE_HINT_CJK.test(own);
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

/** A reply dated before the message it answers. The reply must precede every copy of its parent, by more
 *  than clock skew (and the ±14 h a Date without a zone allows); it is medium only when nothing else
 *  explains it: copies of the parent that disagree on its date (the ID is carried by more than one
 *  message), servers that received the reply after the parent (a sender's clock was wrong), calendar traffic. */
function replyBeforeParent(d: CorpusDocument, e: EmailFacts, parentId: string, bodies: Body[]): Emit | undefined {
  const date = ms(e.dateUtc);
  const copies = bodies.flatMap((b) => b.copies).filter((c) => c.documentId !== d.id && c.date !== null);
  if (date === null || !copies.length) return undefined;
  const earliest = copies.reduce((a, c) => (c.date! < a.date! ? c : a));
  const latest = copies.reduce((a, c) => (c.date! > a.date! ? c : a));
  const zoneless = e.dateOffsetMinutes == null || earliest.offset == null;
  const tolerance = REPLY_BEFORE_PARENT_MS + (zoneless ? ZONELESS_MS : 0);
  const gap = earliest.date! - date;
  if (gap <= tolerance) return undefined;
  const causes: string[] = [];
  if (latest.date! - earliest.date! > HOUR || bodies.filter((b) => b.hash).length > 1)
    causes.push(
      `the copies of <${parentId}> disagree (dates ${earliest.dateRaw} to ${latest.dateRaw}, or texts): more than one message carries that ID`,
    );
  const replyServers = earliestServerTime(e);
  const parentServers = copies.reduce<number | null>((t, c) => (c.transit !== null && (t === null || c.transit < t) ? c.transit : t), null);
  if (replyServers !== null && parentServers !== null && replyServers > parentServers - REPLY_BEFORE_PARENT_MS)
    causes.push(
      `the servers had the parent first (${new Date(parentServers).toISOString()}) and the reply after (${new Date(replyServers).toISOString()}): a sender's clock was wrong, not the order`,
    );
  if (isCalendar(e) || copies.some((c) => c.calendar))
    causes.push('calendar traffic: answers and updates of one event refer to one another out of order');
  return {
    documentId: d.id,
    finding: {
      severity: gap > HOUR + (zoneless ? ZONELESS_MS : 0) && !causes.length ? 'medium' : 'low',
      message: `This reply is dated ${formatDuration(gap)} before the message it answers (<${parentId}>, ${copies.length > 1 ? `earliest of ${copies.length} copies: ` : ''}${earliest.path}).${
        causes.length ? ` Innocent causes found: ${causes.join('; ')}.` : ''
      }`,
      evidence: {
        reply: { date: e.dateRaw, dateUtc: e.dateUtc },
        parent: {
          documentId: earliest.documentId,
          path: earliest.path,
          messageId: parentId,
          date: earliest.dateRaw,
          copies: copies.length,
        },
        gapMs: gap,
        toleranceMs: tolerance,
        dateWithoutZone: zoneless || undefined,
        innocentCausesFound: causes.length ? causes : undefined,
      },
    },
  };
}
