// A sender's habits, learned from the dump itself (field survey S33, S34, S51): the mail client,
// the shape of Message-IDs and MIME boundaries, the order of the headers the client writes, the
// time-zone offset and whether it follows the sender's daylight-saving regime, sending hours,
// DKIM coverage and the first server on the route. A fake slipped into a genuine mailbox is made
// by another program on another machine, so it stands out against hundreds of genuine messages.

import type { EmailFacts } from '../../model/facts-email.js';
import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';
import type { Severity } from '../../model/document.js';
import { identifyClient } from '../../knowledge/mail-clients.js';
import { baseDomain, formatOffset, mailingListHeader, ms } from './common.js';

/** A sender needs this many messages before its habits mean anything. */
export const MIN_MESSAGES = 8;
/** Sending hours need a larger profile than formats do. */
export const MIN_MESSAGES_FOR_HOURS = 40;
/** A value is out of habit when its share among the sender's other messages is below this. */
export const RARE_SHARE = 0.03;
/** ...and the sender has a habit: the commonest value covers at least this share. */
export const HABIT_SHARE = 0.75;

/** Zones tried as a sender's home zone: the commonest zones with distinct DST rules per region. */
export const CANDIDATE_ZONES = [
  'Europe/London',
  'Europe/Paris',
  'Europe/Helsinki',
  'Europe/Moscow',
  'Europe/Istanbul',
  'Atlantic/Reykjavik',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Halifax',
  'America/Sao_Paulo',
  'America/Mexico_City',
  'America/Bogota',
  'America/Santiago',
  'Pacific/Honolulu',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Asia/Jerusalem',
  'Asia/Tehran',
  'Asia/Singapore',
  'Asia/Karachi',
  'Africa/Johannesburg',
  'Africa/Lagos',
  'Africa/Cairo',
  'Australia/Sydney',
  'Australia/Perth',
  'Australia/Adelaide',
  'Pacific/Auckland',
  'UTC',
] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset (minutes east of UTC) of an IANA zone at an instant, from the runtime's tz database. */
export function zoneOffsetAt(zone: string, t: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const name = f.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = name.match(/GMT([+-])(\d{2}):?(\d{2})?/);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** A coarse fingerprint of an identifier's construction: length bucket, character classes, structural punctuation, domain. */
export function shapeOf(id: string): string {
  const at = id.lastIndexOf('@');
  const local = at >= 0 ? id.slice(0, at) : id;
  const domain = at >= 0 ? id.slice(at + 1).toLowerCase() : '';
  // Generic host names vary by machine; keep the organisation's domain.
  const dom = baseDomain(domain) ?? (domain ? 'other' : '');
  const classes = `${/[A-Z]/.test(local) ? 'A' : ''}${/[a-z]/.test(local) ? 'a' : ''}${/\d/.test(local) ? '9' : ''}`;
  const punct = local.replace(/[A-Za-z0-9+/=_-]+/g, '').replace(/(.)\1+/g, '$1');
  const len = Math.round(local.length / 4) * 4;
  return `${len}|${classes}|${punct}${dom ? '@' + dom : ''}`;
}

/** Headers a mail client writes (transport headers vary by route and are left out). */
const CLIENT_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'x-mailer',
  'user-agent',
  'in-reply-to',
  'references',
  'reply-to',
  'thread-index',
  'thread-topic',
  'content-language',
  'x-priority',
  'importance',
]);

export function headerOrder(email: EmailFacts): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const h of email.headers) {
    const n = h.name.toLowerCase();
    // Reply-only headers appear or not depending on the message, not the client.
    if (!CLIENT_HEADERS.has(n) || n === 'in-reply-to' || n === 'references' || n === 'cc' || n === 'reply-to' || seen.has(n)) continue;
    seen.add(n);
    out.push(n);
  }
  return out.join(',');
}

export function clientFamily(email: EmailFacts): string {
  const v = email.mailer ?? email.userAgent;
  if (!v) return '(none)';
  const c = identifyClient(v);
  if (c) return c.family;
  // Unknown clients: the product name without version numbers.
  return (
    v
      .replace(/\(.*?\)/g, '')
      .replace(/[\d._/-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
      .slice(0, 40) || '(none)'
  );
}

type Feature = 'client' | 'messageIdFormat' | 'boundaryFormat' | 'headerOrder' | 'timezone' | 'hour' | 'dkim' | 'route';

const FEATURE_LABEL: Record<Feature, string> = {
  client: 'mail client (X-Mailer/User-Agent)',
  messageIdFormat: 'Message-ID format',
  boundaryFormat: 'MIME boundary format',
  headerOrder: 'header order',
  timezone: 'time-zone offset',
  hour: 'sending hour (local)',
  dkim: 'DKIM signing',
  route: 'first server on the route',
};

/** How much one deviation weighs: a missing DKIM signature or another client says more than an unusual hour. */
const FEATURE_WEIGHT: Record<Feature, number> = {
  client: 2,
  messageIdFormat: 2,
  boundaryFormat: 1,
  headerOrder: 1,
  timezone: 1,
  hour: 0.5,
  dkim: 2,
  route: 1,
};

export function featuresOf(email: EmailFacts): Partial<Record<Feature, string>> {
  const f: Partial<Record<Feature, string>> = {};
  f.client = clientFamily(email);
  if (email.messageId) f.messageIdFormat = shapeOf(email.messageId);
  if (email.boundaries.length) f.boundaryFormat = shapeOf(email.boundaries[0]);
  const order = headerOrder(email);
  if (order) f.headerOrder = order;
  if (email.dateOffsetMinutes != null) f.timezone = formatOffset(email.dateOffsetMinutes);
  const t = ms(email.dateUtc);
  if (t !== null && email.dateOffsetMinutes != null)
    f.hour = String(new Date(t + email.dateOffsetMinutes * 60_000).getUTCHours()).padStart(2, '0');
  f.dkim = email.dkim.some((d) => d.header === 'DKIM-Signature') ? 'signed' : 'unsigned';
  const firstHop = [...email.received].sort((a, b) => b.index - a.index)[0];
  const by = firstHop?.by ? baseDomain(firstHop.by.split(/\s/)[0]) : undefined;
  if (by) f.route = by;
  return f;
}

interface Profile {
  n: number;
  counts: Map<Feature, Map<string, number>>;
  /** Date instants with their written offsets, for the DST fit (kept small: offset, month and count). */
  offsets: Map<string, number>;
}

function senderOf(email: EmailFacts): string | undefined {
  return email.from?.address?.toLowerCase().trim() || undefined;
}

function eligible(d: CorpusDocument): EmailFacts | undefined {
  const e = d.facts.email;
  // Lists re-write headers and route: their copies say nothing about the sender's own habits.
  if (!e || mailingListHeader(e)) return undefined;
  return e;
}

/** The IANA zone that explains most of a sender's Date offsets, with the share explained. */
export function fitZone(samples: { t: number; offset: number }[]): { zone: string; share: number } | null {
  if (!samples.length) return null;
  let best: { zone: string; share: number } | null = null;
  for (const zone of CANDIDATE_ZONES) {
    let hit = 0;
    for (const s of samples) if (zoneOffsetAt(zone, s.t) === s.offset) hit++;
    const share = hit / samples.length;
    if (!best || share > best.share) best = { zone, share };
  }
  return best;
}

export const senderHabitsCheck: CorpusCheck = {
  scope: 'corpus',
  id: 'email.sender-habits',
  version: 1,
  title: "Out of the sender's habits",
  detects:
    'A message whose client, Message-ID or boundary format, header order, time-zone offset (or daylight-saving regime), sending hour, DKIM coverage or first server differs from what the same sender does in almost all of their messages in the dump.',
  whyForgersLeaveIt:
    "A forged message is written with the forger's own program on the forger's own machine and sent (or assembled) through another route; copying every habit of the real sender takes knowledge of them that a forger rarely has.",
  innocentCauses: [
    'A new phone or a new mail client; a client update that changes Message-ID or boundary formats.',
    "Travel (another time zone), a laptop whose clock is on the wrong zone, webmail writing the server's zone.",
    'Mail sent through another account or server (a personal address, a hotel network).',
    'Mailing-list copies (excluded from the profile and never judged).',
  ],
  kinds: ['email'],
  reads: ['email-headers'],
  *run(docs) {
    // Pass 1: learn the profiles.
    const profiles = new Map<string, Profile>();
    const zoneSamples = new Map<string, { t: number; offset: number }[]>();
    for (const d of docs()) {
      const e = eligible(d);
      const sender = e && senderOf(e);
      if (!e || !sender) continue;
      let p = profiles.get(sender);
      if (!p) profiles.set(sender, (p = { n: 0, counts: new Map(), offsets: new Map() }));
      p.n++;
      for (const [k, v] of Object.entries(featuresOf(e)) as [Feature, string][]) {
        let m = p.counts.get(k);
        if (!m) p.counts.set(k, (m = new Map()));
        m.set(v, (m.get(v) ?? 0) + 1);
      }
      const t = ms(e.dateUtc);
      if (t !== null && e.dateOffsetMinutes != null) {
        let s = zoneSamples.get(sender);
        if (!s) zoneSamples.set(sender, (s = []));
        if (s.length < 300) s.push({ t, offset: e.dateOffsetMinutes }); // bounded: the zone fit needs a sample, not all (34 zones x samples Intl calls)
      }
    }
    const zones = new Map<string, { zone: string; share: number }>();
    for (const [sender, samples] of zoneSamples) {
      if ((profiles.get(sender)?.n ?? 0) < MIN_MESSAGES) continue;
      const fit = fitZone(samples);
      // Only a zone that explains nearly everything (and is not just "always UTC") is the sender's home.
      if (fit && fit.share >= 0.9 && fit.zone !== 'UTC') zones.set(sender, fit);
    }

    // Pass 2: judge each message against its sender's profile (leave-one-out shares).
    for (const d of docs()) {
      const e = eligible(d);
      const sender = e && senderOf(e);
      if (!e || !sender) continue;
      const p = profiles.get(sender);
      if (!p || p.n < MIN_MESSAGES) continue;
      const deviations: {
        feature: Feature;
        value: string;
        share: number;
        others: number;
        usual: string;
        usualCount: number;
        total: number;
      }[] = [];
      for (const [k, v] of Object.entries(featuresOf(e)) as [Feature, string][]) {
        const m = p.counts.get(k);
        if (!m) continue;
        let total = 0;
        for (const c of m.values()) total += c;
        const others = total - 1;
        // Hours spread naturally over a working day: judge them only on a large profile.
        if (others < (k === 'hour' ? MIN_MESSAGES_FOR_HOURS : MIN_MESSAGES) - 1) continue;
        const same = (m.get(v) ?? 1) - 1;
        const [usual, usualCount] = [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];
        if (usual === v) continue;
        const share = same / others;
        const habit = usualCount / others;
        if (share < RARE_SHARE && habit >= HABIT_SHARE)
          deviations.push({ feature: k, value: v, share, others: same, usual, usualCount, total });
      }
      // DST: the offset is one the sender's home zone uses, but not on this date.
      const home = zones.get(sender);
      const t = ms(e.dateUtc);
      let dst: Record<string, unknown> | undefined;
      if (home && t !== null && e.dateOffsetMinutes != null) {
        const expected = zoneOffsetAt(home.zone, t);
        if (expected !== e.dateOffsetMinutes) {
          const usesIt = p.counts.get('timezone')?.has(formatOffset(e.dateOffsetMinutes));
          dst = {
            zone: home.zone,
            zoneFitShare: Math.round(home.share * 1000) / 1000,
            expectedOffset: formatOffset(expected),
            writtenOffset: formatOffset(e.dateOffsetMinutes),
            date: e.dateRaw,
            wrongDst: Boolean(usesIt && (p.counts.get('timezone')?.get(formatOffset(e.dateOffsetMinutes)) ?? 0) > 1),
          };
        }
      }
      // An offset the home zone never has and the sender never used elsewhere (travel, or another machine).
      const foreignZone = Boolean(
        dst &&
        !dst.wrongDst &&
        (p.counts.get('timezone')?.get(String(dst.writtenOffset)) ?? 0) <= 1 &&
        !deviations.some((x) => x.feature === 'timezone'),
      );
      if (!deviations.length && !(dst && dst.wrongDst) && !foreignZone) continue;
      const weight = deviations.reduce((s, x) => s + FEATURE_WEIGHT[x.feature], 0) + (dst?.wrongDst ? 1.5 : 0) + (foreignZone ? 1 : 0);
      const severity: Severity = weight >= 4 ? 'high' : weight >= 2 ? 'medium' : 'low';
      const parts = deviations.map((x) =>
        x.feature === 'dkim'
          ? `${x.usualCount} of ${x.total} messages from this sender are ${x.usual === 'signed' ? 'DKIM-signed; this one is not' : 'not DKIM-signed; this one is'}`
          : `${x.usualCount} of ${x.total} messages from this sender have ${FEATURE_LABEL[x.feature]} ${quote(x.usual)}; this one has ${quote(x.value)}`,
      );
      if (foreignZone && dst)
        parts.push(
          `the sender's messages fit the ${dst.zone} time zone (${dst.expectedOffset} on this date), but this one says ${dst.writtenOffset}, an offset this sender never used otherwise`,
        );
      if (dst?.wrongDst)
        parts.push(
          `the sender's messages fit the ${dst.zone} time zone, which used ${dst.expectedOffset} on this date, but this one says ${dst.writtenOffset} (the offset of the other half of the year)`,
        );
      const finding: FindingDraft = {
        severity,
        message: `Out of habit for ${sender}: ${parts.join('; ')}.`,
        evidence: {
          sender,
          messages: p.n,
          deviations: deviations.map((x) => ({
            feature: x.feature,
            value: x.value,
            usual: x.usual,
            usualCount: x.usualCount,
            sameValueElsewhere: x.others,
            total: x.total,
            profile: topValues(p.counts.get(x.feature)!),
          })),
          ...(dst ? { timezone: dst } : {}),
        },
      };
      yield { documentId: d.id, finding };
    }
  },
};

function quote(v: string): string {
  return v === 'signed' || v === 'unsigned' ? v : `"${v}"`;
}

function topValues(m: Map<string, number>): { value: string; count: number }[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, 5)
    .map(([value, count]) => ({ value, count }));
}
