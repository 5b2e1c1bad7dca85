// Composes RFC 5322 messages the way each staff member's client writes them, then moves them through
// the organisation's servers: Received hops and a real DKIM signature (mailauth's signer, the same
// library Verity verifies with, and an implementation independent of the checks' own code).

import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import type { Prng } from './prng.js';
import type { MailClientId } from './org.js';
import { CLIENTS } from './mail-clients.js';
import { type Address, base64Lines, encodeWord, formatAddressList, htmlEscape, quotedPrintable } from './mime.js';
import { receivedDate, rfc2822 } from './time.js';

export interface MailAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MessageSpec {
  client: MailClientId;
  from: Address;
  to: Address[];
  cc?: Address[];
  subject: string;
  epochMs: number;
  /** Offset the client writes in Date (the sender's zone at that instant). */
  offsetMin: number;
  /** Without angle brackets. */
  messageId: string;
  /** Plain text, lines separated by '\n'. */
  text: string;
  inReplyTo?: string;
  references?: string[];
  threadIndex?: string;
  attachments?: MailAttachment[];
}

const ORDER: Record<MailClientId, string[]> = {
  outlook2016: [
    'From',
    'To',
    'Cc',
    'References',
    'In-Reply-To',
    'Subject',
    'Date',
    'Message-ID',
    'MIME-Version',
    'Content-Type',
    'X-Mailer',
    'Thread-Index',
    'Content-Language',
  ],
  thunderbird: [
    'Subject',
    'To',
    'Cc',
    'References',
    'From',
    'Message-ID',
    'Date',
    'User-Agent',
    'MIME-Version',
    'In-Reply-To',
    'Content-Type',
    'Content-Language',
    'Content-Transfer-Encoding',
  ],
  applemail: [
    'From',
    'Content-Type',
    'Mime-Version',
    'Subject',
    'Date',
    'In-Reply-To',
    'Cc',
    'To',
    'References',
    'Content-Transfer-Encoding',
    'Message-Id',
    'X-Mailer',
  ],
  iphone: [
    'Content-Type',
    'Content-Transfer-Encoding',
    'Mime-Version',
    'Subject',
    'From',
    'In-Reply-To',
    'Message-Id',
    'Date',
    'Cc',
    'To',
    'References',
    'X-Mailer',
  ],
  roundcube: [
    'MIME-Version',
    'Content-Type',
    'Content-Transfer-Encoding',
    'Date',
    'From',
    'To',
    'Cc',
    'Subject',
    'In-Reply-To',
    'References',
    'Message-ID',
    'X-Sender',
    'User-Agent',
  ],
};

function textPart(text: string, flowed: boolean): { headers: [string, string][]; body: string } {
  return {
    headers: [
      ['Content-Type', `text/plain; charset=utf-8${flowed ? '; format=flowed' : ''}`],
      ['Content-Transfer-Encoding', 'quoted-printable'],
    ],
    body: quotedPrintable(text),
  };
}

function htmlOf(text: string): string {
  const paras = text.split('\n\n').map((p) => `<p class="MsoNormal">${htmlEscape(p).replace(/\n/g, '<br>\n')}</p>`);
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\n<body lang="FR">\n${paras.join('\n')}\n</body></html>`;
}

function part(headers: [string, string][], body: string): string {
  return `${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
}

function multipart(boundary: string, parts: string[]): string {
  return `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;
}

/** Builds the message as the sender's client writes it (before any server touches it). CRLF line ends. */
export function composeMessage(spec: MessageSpec, prng: Prng): Buffer {
  const client = CLIENTS[spec.client];
  const h = new Map<string, string>();
  h.set('From', formatAddressList([spec.from]));
  h.set('To', formatAddressList(spec.to));
  if (spec.cc?.length) h.set('Cc', formatAddressList(spec.cc));
  h.set('Subject', encodeWord(spec.subject));
  h.set('Date', rfc2822(spec.epochMs, spec.offsetMin));
  h.set(client.messageIdHeader, `<${spec.messageId}>`);
  if (spec.inReplyTo) h.set('In-Reply-To', `<${spec.inReplyTo}>`);
  if (spec.references?.length) h.set('References', spec.references.map((r) => `<${r}>`).join('\r\n '));
  h.set(client.messageIdHeader === 'Message-Id' ? 'Mime-Version' : 'MIME-Version', client.mimeVersion);
  if (client.agentHeader) h.set(client.agentHeader[0], client.agentHeader[1]);
  if (spec.client === 'outlook2016') {
    if (spec.threadIndex) h.set('Thread-Index', spec.threadIndex);
    h.set('Content-Language', 'fr');
  }
  if (spec.client === 'thunderbird') h.set('Content-Language', 'fr');
  if (spec.client === 'roundcube') h.set('X-Sender', spec.from.email);

  const flowed = spec.client === 'thunderbird' || spec.client === 'roundcube';
  let content: { headers: [string, string][]; body: string };
  const plain = textPart(spec.text, flowed);
  if (client.htmlAlternative) {
    const alt = client.newBoundary(prng, spec.epochMs);
    content = {
      headers: [['Content-Type', `multipart/alternative;\r\n\tboundary="${alt}"`]],
      body: multipart(alt, [
        part(plain.headers, plain.body),
        part(
          [
            ['Content-Type', 'text/html; charset="utf-8"'],
            ['Content-Transfer-Encoding', 'quoted-printable'],
          ],
          quotedPrintable(htmlOf(spec.text)),
        ),
      ]),
    };
  } else content = plain;

  if (spec.attachments?.length) {
    const mixed = client.newBoundary(prng, spec.epochMs + 1);
    const parts = [part(content.headers, content.body)];
    for (const a of spec.attachments) {
      parts.push(
        part(
          [
            ['Content-Type', `${a.contentType};\r\n name="${a.filename}"`],
            ['Content-Disposition', `attachment;\r\n filename="${a.filename}"`],
            ['Content-Transfer-Encoding', 'base64'],
          ],
          base64Lines(a.data),
        ),
      );
    }
    content = { headers: [['Content-Type', `multipart/mixed;\r\n\tboundary="${mixed}"`]], body: multipart(mixed, parts) };
  }
  for (const [k, v] of content.headers) h.set(k, v);

  const lines: string[] = [];
  const order = ORDER[spec.client];
  const lower = new Map([...h.keys()].map((k) => [k.toLowerCase(), k]));
  for (const name of order) {
    const key = lower.get(name.toLowerCase());
    if (key !== undefined) {
      lines.push(`${key}: ${h.get(key)}`);
      lower.delete(name.toLowerCase());
    }
  }
  for (const key of lower.values()) lines.push(`${key}: ${h.get(key)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${content.body}`, 'utf8');
}

export interface Hop {
  /** The 'from' clause: 'smtp.campagne-exemple.fr (smtp.campagne-exemple.fr [203.0.113.25])'. */
  from: string;
  by: string;
  protocol: 'ESMTPSA' | 'ESMTPS' | 'ESMTP';
  recipient: string;
  epochMs: number;
  /** The server's own zone offset, as it writes its Received date. */
  serverOffsetMin: number;
}

function queueId(prng: Prng): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789';
  let s = '3v';
  for (let i = 0; i < 10; i++) s += alphabet[prng.int(0, alphabet.length - 1)];
  return s;
}

/** Prepends a Postfix-style Received header. */
export function addReceived(raw: Buffer, hop: Hop, prng: Prng): Buffer {
  const header = `Received: from ${hop.from}\r\n\tby ${hop.by} (Postfix) with ${hop.protocol} id ${queueId(prng)}\r\n\tfor <${hop.recipient}>; ${receivedDate(hop.epochMs, hop.serverOffsetMin)}\r\n`;
  return Buffer.concat([Buffer.from(header, 'latin1'), raw]);
}

export function prependHeaders(raw: Buffer, headers: [string, string][]): Buffer {
  return Buffer.concat([Buffer.from(headers.map(([k, v]) => `${k}: ${v}\r\n`).join(''), 'utf8'), raw]);
}

export interface DkimKey {
  domain: string;
  selector: string;
  privateKeyPem: string;
}

const SIGNED_HEADERS = [
  'From',
  'To',
  'Cc',
  'Subject',
  'Date',
  'Message-ID',
  'In-Reply-To',
  'References',
  'MIME-Version',
  'Content-Type',
  'List-Id',
];

/** Signs with a real DKIM implementation (rsa-sha256, relaxed/relaxed) at the given instant (t=). */
export async function signDkim(raw: Buffer, key: DkimKey, epochMs: number): Promise<Buffer> {
  // mailauth's signer reads keys from signatureData[] (its index.d.ts declares top-level
  // signingDomain/selector/privateKey, which the signer ignores), hence the cast.
  const options = {
    canonicalization: 'relaxed/relaxed',
    algorithm: 'rsa-sha256',
    signTime: new Date(epochMs),
    headerList: SIGNED_HEADERS,
    signatureData: [{ signingDomain: key.domain, selector: key.selector, privateKey: key.privateKeyPem }],
  };
  const result = await dkimSign(raw, options as unknown as Parameters<typeof dkimSign>[1]);
  if (!result.signatures.trim()) throw new Error(`DKIM signing produced no signature for d=${key.domain}`);
  if (result.errors?.length) throw new Error(`DKIM signing failed for d=${key.domain}: ${String(result.errors[0])}`);
  return Buffer.concat([Buffer.from(result.signatures, 'latin1'), raw]);
}

/** Splits a raw message at the blank line. */
export function splitMessage(raw: Buffer): { head: string; body: Buffer } {
  const i = raw.indexOf('\r\n\r\n');
  if (i < 0) return { head: raw.toString('latin1'), body: Buffer.alloc(0) };
  return { head: raw.subarray(0, i + 2).toString('latin1'), body: raw.subarray(i + 4) };
}

/** Replaces the value of the first header with this name (unfolded value given). */
export function replaceHeader(raw: Buffer, name: string, value: string): Buffer {
  const { head, body } = splitMessage(raw);
  const re = new RegExp(`^${name}:[^\\r]*(\\r\\n[ \\t][^\\r]*)*\\r\\n`, 'im');
  if (!re.test(head)) throw new Error(`replaceHeader: no ${name} header`);
  const newHead = head.replace(re, `${name}: ${value}\r\n`);
  return Buffer.concat([Buffer.from(newHead, 'latin1'), Buffer.from('\r\n'), body]);
}

export function crlfToLf(raw: Buffer): Buffer {
  return Buffer.from(raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
}
