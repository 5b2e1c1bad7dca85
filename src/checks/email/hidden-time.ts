// Hidden timestamps reconciled with the Date header (field survey S30, S34-S36, S39). Mail clients
// and servers write the time into places a forger does not think of: the DKIM signing time t=,
// Message-IDs built from the clock, Gmail's MIME boundaries, Outlook's Thread-Index, and the
// client version itself (a version released after the Date cannot have written the message).
// Which clock disagrees, and in which direction, sets the severity: docs/checks-documents.md.

import type { EmailFacts } from '../../model/facts-email.js';
import { identifyClient, releaseOf, RELEASE_MARGIN_DAYS } from '../../knowledge/mail-clients.js';
import type { DocumentCheck, FindingDraft } from '../types.js';
import { DAY, HOUR, emailOf, formatDuration, ms } from './common.js';
import { filetimeToMs } from '../../shared/filetime.js';

/** A time a header or identifier reveals, and how precisely it is anchored to UTC. */
export interface HiddenTime {
  source: 'dkim-t' | 'message-id' | 'gmail-boundary' | 'thread-index';
  /** Which format was recognised (e.g. 'Mozilla hex seconds'). */
  format: string;
  /** The value it was read from. */
  value: string;
  utc: string;
  /** Differences smaller than this are normal for the source (zone unknown, client vs server clock). */
  toleranceMs: number;
  /** Where the format is documented. */
  reference: string;
  /**
   * Which clock wrote it. 'composition': the program that wrote the Date, when the message was
   * written (a client's Message-ID, Gmail's boundary, Outlook's Thread-Index); 'transit': a server
   * that handled the message on its way (the DKIM signer, a Message-ID an MTA added); 'unattributed':
   * a server-style identifier no hop of this message accounts for (copied or invented).
   */
  clock: 'composition' | 'transit' | 'unattributed';
  /** Written by whatever program built the MIME message, which may be a conversion or archiving tool
   * rather than the sender's client (the Enron corpus's JavaMail IDs date from its 2004 conversion):
   * a disagreement is then at most a weak signal. */
  weak?: boolean;
}

const PLAUSIBLE_FROM = Date.UTC(1990, 0, 1);
const PLAUSIBLE_TO = Date.UTC(2100, 0, 1);

function plausible(t: number): boolean {
  return Number.isFinite(t) && t >= PLAUSIBLE_FROM && t < PLAUSIBLE_TO;
}

/** Message-ID formats that embed the clock. Returns null when the ID carries no time we can read. */
export function messageIdTime(messageId: string): HiddenTime | null {
  const id = messageId.replace(/^<|>$/g, '');
  const ref = 'https://forensics.wiki/using_message_id_headers_to_determine_if_an_email_has_been_forged/';
  // Outlook Express / Outlook 97-2003 (MIME OLE): <CCCCHHHHHHHH$LLLLLLLL$XXXXXXXX@host>, HHHHHHHH:LLLLLLLL = FILETIME.
  let m = id.match(/^[0-9a-f]{4}(01[0-9a-f]{6})\$([0-9a-f]{8})\$[0-9a-f]{8}@/i);
  if (m) {
    const t = filetimeToMs(BigInt(`0x${m[1]}${m[2]}`));
    if (plausible(t))
      return {
        source: 'message-id',
        format: 'Outlook Express / MIME OLE FILETIME',
        value: messageId,
        utc: new Date(t).toISOString(),
        toleranceMs: HOUR,
        reference: ref,
        clock: 'composition',
      };
  }
  // JavaMail: <hash.counter.currentTimeMillis.JavaMail.user@host>.
  m = id.match(/^-?\d+\.\d+\.(\d{12,13})\.JavaMail\./);
  if (m) {
    const t = Number(m[1]);
    if (plausible(t))
      return {
        source: 'message-id',
        format: 'JavaMail milliseconds',
        value: messageId,
        utc: new Date(t).toISOString(),
        toleranceMs: HOUR,
        weak: true,
        reference: 'https://github.com/javaee/javamail (MimeMessage.updateMessageID / UniqueValue.getUniqueMessageIDValue)',
        clock: 'composition',
      };
  }
  // Mozilla (Netscape, Thunderbird before UUID Message-IDs): <XXXXXXXX.NNNNNNN@host>, XXXXXXXX = seconds since 1970 in hex.
  m = id.match(/^([0-9A-F]{8})\.\d{1,10}@/);
  if (m) {
    const t = parseInt(m[1], 16) * 1000;
    if (plausible(t))
      return {
        source: 'message-id',
        format: 'Mozilla hex seconds',
        value: messageId,
        utc: new Date(t).toISOString(),
        toleranceMs: HOUR,
        reference: ref,
        clock: 'composition',
      };
  }
  // Mutt <YYYYMMDDhhmmss.GA1234@host> (the client, UTC); servers that add a missing Message-ID
  // (sendmail <YYYYMMDDhhmm.queueid@host>, Postfix <YYYYMMDDhhmmss.queueid@host>, mail APIs) use
  // the same date-time prefix: those are transit clocks (see attributeServerId).
  m = id.match(/^((?:19|20)\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?\.([A-Za-z0-9]+)@/);
  if (m) {
    const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
    // The zone is not written: allow the widest offset plus an hour.
    if (plausible(t) && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= 31 && +m[4] < 24 && +m[5] < 60) {
      const mutt = m[6] !== undefined && /^G[A-Z]\d+$/.test(m[7]);
      return {
        source: 'message-id',
        format: mutt ? 'Mutt date-time (UTC)' : m[6] ? 'server date-time (Postfix, mail API)' : 'sendmail date-time (server local time)',
        value: messageId,
        utc: new Date(t).toISOString(),
        toleranceMs: 15 * HOUR,
        reference: ref,
        clock: mutt ? 'composition' : 'unattributed',
      };
    }
  }
  return null;
}

/** Gmail MIME boundaries: '000000000000' + 16 hex digits; hex[6..14] + hex[0..6] is the time in microseconds. */
export function gmailBoundaryTime(boundary: string): HiddenTime | null {
  const m = boundary.match(/^0{12}([0-9a-f]{16})$/);
  if (!m) return null;
  const h = m[1];
  const micro = BigInt(`0x${h.slice(6, 14)}${h.slice(0, 6)}`);
  const t = Number(micro / 1000n);
  if (!plausible(t)) return null;
  return {
    source: 'gmail-boundary',
    format: 'Gmail boundary (microseconds)',
    value: boundary,
    utc: new Date(t).toISOString(),
    toleranceMs: HOUR,
    reference: 'https://www.metaspike.com/gmail-mime-boundary-delimiter-timestamps/',
    clock: 'composition',
  };
}

export interface ThreadIndexTimes {
  start: string;
  latest: string;
  replies: number;
}

/** Outlook Thread-Index (MS-OXOMSG 2.2.1.3 PidTagConversationIndex): 22-byte header whose first 6 bytes are
 * the FILETIME of the thread start (low 16 bits dropped), then one 5-byte block per reply holding a time delta.
 * Each delta is measured from the time of the parent's LAST block, not from the header: Microsoft's own
 * ScAddConversationIndex calls ExtractLastFileTime on the parent index, which sums every child delta
 * (MSGCIDX.CXX, public in the ReactOS tree: private/inet/mshtml/src/f3/htmlpad/msgcidx.cxx). The deltas
 * are therefore cumulative, and the sum of all of them is the time the latest reply was written. */
export function decodeThreadIndex(b64: string): ThreadIndexTimes | null {
  let bytes: Buffer;
  try {
    bytes = Buffer.from(b64.replace(/\s+/g, ''), 'base64');
  } catch {
    return null;
  }
  if (bytes.length < 22 || (bytes.length - 22) % 5 !== 0) return null;
  let ft = BigInt(bytes.readUIntBE(0, 6)) << 16n;
  const start = filetimeToMs(ft);
  if (!plausible(start)) return null;
  for (let off = 22; off < bytes.length; off += 5) {
    const word = bytes.readUInt32BE(off);
    const code = word >>> 31;
    const delta = BigInt(word & 0x7fffffff) << (code ? 23n : 18n);
    ft += delta;
  }
  const latest = filetimeToMs(ft);
  return { start: new Date(start).toISOString(), latest: new Date(latest).toISOString(), replies: (bytes.length - 22) / 5 };
}

/** Every hidden time in a message (one per source and instant: several signatures by one signer count once). */
function hiddenTimes(email: EmailFacts): HiddenTime[] {
  const found = collectHiddenTimes(email);
  const seen = new Set<string>();
  return found.filter((h) => {
    const k = `${h.source}|${h.utc}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function collectHiddenTimes(email: EmailFacts): HiddenTime[] {
  const out: HiddenTime[] = [];
  for (const sig of email.dkim) {
    if (sig.header !== 'DKIM-Signature' || sig.timestamp === undefined) continue;
    const t = sig.timestamp * 1000;
    if (plausible(t))
      out.push({
        source: 'dkim-t',
        format: `DKIM t= (d=${sig.domain ?? '?'})`,
        value: String(sig.timestamp),
        utc: new Date(t).toISOString(),
        toleranceMs: HOUR,
        reference: 'RFC 6376 §3.5 (t= signature timestamp); https://www.metaspike.com/timestamps-forensic-email-examination/',
        clock: 'transit',
      });
  }
  if (email.messageId) {
    const t = messageIdTime(email.messageId);
    if (t) out.push(t.clock === 'unattributed' ? attributeServerId(t, email) : t);
  }
  for (const b of new Set(email.boundaries)) {
    const t = gmailBoundaryTime(b);
    if (t) out.push(t);
  }
  if (email.threadIndex) {
    const ti = decodeThreadIndex(email.threadIndex);
    if (ti) {
      out.push({
        source: 'thread-index',
        format: ti.replies
          ? `Thread-Index (thread start + ${ti.replies} reply block${ti.replies > 1 ? 's' : ''})`
          : 'Thread-Index (new thread)',
        value: email.threadIndex,
        utc: ti.latest,
        toleranceMs: HOUR,
        reference:
          'MS-OXOMSG 2.2.1.3 PidTagConversationIndex; https://www.meridiandiscovery.com/how-to/e-mail-conversation-index-metadata-computer-forensics/',
        clock: 'composition',
      });
    }
  }
  return out;
}

/**
 * A server-style date-time Message-ID is this message's transit clock when a hop of its own Received
 * chain accounts for it: the ID's host stamped a hop, or the ID carries a hop's queue id (Postfix
 * writes <time.queueid@myhostname> and the same queue id in its Received line).
 */
function attributeServerId(h: HiddenTime, email: EmailFacts): HiddenTime {
  const id = h.value.replace(/^<|>$/g, '');
  const at = id.lastIndexOf('@');
  const local = id.slice(0, at);
  const host = id
    .slice(at + 1)
    .toLowerCase()
    .replace(/\.$/, '');
  const queueId = local.slice(local.indexOf('.') + 1);
  for (const hop of email.received) {
    const by = hop.by?.split(/\s/)[0]?.toLowerCase().replace(/\.$/, '');
    const hopId = hop.id?.split(/\s/)[0];
    if ((by && by === host) || (hopId && queueId.length >= 6 && hopId === queueId)) return { ...h, clock: 'transit' };
  }
  return h;
}

function sourceName(h: HiddenTime): string {
  switch (h.source) {
    case 'dkim-t':
      return 'The DKIM signing time (t=)';
    case 'message-id':
      return `The time inside the Message-ID (${h.format})`;
    case 'gmail-boundary':
      return 'The time inside the Gmail MIME boundary';
    case 'thread-index':
      return 'The time in the Outlook Thread-Index';
  }
}

/**
 * How far a disagreement goes, by which clock disagrees and in which direction:
 * - a composition clock later than the Date: the message was written after its Date (a back-dated
 *   Date); the client writes both from one clock at one moment, so only an edit explains days;
 * - a composition clock earlier: drafts and scheduled sending (Outlook's Thread-Index and some
 *   Message-IDs are set when composing starts);
 * - a transit clock earlier than the Date: a server handled the message before it was written (a
 *   post-dated Date, or a client clock days ahead);
 * - a transit clock later: queued, re-sent (test copies re-injected years later), or back-dated by
 *   someone who sent it through the real server: the transit clock alone cannot tell them apart;
 * - an unattributed server-style ID: copied or invented, it dates nothing about this message.
 */
function judge(h: HiddenTime, delta: number, far: boolean): { severity: FindingDraft['severity']; reading: string } {
  if (h.weak) return { severity: 'low', reading: 'this identifier may have been written by a conversion or archiving tool' };
  if (h.clock === 'unattributed')
    return {
      severity: 'low',
      reading: 'no server of its Received chain wrote this identifier, so it may have been copied from another message',
    };
  if (h.clock === 'composition')
    return delta > 0
      ? { severity: far ? 'medium' : 'low', reading: 'the message was written after the time it claims' }
      : { severity: 'low', reading: 'the message was begun before its Date (a draft or scheduled sending, or a post-dated Date)' };
  return delta > 0
    ? { severity: 'low', reading: 'the message was signed or relayed after its Date (queued, re-sent later, or back-dated)' }
    : { severity: far ? 'medium' : 'low', reading: 'a server handled the message before the time it claims to have been written' };
}

export const hiddenTimeCheck: DocumentCheck = {
  scope: 'document',
  id: 'email.hidden-time',
  version: 2,
  title: 'Hidden timestamps vs Date',
  detects:
    'Times hidden in the DKIM t= tag, clock-based Message-IDs (Outlook Express FILETIME, JavaMail, Mozilla, Mutt/sendmail), Gmail MIME boundaries and the Outlook Thread-Index that disagree with the Date header, and a mail client (X-Mailer/User-Agent) released after the Date.',
  whyForgersLeaveIt:
    'Back-dating a message means editing the Date header; the other clocks are opaque identifiers that the forger does not recognise as times, so they keep the real writing time.',
  innocentCauses: [
    'Clock skew between the client and the signing server; messages queued for a long time before sending.',
    "Drafts: Outlook's Thread-Index and some Message-IDs are set when composing starts, not when sending.",
    'Scheduled sending (the Date is the scheduled time).',
    'An old message re-sent or re-injected later (test copies, migrations): the signing server and the MTA that adds a missing Message-ID stamp the re-send time.',
    'Export and migration tools that rewrite X-Mailer or Message-ID.',
  ],
  kinds: ['email'],
  run(doc) {
    const email = emailOf(doc);
    if (!email) return [];
    const out: FindingDraft[] = [];
    const date = ms(email.dateUtc);
    if (date !== null) {
      for (const h of hiddenTimes(email)) {
        const t = Date.parse(h.utc);
        const delta = t - date;
        if (Math.abs(delta) <= h.toleranceMs) continue;
        const far = Math.abs(delta) - h.toleranceMs > DAY;
        // A hidden clock earlier than the Date by days means the message existed before the time it
        // claims (a post-dated Date); later means it was written after (a back-dated Date).
        const direction = delta > 0 ? 'later' : 'earlier';
        const { severity, reading } = judge(h, delta, far);
        out.push({
          severity,
          message: `${sourceName(h)} is ${formatDuration(delta)} ${direction} than the Date header (${email.dateRaw}): ${reading}.`,
          evidence: {
            source: h.source,
            format: h.format,
            clock: h.clock,
            ...(h.weak ? { note: 'this identifier may have been written by a conversion or archiving tool rather than the sender' } : {}),
            value: h.value,
            hiddenUtc: h.utc,
            date: email.dateRaw,
            dateUtc: email.dateUtc,
            deltaMs: delta,
            toleranceMs: h.toleranceMs,
            reference: h.reference,
          },
        });
      }
      // Client versions released after the Date.
      for (const [header, value] of [
        ['X-Mailer', email.mailer],
        ['User-Agent', email.userAgent],
      ] as const) {
        if (!value) continue;
        const client = identifyClient(value);
        if (!client) continue;
        const release = releaseOf(client);
        const releasedMs = client.selfDated ? Date.parse(client.selfDated) : release ? Date.parse(release.released) : NaN;
        if (!Number.isFinite(releasedMs)) continue;
        const gap = releasedMs - date;
        if (gap <= RELEASE_MARGIN_DAYS * DAY) continue;
        out.push({
          severity: gap > 365 * DAY ? 'high' : 'medium',
          message: `${header} names ${value.trim()}, released ${client.selfDated ?? release!.released}, ${formatDuration(gap)} after the Date header (${email.dateRaw}).`,
          evidence: {
            header,
            value,
            family: client.family,
            version: client.version,
            released: client.selfDated ?? release!.released,
            releasePrecision: client.selfDated ? 'day' : release!.precision,
            source: client.selfDated ? 'the version string itself' : release!.source,
            date: email.dateRaw,
            dateUtc: email.dateUtc,
            marginDays: RELEASE_MARGIN_DAYS,
          },
        });
      }
    }
    // Thread-Index: a thread cannot start after the message that belongs to it was written.
    if (email.threadIndex && date !== null) {
      const ti = decodeThreadIndex(email.threadIndex);
      if (ti && ti.replies > 0 && Date.parse(ti.start) - date > HOUR) {
        out.push({
          severity: 'medium',
          message: `The Outlook Thread-Index says the conversation started ${formatDuration(Date.parse(ti.start) - date)} after this message's Date.`,
          evidence: { threadIndex: email.threadIndex, threadStart: ti.start, date: email.dateRaw, dateUtc: email.dateUtc },
        });
      }
    }
    return out;
  },
};
