// What the sender model reads from one message: the sender, the Date instant and offset, the
// client (X-Mailer/User-Agent family), the Message-ID syntax class, the MIME boundary style, the
// order of the headers the client writes, and what the route added (first hop, DKIM signature).

import type { EmailFacts } from '../../../model/facts-email.js';
import { clientFamilyOf } from '../../../knowledge/mail-clients.js';
import { classifyMessageId, type MessageIdClass } from '../../../knowledge/message-id-syntax.js';
import { baseDomain, mailingListHeader, ms } from '../common.js';

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
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'x-mailer',
  'user-agent',
  'thread-index',
  'thread-topic',
  'content-language',
  'x-priority',
  'importance',
]);

/** The order of the client-written headers (reply-only and recipient-optional headers left out). */
function headerOrder(email: EmailFacts): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const h of email.headers) {
    const n = h.name.toLowerCase();
    if (!CLIENT_HEADERS.has(n) || seen.has(n)) continue;
    seen.add(n);
    out.push(n);
  }
  return out.join(',');
}

/** The client family named by X-Mailer/User-Agent, a version-free product name for unknown ones, '(none)' without either. */
export function clientKey(email: EmailFacts): string {
  const v = email.mailer ?? email.userAgent;
  if (!v) return '(none)';
  const family = clientFamilyOf(v);
  if (family) return family.family;
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

/** The Message-ID class as a habit value: the most specific known form, else the shape. */
function messageIdKey(cls: MessageIdClass, id: string | undefined): string {
  if (!id) return '(none)';
  return cls.forms.length ? cls.key : `shape:${shapeOf(id)}`;
}

/** Was the Message-ID header added on the way (it sits above a Received header the route added)? */
export function messageIdAddedInTransit(email: EmailFacts): boolean {
  let lastReceived = -1;
  let messageId = -1;
  email.headers.forEach((h, i) => {
    const n = h.name.toLowerCase();
    if (n === 'received') lastReceived = i;
    else if (n === 'message-id' && messageId < 0) messageId = i;
  });
  return messageId >= 0 && lastReceived > messageId;
}

/** The first hop the organisation's servers added (the bottom Received header): host with digits folded, and protocol. */
export function firstHopKey(email: EmailFacts): string | null {
  let hop = email.received[0];
  for (const r of email.received) if (r.index > hop.index) hop = r;
  if (!hop) return null;
  const host = (hop.by ?? '')
    .split(/[\s(;]/)[0]
    .toLowerCase()
    .replace(/\d+/g, '0');
  const proto = (hop.with ?? '').split(/\s/)[0].toLowerCase();
  return host ? `${host}${proto ? ` with ${proto}` : ''}` : null;
}

/** A DKIM-Signature whose d= is the sender's domain or a parent of it. */
function dkimAligned(email: EmailFacts, senderDomain: string | undefined): boolean {
  if (!senderDomain) return false;
  return email.dkim.some((d) => d.header === 'DKIM-Signature' && !!d.domain && baseDomain(d.domain) === senderDomain);
}

export interface MessageFeatures {
  sender: string;
  senderDomain: string | undefined;
  t: number | null;
  offset: number | null;
  client: string;
  clientRaw: string | undefined;
  messageId: string | undefined;
  messageIdClass: MessageIdClass;
  messageIdKey: string;
  messageIdInTransit: boolean;
  boundary: string | null;
  headerOrder: string;
  hops: number;
  firstHop: string | null;
  dkim: boolean;
  dkimAligned: boolean;
}

/** Mail the sender model learns from and judges: a From address, and no mailing-list rewrite. */
export function senderOf(email: EmailFacts | undefined): string | undefined {
  if (!email || mailingListHeader(email)) return undefined;
  return email.from?.address?.toLowerCase().trim() || undefined;
}

export function featuresOf(email: EmailFacts, sender: string): MessageFeatures {
  const senderDomain = baseDomain(sender);
  const cls = classifyMessageId(email.messageId);
  return {
    sender,
    senderDomain,
    t: ms(email.dateUtc),
    offset: email.dateOffsetMinutes ?? null,
    client: clientKey(email),
    clientRaw: email.mailer ?? email.userAgent,
    messageId: email.messageId,
    messageIdClass: cls,
    messageIdKey: messageIdKey(cls, email.messageId),
    messageIdInTransit: messageIdAddedInTransit(email),
    boundary: email.boundaries.length ? shapeOf(email.boundaries[0]) : null,
    headerOrder: headerOrder(email),
    hops: email.received.length,
    firstHop: email.received.length ? firstHopKey(email) : null,
    dkim: email.dkim.some((d) => d.header === 'DKIM-Signature'),
    dkimAligned: dkimAligned(email, senderDomain),
  };
}
