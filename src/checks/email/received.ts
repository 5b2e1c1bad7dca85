// The Received chain read as a clock (field survey S32): each server that handled the message
// stamped a time, bottom (first hop) to top (last hop). Hops must move forward in time, the Date
// header must come before (or very near) the first hop, and every offset must be a real zone.
// Severities and their innocent causes: docs/checks-documents.md.

import type { EmailFacts, ReceivedHop } from '../../model/facts-email.js';
import type { DocumentCheck, FindingDraft } from '../types.js';
import { DAY, HOUR, MINUTE, baseDomain, emailOf, formatDuration, formatOffset, headerValues, mailingListHeader, ms } from './common.js';

/** Clock skew tolerated between two servers before a backwards step counts (survey: ±5 min in one organisation, more across). */
const HOP_SKEW_MS = 15 * MINUTE;
/** Date later than the first hop by more than this: the message claims to be written after a server already had it. */
const DATE_AFTER_FIRST_HOP_MS = 2 * HOUR;
/** Date earlier than the first hop by more than this: long queueing or a back-dated Date. */
const DATE_BEFORE_FIRST_HOP_MS = 12 * HOUR;
/** The longest a mail server keeps a message queued before it bounces it: Postfix maximal_queue_lifetime
 *  and sendmail Timeout.queuereturn 5 days, Exim's default retry rule 4 days, Exchange 2 days. A Date
 *  earlier than the first hop by more than this was not held by a server: the client held it (an
 *  outbox offline for a week, a scheduled send) or the Date is false. */
const SERVER_QUEUE_MAX_MS = 5 * DAY;
/** A Date written without a zone is only known to within the widest spread of civil zones. */
const ZONELESS_MS = 14 * HOUR;

interface TimedHop {
  hop: ReceivedHop;
  t: number;
}

/** What explains a Date written long before the first server had the message, other than a back-dated Date. */
function earlyDateExplanations(email: EmailFacts, first: ReceivedHop): string[] {
  const out: string[] = [];
  const resent = email.headers.find((h) => /^resent-(?:date|message-id|from|to)$/i.test(h.name));
  if (resent) out.push(`the message was re-sent (${resent.name}: ${resent.raw.trim().slice(0, 80)}): its hops are the re-send's`);
  const list = mailingListHeader(email);
  if (list) out.push(`it came through a mailing list (${list.split(':')[0]}): moderation queues, digests and archives re-send old mail`);
  if (/\b(?:pop3?|imap4?|fetchmail|getmail)\b/i.test(`${first.with ?? ''} ${first.raw}`))
    out.push(`the first hop (${first.with ?? 'fetchmail'}) is a mailbox retrieval, stamped when the message was fetched, not sent`);
  const deferred = [...headerValues(email, 'Deferred-Delivery'), ...headerValues(email, 'X-Deferred-Delivery')];
  if (deferred.length) out.push(`delivery was deferred on purpose (Deferred-Delivery: ${deferred[0].trim().slice(0, 60)})`);
  const signed = email.dkim.find((d) => d.header === 'DKIM-Signature' && d.signedHeaders.some((h) => h.trim().toLowerCase() === 'date'));
  if (signed)
    out.push(
      `a DKIM signature of ${signed.domain ?? 'the sender'} covers the Date: the sending system signed this Date, and an edit made afterwards breaks the signature (email.dkim says whether it still verifies)`,
    );
  return out;
}

function timedHops(hops: readonly ReceivedHop[]): TimedHop[] {
  // facts.received[0] is the topmost header = the last hop; chronological order is the reverse.
  return [...hops]
    .sort((a, b) => b.index - a.index)
    .flatMap((hop) => {
      const t = ms(hop.dateUtc);
      return t === null ? [] : [{ hop, t }];
    });
}

function hopLabel(h: ReceivedHop): string {
  return h.by ? `by ${h.by.split(/\s/)[0]}` : h.from ? `from ${h.from.split(/\s/)[0]}` : `#${h.index}`;
}

function hopEvidence(h: TimedHop) {
  return { index: h.hop.index, by: h.hop.by, from: h.hop.from, date: h.hop.dateRaw, utc: new Date(h.t).toISOString() };
}

/** The organisation that stamped a hop: the base domain of its 'by' host. */
function hopOrg(h: ReceivedHop): string | undefined {
  return baseDomain(h.by?.split(/\s/)[0]);
}

/**
 * A difference of a whole number of hours (up to 14, give or take the skew) between two clocks is
 * what a machine whose zone is set wrongly produces (local time written with another offset),
 * not a clock that was moved by hand.
 */
function zoneShift(deltaMs: number): boolean {
  const hours = Math.round(Math.abs(deltaMs) / HOUR);
  return hours >= 1 && hours <= 14 && Math.abs(Math.abs(deltaMs) - hours * HOUR) <= HOP_SKEW_MS;
}

/** A UTC offset no time zone has used: beyond ±14 h or not on a quarter hour. */
function impossibleOffset(minutes: number): boolean {
  return Math.abs(minutes) > 14 * 60 || minutes % 15 !== 0;
}

export const receivedCheck: DocumentCheck = {
  scope: 'document',
  id: 'email.received',
  version: 3,
  title: 'Received chain timing',
  detects: 'Received hops out of chronological order, a Date header far from the first hop, and time-zone offsets no zone uses.',
  whyForgersLeaveIt:
    'A forger who back-dates or invents a message edits the Date header (and sometimes copies Received lines from another message) but rarely re-stamps every hop consistently, so the clocks disagree.',
  innocentCauses: [
    'Clock skew between servers of different organisations, or a server that writes its local time with the wrong zone (a whole number of hours).',
    'Drafts written long before sending, mail queued in an outbox or on a phone without signal, delayed retries (hours to a day or two: low). Beyond the 2 to 5 days after which servers bounce queued mail, only an outbox held offline for a week or a scheduled send remain (medium), unless the message was re-sent (Resent- headers), distributed by a list, fetched by POP/IMAP, deferred on purpose, or carries a DKIM signature over its Date (low).',
    'A Date written without a zone (known only to within ±14 h).',
    'Exports that reorder or drop headers; forged lower hops added by spam senders (only hops added by trusted servers count).',
  ],
  kinds: ['email'],
  run(doc) {
    const email = emailOf(doc);
    if (!email) return [];
    const out: FindingDraft[] = [];
    const hops = timedHops(email.received);

    // 1. Hops out of order: a later hop stamped before an earlier one. Servers of one organisation
    // share a time source, so a step back between two of its own hops means one stamp was written
    // by hand; across organisations (or by a whole number of hours) a foreign server's clock or
    // zone is wrong, which is common and says nothing about the message.
    for (let i = 1; i < hops.length; i++) {
      const prev = hops[i - 1];
      const cur = hops[i];
      const back = prev.t - cur.t;
      if (back > HOP_SKEW_MS) {
        const org = hopOrg(prev.hop);
        const sameOrg = org !== undefined && org === hopOrg(cur.hop);
        const shifted = zoneShift(back);
        out.push({
          severity: !sameOrg || shifted ? 'low' : back > DAY ? 'high' : 'medium',
          message: `The hop ${hopLabel(cur.hop)} is stamped ${formatDuration(back)} before the hop ${hopLabel(prev.hop)} that handed it the message${
            shifted
              ? ' (a whole number of hours: one server writes its local time with the wrong zone)'
              : sameOrg
                ? `, although both belong to ${org}`
                : ' (servers of different organisations: one of their clocks is wrong)'
          }.`,
          evidence: {
            earlierHop: hopEvidence(prev),
            laterHop: hopEvidence(cur),
            backwardsMs: back,
            toleranceMs: HOP_SKEW_MS,
            sameOrganisation: sameOrg,
            zoneShift: shifted,
          },
        });
      }
    }

    // 2. Date header against the first hop. A Date after the message was already in transit has no
    // innocent cause but a client clock that runs ahead (or writes the wrong zone: whole hours). A
    // Date before the first hop is what drafts and outboxes (hours) and server queues (at most 2 to 5
    // days, then the server bounces the message) produce; beyond that, unless the message was re-sent,
    // came through a list, was fetched or deferred, or a signature vouches for its Date, only an
    // outbox held offline for a week or more or a back-dated Date explain it: medium.
    const date = ms(email.dateUtc);
    const first = hops[0];
    if (date !== null && first) {
      const delta = date - first.t;
      const zoneless = email.dateOffsetMinutes === null || email.dateOffsetMinutes === undefined;
      const allowance = zoneless ? ZONELESS_MS : 0;
      if (delta > DATE_AFTER_FIRST_HOP_MS + allowance) {
        const shifted = !zoneless && zoneShift(delta);
        out.push({
          severity: shifted ? 'low' : delta - allowance > DAY ? 'high' : 'medium',
          message: `The Date header (${email.dateRaw}) is ${formatDuration(delta)} later than the first server received the message: the message claims to have been written after it was already in transit${
            shifted ? " (by a whole number of hours: the sender's clock likely writes its local time with the wrong zone)" : ''
          }.`,
          evidence: {
            date: email.dateRaw,
            dateUtc: email.dateUtc,
            firstHop: hopEvidence(first),
            deltaMs: delta,
            toleranceMs: DATE_AFTER_FIRST_HOP_MS + allowance,
            dateHasZone: !zoneless,
            zoneShift: shifted,
          },
        });
      } else if (-delta > DATE_BEFORE_FIRST_HOP_MS + allowance) {
        // Drafts and outboxes explain hours, server queues up to SERVER_QUEUE_MAX_MS; beyond that only a
        // client that held the message for a week or more, or a Date set back by hand, does.
        const gap = -delta - allowance;
        const explained = gap > SERVER_QUEUE_MAX_MS ? earlyDateExplanations(email, first.hop) : [];
        const severity = gap > SERVER_QUEUE_MAX_MS && !explained.length ? 'medium' : 'low';
        out.push({
          severity,
          message:
            severity === 'medium'
              ? `The Date header (${email.dateRaw}) is ${formatDuration(-delta)} earlier than the first server received the message. No mail server queues a message that long (they bounce it after 2 to 5 days), the message was not re-sent (no Resent- headers) nor distributed by a list, and no signature vouches for its Date: it was held ${formatDuration(-delta)} in an outbox or scheduled, or its Date was set back.`
              : gap > SERVER_QUEUE_MAX_MS
                ? `The Date header (${email.dateRaw}) is ${formatDuration(-delta)} earlier than the first server received the message; ${explained.join('; ')}.`
                : `The Date header (${email.dateRaw}) is ${formatDuration(-delta)} earlier than the first server received the message (a draft, a message queued in an outbox or on a server, or a back-dated Date).`,
          evidence: {
            date: email.dateRaw,
            dateUtc: email.dateUtc,
            firstHop: hopEvidence(first),
            deltaMs: delta,
            toleranceMs: DATE_BEFORE_FIRST_HOP_MS + allowance,
            serverQueueMaxMs: SERVER_QUEUE_MAX_MS,
            dateHasZone: !zoneless,
            ...(explained.length ? { innocentCausesFound: explained } : {}),
          },
        });
      }
    }

    // 3. Offsets no zone uses (a hand-typed date), in Date or in any hop.
    const offsets: { where: string; raw?: string; minutes: number }[] = [];
    if (email.dateOffsetMinutes !== undefined && email.dateOffsetMinutes !== null)
      offsets.push({ where: 'Date', raw: email.dateRaw, minutes: email.dateOffsetMinutes });
    for (const h of email.received)
      if (h.offsetMinutes !== undefined && h.offsetMinutes !== null)
        offsets.push({ where: `Received #${h.index} ${hopLabel(h)}`, raw: h.dateRaw, minutes: h.offsetMinutes });
    const bad = offsets.filter((o) => impossibleOffset(o.minutes));
    if (bad.length) {
      out.push({
        severity: 'medium',
        message: `${bad.map((b) => `${b.where} carries the offset ${formatOffset(b.minutes)}`).join('; ')}, which no time zone uses.`,
        evidence: { offsets: bad },
      });
    }

    // 4. The sender's own server stamping a different offset than the sender's Date, on the same
    // instant: one of the two clocks was set by hand. Low: servers often run in UTC.
    if (
      date !== null &&
      first &&
      email.dateOffsetMinutes != null &&
      first.hop.offsetMinutes != null &&
      Math.abs(date - first.t) <= DATE_AFTER_FIRST_HOP_MS
    ) {
      const fromDomain = email.from?.address.split('@')[1]?.toLowerCase();
      const byHost = first.hop.by?.toLowerCase() ?? '';
      const ownServer = fromDomain && byHost.endsWith(fromDomain);
      const diff = email.dateOffsetMinutes - first.hop.offsetMinutes;
      if (ownServer && diff !== 0 && first.hop.offsetMinutes !== 0) {
        out.push({
          severity: 'low',
          message: `The Date header says ${formatOffset(email.dateOffsetMinutes)} but the sender's own server (${first.hop.by}) stamped ${formatOffset(first.hop.offsetMinutes)} when it received the message: the two clocks disagree on the local time zone.`,
          evidence: {
            date: email.dateRaw,
            firstHop: hopEvidence(first),
            dateOffset: email.dateOffsetMinutes,
            hopOffset: first.hop.offsetMinutes,
          },
        });
      }
    }
    return out;
  },
};
