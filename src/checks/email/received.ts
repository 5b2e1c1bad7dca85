// The Received chain read as a clock (field survey S32): each server that handled the message
// stamped a time, bottom (first hop) to top (last hop). Hops must move forward in time, the Date
// header must come before (or very near) the first hop, and every offset must be a real zone.

import type { ReceivedHop } from '../../model/facts-email.js';
import type { DocumentCheck, FindingDraft } from '../types.js';
import { DAY, HOUR, MINUTE, emailOf, formatDuration, formatOffset, ms } from './common.js';

/** Clock skew tolerated between two servers before a backwards step counts (survey: ±5 min in one organisation, more across). */
export const HOP_SKEW_MS = 15 * MINUTE;
/** Date later than the first hop by more than this: the message claims to be written after a server already had it. */
export const DATE_AFTER_FIRST_HOP_MS = 2 * HOUR;
/** Date earlier than the first hop by more than this: long queueing or a back-dated Date. */
export const DATE_BEFORE_FIRST_HOP_MS = 12 * HOUR;

interface TimedHop {
  hop: ReceivedHop;
  t: number;
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

/** A UTC offset no time zone has used: beyond ±14 h or not on a quarter hour. */
function impossibleOffset(minutes: number): boolean {
  return Math.abs(minutes) > 14 * 60 || minutes % 15 !== 0;
}

export const receivedCheck: DocumentCheck = {
  scope: 'document',
  id: 'email.received',
  version: 1,
  title: 'Received chain timing',
  detects: 'Received hops out of chronological order, a Date header far from the first hop, and time-zone offsets no zone uses.',
  whyForgersLeaveIt:
    'A forger who back-dates or invents a message edits the Date header (and sometimes copies Received lines from another message) but rarely re-stamps every hop consistently, so the clocks disagree.',
  innocentCauses: [
    'Clock skew between servers of different organisations.',
    'Drafts written long before sending, mail queued in an outbox or on a phone without signal, delayed retries.',
    'Exports that reorder or drop headers; forged lower hops added by spam senders (only hops added by trusted servers count).',
  ],
  kinds: ['email'],
  run(doc) {
    const email = emailOf(doc);
    if (!email) return [];
    const out: FindingDraft[] = [];
    const hops = timedHops(email.received);

    // 1. Hops out of order: a later hop stamped before an earlier one.
    for (let i = 1; i < hops.length; i++) {
      const prev = hops[i - 1];
      const cur = hops[i];
      const back = prev.t - cur.t;
      if (back > HOP_SKEW_MS) {
        out.push({
          severity: back > DAY ? 'high' : 'medium',
          message: `The hop ${hopLabel(cur.hop)} is stamped ${formatDuration(back)} before the hop ${hopLabel(prev.hop)} that handed it the message.`,
          evidence: { earlierHop: hopEvidence(prev), laterHop: hopEvidence(cur), backwardsMs: back, toleranceMs: HOP_SKEW_MS },
        });
      }
    }

    // 2. Date header against the first hop.
    const date = ms(email.dateUtc);
    const first = hops[0];
    if (date !== null && first) {
      const delta = date - first.t;
      if (delta > DATE_AFTER_FIRST_HOP_MS) {
        out.push({
          severity: delta > DAY ? 'high' : 'medium',
          message: `The Date header (${email.dateRaw}) is ${formatDuration(delta)} later than the first server received the message: the message claims to have been written after it was already in transit.`,
          evidence: {
            date: email.dateRaw,
            dateUtc: email.dateUtc,
            firstHop: hopEvidence(first),
            deltaMs: delta,
            toleranceMs: DATE_AFTER_FIRST_HOP_MS,
          },
        });
      } else if (-delta > DATE_BEFORE_FIRST_HOP_MS) {
        out.push({
          severity: -delta > 30 * DAY ? 'medium' : 'low',
          message: `The Date header (${email.dateRaw}) is ${formatDuration(-delta)} earlier than the first server received the message (a draft, a queued message, or a back-dated Date).`,
          evidence: {
            date: email.dateRaw,
            dateUtc: email.dateUtc,
            firstHop: hopEvidence(first),
            deltaMs: delta,
            toleranceMs: DATE_BEFORE_FIRST_HOP_MS,
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
