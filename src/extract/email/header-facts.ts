// Raw headers (in order, as written) to EmailFacts, metadata and date/people/software claims; shared
// by .eml, .msg and .pst so a header means the same whichever container carried it.

import { parseAddressHeader } from 'mailparser';
import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import type { DkimSignatureFacts, EmailAddress, EmailFacts, RawHeader } from '../../model/facts-email.js';
import { claimDate, parseIsoDate, parseRfc2822Date } from '../../shared/dates.js';
import { dkimSignatureFacts } from './dkim-tags.js';
import { firstHeader, headerValues } from './raw-headers.js';
import { parseReceived } from './received.js';

/**
 * First header of a message Verity rendered itself (a .pst item: the store keeps MAPI properties
 * and transport headers, not the original MIME bytes). Its value starts with the origin ('pst').
 * Only honoured as the very first header; a file outside a .pst that carries it is itself odd,
 * and the locator chain tells the truth either way.
 */
export const RECONSTRUCTED_HEADER = 'X-Verity-Reconstructed';

/** MAPI times carried into a reconstructed message as ISO-8601 UTC headers, with their date role. */
export const MAPI_DATE_HEADERS: readonly { header: string; property: string; role: string }[] = [
  { header: 'X-Verity-MAPI-Client-Submit-Time', property: 'PidTagClientSubmitTime', role: 'sent' },
  { header: 'X-Verity-MAPI-Delivery-Time', property: 'PidTagMessageDeliveryTime', role: 'received' },
  { header: 'X-Verity-MAPI-Creation-Time', property: 'PidTagCreationTime', role: 'created' },
  { header: 'X-Verity-MAPI-Last-Modification-Time', property: 'PidTagLastModificationTime', role: 'modified' },
];
export const MAPI_CLASS_HEADER = 'X-Verity-MAPI-Message-Class';

export interface HeaderFacts {
  email: EmailFacts;
  metadata: MetadataEntry[];
  dates: ClaimedDate[];
  people: PersonClaim[];
  software: SoftwareClaim[];
}

/** Parse address headers (all occurrences) into a flat mailbox list; groups are flattened. */
function parseAddresses(values: readonly RawHeader[]): EmailAddress[] {
  const out: EmailAddress[] = [];
  for (const h of values) {
    try {
      for (const a of parseAddressHeader(h.raw, { flatten: true, decodePunycode: false }).value) {
        out.push({ name: a.name ?? '', address: a.address ?? '' });
      }
    } catch {
      // an unparseable address list stays visible in the raw header
    }
  }
  return out;
}

/** Message-ids of a header (<...> tokens) without brackets; bare tokens when none are bracketed. */
export function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]*)>/g)].map((m) => m[1]).filter((v) => v !== '');
  if (bracketed.length > 0) return bracketed;
  return value.split(/[\s,]+/).filter((v) => v !== '');
}

function person(role: string, source: string, a: EmailAddress): PersonClaim {
  const p: PersonClaim = { role, name: a.name || a.address, source };
  if (a.address) p.email = a.address;
  return p;
}

/**
 * Build the header-derived part of EmailFacts and the generic claims from raw headers.
 * `readReconstructionMarker`: only the RFC 822 extractor reads RECONSTRUCTED_HEADER (the bytes
 * it sees may be a .pst rendering); headers stored inside a .msg are never ours.
 */
export function factsFromHeaders(
  headers: RawHeader[],
  origin: EmailFacts['origin'],
  rawSize: number,
  readReconstructionMarker = false,
): HeaderFacts {
  const reconstructed =
    readReconstructionMarker && headers[0]?.name.toLowerCase() === RECONSTRUCTED_HEADER.toLowerCase() && /^pst\b/i.test(headers[0].raw);
  if (reconstructed) origin = 'pst';

  const one = (n: string) => firstHeader(headers, n);
  const from = parseAddresses(headerValues(headers, 'From'));
  const sender = parseAddresses(headerValues(headers, 'Sender'));
  const replyTo = parseAddresses(headerValues(headers, 'Reply-To'));
  const to = parseAddresses(headerValues(headers, 'To'));
  const cc = parseAddresses(headerValues(headers, 'Cc'));
  const bcc = parseAddresses(headerValues(headers, 'Bcc'));

  const received = headerValues(headers, 'Received').map((h, i) => parseReceived(h.raw, i));
  const dkim = headerValues(headers, 'DKIM-Signature').map((h, i) => dkimSignatureFacts('DKIM-Signature', i, h.raw));
  const arc: DkimSignatureFacts[] = [];
  let arcIndex = 0;
  for (const h of headers) {
    const n = h.name.toLowerCase();
    if (n === 'arc-message-signature') arc.push(dkimSignatureFacts('ARC-Message-Signature', arcIndex++, h.raw));
    else if (n === 'arc-seal') arc.push(dkimSignatureFacts('ARC-Seal', arcIndex++, h.raw));
  }

  const email: EmailFacts = {
    headers,
    to,
    cc,
    bcc,
    references: messageIds(one('References')?.raw),
    received,
    dkim,
    arc,
    authenticationResults: headerValues(headers, 'Authentication-Results').map((h) => h.raw),
    boundaries: [],
    attachments: [],
    rawSize,
    origin,
  };
  const aar = headerValues(headers, 'ARC-Authentication-Results').map((h) => h.raw);
  if (aar.length > 0) email.arcAuthenticationResults = aar;
  if (reconstructed) email.reconstructed = true;
  if (from[0]) email.from = from[0];
  if (sender[0]) email.sender = sender[0];
  if (replyTo.length > 0) email.replyTo = replyTo;
  const subject = one('Subject');
  if (subject) email.subject = subject.decoded;
  const date = one('Date');
  if (date) {
    const p = parseRfc2822Date(date.raw);
    email.dateRaw = date.raw;
    email.dateUtc = p.utc;
    email.dateOffsetMinutes = p.offsetMinutes;
  }
  const mid = messageIds(one('Message-ID')?.raw)[0];
  if (mid !== undefined) email.messageId = mid;
  const irt = messageIds(one('In-Reply-To')?.raw)[0];
  if (irt !== undefined) email.inReplyTo = irt;
  const mailer = one('X-Mailer');
  if (mailer) email.mailer = mailer.decoded;
  const ua = one('User-Agent');
  if (ua) email.userAgent = ua.decoded;
  const ti = one('Thread-Index');
  if (ti) email.threadIndex = ti.raw;
  const ct = one('Content-Type');
  if (ct) email.contentType = ct.raw;
  const cls = reconstructed ? one(MAPI_CLASS_HEADER) : undefined;
  if (cls) email.messageClass = cls.raw;

  const metadata: MetadataEntry[] = headers.map((h) => ({ source: 'email.header', key: h.name, value: h.decoded }));

  const dates: ClaimedDate[] = [];
  for (const h of headerValues(headers, 'Date')) dates.push(claimDate('sent', 'email.header:Date', h.raw, parseRfc2822Date));
  for (const hop of received) {
    if (hop.dateRaw !== undefined) {
      dates.push({
        role: 'received',
        source: 'email.header:Received',
        raw: hop.dateRaw,
        utc: hop.dateUtc ?? null,
        offsetMinutes: hop.offsetMinutes ?? null,
      });
    }
  }
  if (reconstructed) {
    for (const m of MAPI_DATE_HEADERS) {
      const h = one(m.header);
      if (h) dates.push(claimDate(m.role, `${origin}:${m.property}`, h.raw, parseIsoDate));
    }
    // A reconstruction without a Date header (sent items, drafts): the store's submit time stands
    // in for the list date; dateRaw stays empty because no Date header was written.
    const submit = one(MAPI_DATE_HEADERS[0].header);
    if (!date && submit) {
      email.dateUtc = parseIsoDate(submit.raw).utc;
      email.dateOffsetMinutes = null;
    }
  }

  const people: PersonClaim[] = [
    ...from.map((a) => person('sender', 'email.header:From', a)),
    ...sender.map((a) => person('sender', 'email.header:Sender', a)),
    ...replyTo.map((a) => person('reply-to', 'email.header:Reply-To', a)),
    ...to.map((a) => person('recipient', 'email.header:To', a)),
    ...cc.map((a) => person('recipient', 'email.header:Cc', a)),
    ...bcc.map((a) => person('recipient', 'email.header:Bcc', a)),
  ];

  const software: SoftwareClaim[] = [];
  for (const h of headerValues(headers, 'X-Mailer')) software.push({ role: 'mailer', value: h.decoded, source: 'email.header:X-Mailer' });
  for (const h of headerValues(headers, 'User-Agent'))
    software.push({ role: 'mailer', value: h.decoded, source: 'email.header:User-Agent' });

  return { email, metadata, dates, people, software };
}

/** Cut text to a character budget (never inside a surrogate pair). */
export function capText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}
