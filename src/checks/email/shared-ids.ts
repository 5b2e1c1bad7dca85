// One Message-ID, several texts. Clients mint a new Message-ID for every message; the copies of one
// message (the sender's Sent copy, each recipient's received copy, archives, attachments) carry one
// text, up to what gateways and lists add at its edges. A second text under the ID is a copy edited
// after the fact (a figure changed), or another message made to pass for the one that owns the ID (a
// fabricated Sent copy, a mail sent later from a hijacked account under a genuine one's ID). Which text
// is the odd one is decided by the DKIM body hash, by agreement between mailboxes, by which came first,
// and by the majority of copies. Bulk mailers, templates and test fixtures reuse IDs too, but for many
// texts, habitually, or from outside the organisation. See docs/checks-email-integrity.md.

import type { Severity } from '../../model/document.js';
import type { FindingDraft } from '../types.js';
import { HOUR, baseDomain, formatDuration } from './common.js';
import { passage, type TextComparison } from './quote-diff.js';
import { compareBodies, kindOfDifference, type Body, type Copy } from './thread-bodies.js';

/** What the rest of the dump says about Message-IDs with several texts. */
export interface SharedIdContext {
  /** Base domains that send at least a tenth of the dump's mail: the organisation's own. */
  orgDomains: ReadonlySet<string>;
  /** Distinct texts the dump holds under this ID (counted over every copy, beyond the bodies kept). */
  textsForId: number;
  /** How many other IDs with several texts a sender (lower-cased address) has in the dump. */
  otherSharedIdsOf(address: string | undefined): number;
}

type Means = 'dkim' | 'agreement' | 'servers' | 'chronology' | 'majority';

interface Support {
  body: Body;
  /** Mailboxes holding this text (a copy whose path names none counts as its own). */
  mailboxes: number;
  /** The earliest time a copy of this text shows: a server's stamp, else its Date. */
  earliest: number | null;
  vouched: boolean;
  failed: boolean;
  /** A copy passed through servers: Received hops or a DKIM signature. */
  travelled: boolean;
}

/** Texts whose times differ by less than this are not ordered (clock skew, copies stamped apart). */
const CHRONOLOGY_MARGIN_MS = HOUR;
/** IDs with several texts from one sender beyond which the reuse is the sender's software's habit. */
const SENDER_REUSE_HABIT = 2;
const MAX_LISTED = 20;

function supportOf(b: Body): Support {
  const boxes = new Set(b.copies.map((c) => c.mailbox || c.documentId));
  const times = b.copies.map((c) => c.transit ?? c.date).filter((t): t is number => t !== null);
  return {
    body: b,
    mailboxes: boxes.size,
    earliest: times.length ? Math.min(...times) : null,
    vouched: b.copies.some((c) => c.dkimBody === 'pass'),
    failed: b.copies.some((c) => c.dkimBody === 'fail'),
    travelled: b.copies.some((c) => c.hops > 0 || c.dkimBody !== null),
  };
}

/** The text each means names as the message that owns the ID, when it names one. */
function picks(texts: Support[]): Partial<Record<Means, Support>> {
  const out: Partial<Record<Means, Support>> = {};
  // DKIM: the signed text verifies, every other text has a copy whose body hash fails (edited after signing).
  const vouched = texts.filter((t) => t.vouched);
  if (vouched.length === 1 && texts.every((t) => t === vouched[0] || t.failed)) out.dkim = vouched[0];
  // Agreement: one text held in several mailboxes (sent and received copies agree), every other in one.
  const spread = texts.filter((t) => t.mailboxes >= 2);
  if (spread.length === 1) out.agreement = spread[0];
  // Servers: one text went through servers (hops, a signature), the others exist only as local copies
  // (a Sent folder, an archive), which anyone with the mailbox can write.
  const travelled = texts.filter((t) => t.travelled);
  if (travelled.length === 1) out.servers = travelled[0];
  // Chronology: the ID was minted for the first message; a text first seen an hour or more later reuses it.
  const timed = texts.filter((t) => t.earliest !== null).sort((a, b) => a.earliest! - b.earliest!);
  if (timed.length === texts.length && timed[1].earliest! - timed[0].earliest! > CHRONOLOGY_MARGIN_MS) out.chronology = timed[0];
  // Majority of copies.
  const ranked = [...texts].sort((a, b) => b.body.copies.length - a.body.copies.length);
  if (ranked[0].body.copies.length > ranked[1].body.copies.length) out.majority = ranked[0];
  return out;
}

const MEANS_ORDER: Means[] = ['dkim', 'agreement', 'servers', 'chronology', 'majority'];

/** Agreement between mailboxes or the DKIM body hash, and another means that is independent of it
 *  (the majority of copies is not: it counts the same copies as agreement). */
function strongDecision(agreeing: Means[]): boolean {
  const firm = agreeing.includes('dkim') || agreeing.includes('agreement');
  const groups = new Set(agreeing.map((m) => (m === 'majority' || m === 'agreement' ? 'copies' : m)));
  return firm && groups.size >= 2;
}

const MEANS_WORDS: Record<Means, string> = {
  dkim: 'the DKIM body hash verifies on it and fails on the other',
  agreement: 'its copies in several mailboxes agree',
  servers: 'only its copies passed through servers; the other exists only as a local copy',
  chronology: 'it came first',
  majority: 'most copies carry it',
};

function describeCopies(s: Support): string {
  const n = s.body.copies.length;
  return `${n} cop${n > 1 ? 'ies' : 'y'} in ${s.mailboxes} mailbox${s.mailboxes > 1 ? 'es' : ''}`;
}

/** Versions among the texts of one ID: texts that differ only at their edges or by a rendered word
 *  (a gateway's banner, an HTML rendering) are one version. */
function versions(texts: Support[], ctx: SharedIdContext, maxBodies: number): number {
  if (ctx.textsForId > maxBodies) return ctx.textsForId;
  const heads: Support[] = [];
  for (const t of texts) {
    const same = heads.some((h) => {
      const k = kindOfDifference(compareBodies(h.body, t.body));
      return k === 'edges' || k === 'minor';
    });
    if (!same) heads.push(t);
  }
  return heads.length;
}

/** Why a text under a shared ID may be innocent, as found on its copies and on the owner's. */
function innocentCauses(
  b: Body,
  owner: Body | null,
  ctx: SharedIdContext,
  kind: string,
  ownerSender: string | undefined,
  versionCount: number,
): string[] {
  const all = [...b.copies, ...(owner?.copies ?? [])];
  const out: string[] = [];
  const list = all.find((c) => c.list);
  if (list) out.push(`a copy came through a mailing list (${list.list!.split(':')[0]}), which alters bodies`);
  if (all.some((c) => c.calendar)) out.push('calendar traffic: invitations, updates and answers of one event share its UID');
  if (b.copies.some((c) => c.place === 'draft')) out.push('a draft: saved before its last edits, under the ID it is later sent with');
  if (all.some((c) => c.resent)) out.push('a re-sent message (Resent- headers)');
  if (versionCount >= 3)
    out.push(`${versionCount} different texts share this ID: a bulk mailer, a template or test fixtures, not one message copied`);
  const sender = b.copies[0].from?.address?.toLowerCase();
  const reuse = ctx.otherSharedIdsOf(sender);
  if (reuse >= SENDER_REUSE_HABIT) out.push(`${sender} has ${reuse} other Message-IDs with several texts: its software reuses IDs`);
  if (kind !== 'other-text') return out;
  const internal = (c: Copy) => c.place === 'sent' || ctx.orgDomains.has(baseDomain(c.from?.address) ?? '');
  if (!b.copies.some(internal)) out.push('the sender is outside the organisation (bulk mailers and spam reuse IDs)');
  if (ownerSender && sender && ownerSender !== sender && !owner!.copies.some(internal))
    out.push(`the two texts come from different senders (${ownerSender}, ${sender}), one outside the organisation`);
  return out;
}

type Emit = { documentId: string; finding: FindingDraft };

/** Findings for the copies of one Message-ID whose texts differ. */
export function* judgeSharedId(id: string, bodies: Body[], ctx: SharedIdContext, maxBodies: number): Iterable<Emit> {
  const texts = bodies.filter((b) => b.hash).map(supportOf);
  if (texts.length < 2) return;
  const versionCount = versions(texts, ctx, maxBodies);
  const all = bodies.flatMap((b) => b.copies);
  const pick = picks(texts);
  const first = MEANS_ORDER.find((m) => pick[m]);
  const owner = first ? pick[first]! : null;
  const agreeing = MEANS_ORDER.filter((m) => pick[m] && pick[m] === owner);
  const disagreeing = MEANS_ORDER.filter((m) => pick[m] && pick[m] !== owner);
  const ownerSender = owner?.body.copies[0].from?.address?.toLowerCase();

  for (const t of texts) {
    if (t === owner) continue;
    const b = t.body;
    // Compared with the owner's text, or (undecided) with the other text most like it.
    let best: { ref: Support; cmp: TextComparison | null } | null = null;
    for (const ref of owner ? [owner] : texts.filter((o) => o !== t)) {
      const cmp = compareBodies(ref.body, b);
      if (!best || (cmp?.sharedWords ?? -1) > (best.cmp?.sharedWords ?? -1)) best = { ref, cmp };
    }
    const kind = kindOfDifference(best!.cmp);
    const ref = best!.ref;
    const causes = innocentCauses(b, owner?.body ?? null, ctx, kind, ownerSender, versionCount);
    // A second version spread over several mailboxes, told apart from the first by the count of copies
    // alone, is two versions in circulation rather than one doctored copy.
    const spreadTie = owner !== null && agreeing.every((m) => m === 'majority') && t.mailboxes >= 2;
    let severity: Severity = 'low';
    if (!causes.length && (kind === 'inside' || kind === 'other-text')) {
      if (kind === 'inside') severity = owner === null || !spreadTie ? 'medium' : 'low';
      // High: the copies in the mailboxes (or the signature) name the owner, and an independent means agrees.
      else if (owner !== null) severity = strongDecision(agreeing) && !disagreeing.length ? 'high' : 'medium';
    }
    const gap = owner?.earliest != null && t.earliest !== null ? t.earliest - owner.earliest : null;
    const why =
      kind === 'edges'
        ? ' They differ only at the start or end: a banner, footer, disclaimer or truncation.'
        : kind === 'minor'
          ? ' They differ by a word inside the text, as renderings of one message do (HTML, RTF or plain text).'
          : kind === 'inside'
            ? owner === null
              ? ' One of them was edited inside the text, and nothing tells which.'
              : ` This text was edited inside; the other is the message as sent (${agreeing.map((m) => MEANS_WORDS[m]).join('; ')}).`
            : owner === null
              ? ' The texts have little in common and nothing tells which owns the ID.'
              : ` This is another message under the ID of the one that owns it (${agreeing.map((m) => MEANS_WORDS[m]).join('; ')})${
                  gap !== null && gap > CHRONOLOGY_MARGIN_MS ? `, first seen ${formatDuration(gap)} later` : ''
                }. Clients mint a new Message-ID for every message, re-sending and recalling included.`;
    const caveat = causes.length ? ` Innocent causes found: ${causes.join('; ')}.` : '';
    const changes = best!.cmp ? best!.cmp.hunks.filter((h) => kind !== 'inside' || h.at === 'interior') : [];
    for (const c of b.copies) {
      yield {
        documentId: c.documentId,
        finding: {
          severity,
          message: `${all.length} messages share the Message-ID <${id}> but their texts differ (this one: ${describeCopies(t)}; the other: ${describeCopies(ref)}).${why}${caveat}`,
          evidence: {
            messageId: id,
            difference: kind,
            decidedBy: agreeing,
            contradictedBy: disagreeing.length ? disagreeing : undefined,
            comparedWith: {
              documentId: ref.body.copies[0].documentId,
              path: ref.body.copies[0].path,
              copiesWithThatBody: ref.body.copies.length,
              mailboxes: ref.mailboxes,
            },
            passages: changes.slice(0, 10).map(passage),
            sharedWords: best!.cmp?.sharedWords ?? 0,
            textsUnderThisId: ctx.textsForId,
            innocentCausesFound: causes.length ? causes : undefined,
            copies: all.slice(0, MAX_LISTED).map((o) => ({
              documentId: o.documentId,
              path: o.path,
              sha256: o.sha256,
              body: bodies.findIndex((x) => x.copies.includes(o)),
              from: o.from?.address,
              date: o.dateRaw,
              place: o.place,
              hops: o.hops,
              mailingList: o.list ?? undefined,
              dkimBodyHash: o.dkimBody ?? undefined,
            })),
          },
        },
      };
    }
  }
}
