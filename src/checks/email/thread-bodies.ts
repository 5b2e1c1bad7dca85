// The copies of a message as email.threads holds them: one text per distinct body, and for each copy
// where it sits (mailbox, folder), what servers and signers say about it (hops, DKIM), and its dates.
// Shared by the reply judgement (threads.ts) and the judgement of Message-IDs carried by several
// texts (shared-ids.ts).

import { createHash } from 'node:crypto';
import type { EmailFacts } from '../../model/facts-email.js';
import type { CorpusDocument } from '../types.js';
import { headerValues, mailingListHeader, ms } from './common.js';
import { compareTexts, interiorChanges, tokens, type TextComparison } from './quote-diff.js';
import { messageText, withoutQuoteHeaders } from './quotes.js';
import { headerSaysSent, isSentFolderName, placementOf } from './sender/path-kind.js';

/** Characters of text kept per copy of a parent (memory bound: only parents that some reply quotes are kept). */
export const MAX_PARENT_CHARS = 20_000;
/** Words a quote (or copy) must share with an original before a difference means an edit, not another text. */
const MIN_SHARED_WORDS = 8;
const MIN_SHARED_SHARE = 0.5;
/** Copies listed per body. */
const MAX_COPIES = 20;

/** Words as compared: quote header blocks and attribution lines left out (clients render them). */
export function contentWords(text: string): string[] {
  return tokens(withoutQuoteHeaders(text));
}

export function bodyHash(text: string | undefined): string | null {
  if (!text) return null;
  const norm = contentWords(text).join(' ');
  return norm ? createHash('sha256').update(norm).digest('hex') : null;
}

export function normId(id: string | undefined): string | undefined {
  return id?.trim().replace(/^<|>$/g, '').toLowerCase() || undefined;
}

/** Verdicts of the 'email.dkim' document check on a copy: the body hash ('pass' also when it verifies once
 *  a gateway's or list's added block is removed: the signed text is intact), and whether a signature verified. */
function dkimVerdicts(d: CorpusDocument): { body: 'pass' | 'fail' | null; verified: boolean } {
  let body: 'pass' | 'fail' | null = null;
  let verified = false;
  for (const f of d.findings ?? []) {
    if (f.check !== 'email.dkim') continue;
    const ev = f.evidence ?? {};
    // A signature made with a key whose private half is published could be anyone's: its body hash
    // matches whatever its signer chose, so it neither vouches for nor accuses the copy.
    if (ev.keyPrivatePublished) continue;
    if (ev.verdict === 'pass') verified = true;
    const bh = ev.bodyHashWithoutAdditions === 'pass' ? 'pass' : ev.bodyHash;
    if (bh === 'fail') body = 'fail';
    else if (bh === 'pass' && body === null) body = 'pass';
  }
  return { body, verified };
}

/** Subjects and parts of calendar traffic: invitations, updates and answers that share one event UID. */
const CALENDAR_SUBJECT =
  /^\s*(?:(?:updated |new )?invitation|accepted|declined|tentative|canceled|cancelled|invitation mise à jour|mise à jour|accepté|refusé|provisoire|annulé|einladung|aktualisierte einladung|zugesagt|abgesagt|mit vorbehalt|abgesagt|invitación|aceptado|rechazado)\b.*:/i;

export function isCalendar(e: EmailFacts): boolean {
  return (
    /text\/calendar/i.test(e.contentType ?? '') ||
    e.attachments.some((a) => /text\/calendar|\.ics$/i.test(`${a.contentType} ${a.filename}`)) ||
    /^IPM\.Schedule/i.test(e.messageClass ?? '') ||
    CALENDAR_SUBJECT.test(e.subject ?? '')
  );
}

const DRAFT_FOLDER = /draft|brouillon|entw[uü]rf|borrador|bozz|concept|rascunho|utkast|kladde|luonnokset|piszkozat|черновик/i;

export interface Copy {
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
  /** A DKIM signature of this copy verified with an imported key. */
  dkimVerified: boolean;
  /** The mailbox export the copy belongs to ('' when the path names none). */
  mailbox: string;
  /** A sent copy (sent folder or a header that says so), a draft, or another copy. */
  place: 'sent' | 'draft' | 'other';
  /** Received hops, and the earliest time a server stamped (a hop, a DKIM t=). */
  hops: number;
  transit: number | null;
  calendar: boolean;
  resent: boolean;
}

/** One text of a message; the copies that carry it (sent, received, archived, attached...). */
export interface Body {
  hash: string | null;
  text: string;
  words?: string[];
  copies: Copy[];
}

export function wordsOf(b: Body): string[] {
  return (b.words ??= contentWords(b.text));
}

/** The earliest time a server stamped on a message: its first Received hop, or a DKIM signing time. */
export function earliestServerTime(e: EmailFacts): number | null {
  let t: number | null = null;
  for (const h of e.received) {
    const x = ms(h.dateUtc);
    if (x !== null && (t === null || x < t)) t = x;
  }
  for (const d of e.dkim)
    if (d.header === 'DKIM-Signature' && d.timestamp && (t === null || d.timestamp * 1000 < t)) t = d.timestamp * 1000;
  return t;
}

function copyOf(d: CorpusDocument, e: EmailFacts): Copy {
  const place = placementOf(d.path);
  const dkim = dkimVerdicts(d);
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
    dkimBody: dkim.body,
    dkimVerified: dkim.verified,
    mailbox: place.mailbox,
    place: DRAFT_FOLDER.test(place.folder) ? 'draft' : isSentFolderName(place.folder) || headerSaysSent(e) ? 'sent' : 'other',
    hops: e.received.length,
    transit: earliestServerTime(e),
    calendar: isCalendar(e),
    resent: headerValues(e, 'Resent-Message-ID').length + headerValues(e, 'Resent-Date').length > 0,
  };
}

/** Adds a copy to the bodies of one message (or one subject), text kept once per distinct body. */
export function addCopy(bodies: Body[], d: CorpusDocument, e: EmailFacts, maxBodies: number): number {
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

/** How a copy's text departs from a reference text: another text altogether, changes at its edges only, or edits inside it. */
export function kindOfDifference(cmp: TextComparison | null): 'other-text' | 'edges' | 'minor' | 'inside' {
  if (!cmp) return 'other-text';
  const shorter = Math.min(cmp.originalWords, cmp.copyWords);
  if (cmp.sharedWords < MIN_SHARED_WORDS || cmp.sharedWords < MIN_SHARED_SHARE * shorter) return 'other-text';
  if (!cmp.hunks.some((h) => h.at === 'interior')) return 'edges';
  return interiorChanges(cmp).significant ? 'inside' : 'minor';
}

/** The comparison of two bodies' words. */
export function compareBodies(ref: Body, b: Body): TextComparison | null {
  return compareTexts(wordsOf(ref), wordsOf(b));
}
