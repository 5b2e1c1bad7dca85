// Mail clients, byte for byte: each one's header order and capitalisation, Date syntax, Message-ID
// generator, MIME boundary style, part headers and body encodings, as their real output shows them.
// Sources (looked up, not guessed):
// - Outlook 2003-2016 over SMTP: forensicswiki "Outlook Header Format" (boundary "----=_NextPart_000_…",
//   Thread-Index, X-Mailer "Microsoft Outlook …"); Message-ID "<000001d4…$…$…$@domain>" (FILETIME parts).
// - Exchange / Outlook via MAPI: Exchange-generated headers (Thread-Topic, Thread-Index, X-MS-Has-Attach,
//   X-MS-TNEF-Correlator, Content-Language, boundary "_000_<msgid local part><host>_", Date in +0000),
//   as in mail archived from Exchange servers (e.g. intel.com and outlook.com messages on public lists).
// - Apple Mail: forensicswiki "Apple Mail Header Format" (Message-Id = uppercase UUID @ sender domain,
//   "Mime-Version: 1.0 (Mac OS X Mail …)", X-Mailer "Apple Mail (2.…)"), boundary "Apple-Mail=_<UUID>".
// - iPhone Mail: forensicswiki "iPhone Mail Header Format" (X-Mailer "iPhone Mail (<build>)"),
//   "Mime-Version: 1.0 (1.0)", unquoted boundary "Apple-Mail-<UUID>".
// - Thunderbird: "This is a multi-part message in MIME format.", boundary "------------" + 24 chars,
//   Message-ID <uuid@domain>, User-Agent "Mozilla/5.0 (…) Gecko/20100101 Thunderbird/x.y".
// - Roundcube: program/include/rcmail_sendmail gen_message_id(): md5(uniqid('rcmail'.mt_rand(),true))
//   @ the user's mail domain; PEAR Mail_mime boundary "=_" + md5; PHP date('r') (day padded to 2).
// - Gmail: Message-ID "<CA…@mail.gmail.com>", boundary "000000000000" + 16 hex (public list archives).
// - Python: cpython Lib/email/_msgid.py make_msgid(): '<%d.%d.%d%s@%s>' % (int(time*100), pid,
//   getrandbits(64), idstring, getfqdn()).
// - PHPMailer 6: createHeader(): Date, To, From, Subject, Message-ID "<uniqueid@serverHostname>" where
//   uniqueid = base64(sha256(random)) without '=+/', X-Mailer "PHPMailer 6.x (https://github.com/PHPMailer/PHPMailer)".
// - JavaMail: MimeMessage.updateMessageID(): "<hash.id.millis.JavaMail.user@host>".
// - K-9 Mail: MessageIdGenerator: "<UUID (upper case, 'to match Apple Mail') @ sender host>".

import { createHash } from 'node:crypto';
import { base64Lines, htmlEscape, quotedPrintable } from '../../demo/mime.js';
import type { Prng } from '../../demo/prng.js';
import { offsetText, rfc5322, wall } from './clock.js';
import { appleMailAt, iosAt, roundcubeAt, thunderbirdAt, updateLag } from './client-versions.js';
import type { Attachment, ClientId, Letter, Person } from './mail-model.js';
import {
  appleWhen,
  forwardPrefix,
  gmailWhen,
  lang,
  outlookSent,
  replyPrefix,
  roundcubeWhen,
  sentFromPhone,
  thunderbirdWhen,
} from './locale-text.js';

// ---------------------------------------------------------------------------------------------
// Header values

const ASCII = /^[\x20-\x7e]*$/;

/** RFC 2047 encoded words (Q or B), split so that no word exceeds 75 characters. */
function encodedWords(s: string, charset: string, mode: 'Q' | 'B'): string {
  if (ASCII.test(s)) return s;
  const words: string[] = [];
  let cur = '';
  const limit = 75 - charset.length - 7;
  const enc: BufferEncoding = /^iso-8859-1$/i.test(charset) ? 'latin1' : 'utf8';
  const flush = () => {
    if (!cur) return;
    const body = mode === 'B' ? Buffer.from(cur, enc).toString('base64') : qWord(cur, enc);
    words.push(`=?${charset}?${mode}?${body}?=`);
    cur = '';
  };
  for (const ch of s) {
    const next = cur + ch;
    const len = mode === 'B' ? Math.ceil(Buffer.byteLength(next, enc) / 3) * 4 : qWord(next, enc).length;
    if (len > limit) flush();
    cur += ch;
  }
  flush();
  return words.join('\r\n ');
}

function qWord(s: string, enc: BufferEncoding = 'utf8'): string {
  let out = '';
  for (const ch of s) {
    if (/[A-Za-z0-9!*+\-/]/.test(ch)) out += ch;
    else if (ch === ' ') out += '_';
    else for (const b of Buffer.from(ch, enc)) out += `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

interface AddrStyle {
  charset: string;
  mode: 'Q' | 'B';
  /** Outlook quotes every display name: "Alice Smith" <alice@x>. */
  quoteAlways?: boolean;
  fold: string;
}

function address(p: Person, st: AddrStyle): string {
  if (!p.name) return p.email;
  let name: string;
  if (!ASCII.test(p.name)) name = encodedWords(p.name, st.charset, st.mode);
  else if (st.quoteAlways || /[,.;:"()<>@']/.test(p.name)) name = `"${p.name.replace(/"/g, '\\"')}"`;
  else name = p.name;
  return `${name} <${p.email}>`;
}

function addressList(list: Person[], st: AddrStyle): string {
  return list.map((p) => address(p, st)).join(`,${st.fold}`);
}

function subjectValue(s: string, charset: string, mode: 'Q' | 'B'): string {
  if (ASCII.test(s)) return foldWords(s);
  return encodedWords(s, charset, mode);
}

/** Folds a long unstructured value at spaces (RFC 5322 §2.2.3), 78-character lines. */
function foldWords(s: string, first = 10): string {
  const out: string[] = [];
  let line = '';
  let limit = 78 - first;
  for (const w of s.split(' ')) {
    if (line && line.length + 1 + w.length > limit) {
      out.push(line);
      line = w;
      limit = 77;
    } else line = line ? `${line} ${w}` : w;
  }
  out.push(line);
  return out.join('\r\n ');
}

// ---------------------------------------------------------------------------------------------
// MIME tree

interface Node {
  headers: string[];
  body: Buffer;
}

function multipart(headers: string[], boundary: string, parts: Node[], preamble?: string): Node {
  const chunks: Buffer[] = [];
  if (preamble) chunks.push(Buffer.from(`${preamble}\r\n`));
  for (const p of parts) {
    chunks.push(Buffer.from(`${chunks.length ? '\r\n' : ''}--${boundary}\r\n`));
    chunks.push(serialise(p));
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { headers, body: Buffer.concat(chunks) };
}

function serialise(n: Node): Buffer {
  return Buffer.concat([Buffer.from(`${n.headers.join('\r\n')}\r\n\r\n`, 'utf8'), n.body]);
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

type Cte = 'quoted-printable' | '7bit' | '8bit' | 'base64';

function encodeText(text: string, cte: Cte): Buffer {
  if (cte === 'quoted-printable') return Buffer.from(quotedPrintable(text), 'latin1');
  if (cte === 'base64') return Buffer.from(base64Lines(Buffer.from(crlf(text), 'utf8')), 'latin1');
  return Buffer.from(crlf(text), 'utf8');
}

/** RFC 3676 format=flowed: soft line breaks end in a space; quoted lines keep their '>' prefix. */
function flowed(text: string, width = 72): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const m = /^(>+ ?)?(.*)$/.exec(raw)!;
    const prefix = m[1] ? m[1].replace(/ $/, '') + ' ' : '';
    let rest = m[2];
    if (!m[1] && (rest.startsWith(' ') || rest.startsWith('From '))) rest = ` ${rest}`; // space-stuffing
    if (prefix.length + rest.length <= width || !rest.includes(' ')) {
      out.push(`${prefix}${rest}`.replace(/ +$/, m[1] && !rest ? '' : ''));
      continue;
    }
    let line = '';
    for (const w of rest.split(' ')) {
      if (line && prefix.length + line.length + 1 + w.length > width) {
        out.push(`${prefix}${line} `);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    out.push(`${prefix}${line}`);
  }
  return out.join('\n');
}

function paragraphsHtml(text: string, wrap: (para: string) => string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => wrap(p.split('\n').map(htmlEscape).join('<br>\n')))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/** FILETIME (100 ns since 1601) as Outlook writes it in Message-IDs, boundaries and Thread-Index. */
function filetime(at: number): { hi: number; lo: number } {
  const ft = (BigInt(at) + 11644473600000n) * 10000n;
  return { hi: Number(ft >> 32n), lo: Number(ft & 0xffffffffn) };
}
const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function alnum(prng: Prng, n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[prng.int(0, alphabet.length - 1)];
  return s;
}

export interface MessageIdContext {
  /** Outlook-via-Exchange: the mailbox server that stamps the Message-ID. */
  exchangeServer?: string;
  /** Hostname of the machine a script runs on (Python, PHPMailer, JavaMail). */
  host?: string;
  /** Local user name (JavaMail). */
  user?: string;
  /** Process id of the script. */
  pid?: number;
}

const counters = new WeakMap<Person, number>();

/** A Message-ID in the form the client really generates (without the angle brackets). */
export function newMessageId(client: ClientId, person: Person, at: number, prng: Prng, ctx: MessageIdContext = {}): string {
  const domain = person.email.split('@')[1];
  switch (client) {
    case 'outlook2016': {
      const n = (counters.get(person) ?? prng.int(0, 40)) + 1;
      counters.set(person, n);
      const { hi, lo } = filetime(at);
      return `${(n & 0xffff).toString(16).padStart(4, '0')}${hex8(hi)}$${hex8(lo)}$${prng.hex(8)}$@${domain}`;
    }
    case 'outlook-exchange': {
      const server = ctx.exchangeServer ?? `EXCH01.${domain}`;
      // Exchange Online: the mailbox server's short name then 25 hex digits, upper case.
      if (/\.prod\.outlook\.com$/i.test(server)) return `${server.split('.')[0].toUpperCase()}${prng.hex(25).toUpperCase()}@${server}`;
      return `${prng.hex(32)}@${server}`;
    }
    case 'applemail':
    case 'iphone':
      return `${prng.uuid().toUpperCase()}@${domain}`;
    case 'thunderbird':
      return `${prng.uuid()}@${domain}`;
    case 'roundcube':
      return `${prng.hex(32)}@${domain}`;
    case 'gmail-web':
      return `CA${alnum(prng, 1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${alnum(prng, 46, `${ALNUM}+_-=`)}@mail.gmail.com`;
    case 'em-client':
      return `em${prng.uuid()}@${ctx.host ?? `desktop-${prng.hex(7)}`}`;
    case 'k9':
      return `${prng.uuid().toUpperCase()}@${domain}`;
    case 'evolution':
      return `${prng.hex(40)}.camel@${domain}`;
    case 'python-smtplib': {
      const rand = (BigInt(prng.nextU32()) << 32n) | BigInt(prng.nextU32());
      return `${Math.floor(at / 10)}.${ctx.pid ?? prng.int(1200, 65000)}.${rand}@${ctx.host ?? 'localhost'}`;
    }
    case 'phpmailer': {
      const id = createHash('sha256').update(prng.bytes(32)).digest('base64').replace(/[=+/]/g, '');
      return `${id}@${ctx.host ?? domain}`;
    }
    case 'javamail':
      return `${prng.int(100000000, 2147483647)}.${prng.int(0, 40)}.${at}.JavaMail.${ctx.user ?? 'user'}@${ctx.host ?? 'localhost'}`;
    case 'scanner': {
      const w = wall(at, 0);
      return `${w.year}${String(w.month).padStart(2, '0')}${String(w.day).padStart(2, '0')}${prng.hex(6).toUpperCase()}.${prng.int(1000, 9999)}@${domain}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reply and forward blocks, as each client writes them into the plain text

export interface QuotedMessage {
  from: Person;
  to: Person[];
  cc: Person[];
  subject: string;
  date: number;
  text: string;
}

const prefixQuote = (text: string) =>
  text
    .split('\n')
    .map((l) => (l.startsWith('>') ? `>${l}` : l ? `> ${l}` : '>'))
    .join('\n');

function names(list: Person[], withAddr: boolean): string {
  return list.map((p) => (withAddr ? `${p.name} <${p.email}>` : p.name)).join('; ');
}

/** The body a client produces when `replier` answers `orig` with `typed`, at local offset `off`. */
export function replyBody(client: ClientId, replier: Person, typed: string, orig: QuotedMessage, off: number): string {
  const L = replier.locale;
  const fr = lang(L) === 'fr';
  switch (client) {
    case 'outlook2016':
    case 'outlook-exchange': {
      const head = fr
        ? [`De : ${orig.from.name} <${orig.from.email}> `, `Envoyé : ${outlookSent(orig.date, off, L)}`, `À : ${names(orig.to, true)}`]
        : [`From: ${orig.from.name} <${orig.from.email}> `, `Sent: ${outlookSent(orig.date, off, L)}`, `To: ${names(orig.to, true)}`];
      if (orig.cc.length) head.push(`${fr ? 'Cc : ' : 'Cc: '}${names(orig.cc, true)}`);
      head.push(`${fr ? 'Objet : ' : 'Subject: '}${orig.subject}`);
      return `${typed}\n\n${head.join('\n')}\n\n${orig.text}`;
    }
    case 'applemail':
    case 'iphone': {
      const who = `${orig.from.name} <${orig.from.email}>`;
      const attribution = fr ? `Le ${appleWhen(orig.date, off, L)}, ${who} a écrit :` : `On ${appleWhen(orig.date, off, L)}, ${who} wrote:`;
      const sig = client === 'iphone' ? `\n\n${sentFromPhone(L, 'iphone')}` : '';
      return `${typed}${sig}\n\n> ${attribution}\n> \n${prefixQuote(orig.text)}`;
    }
    case 'thunderbird': {
      // Thunderbird's default is to start the reply below the quote.
      const attribution = fr
        ? `Le ${thunderbirdWhen(orig.date, off, L)}, ${orig.from.name} a écrit :`
        : `On ${thunderbirdWhen(orig.date, off, L)}, ${orig.from.name} wrote:`;
      return `${attribution}\n${prefixQuote(orig.text)}\n\n${typed}`;
    }
    case 'roundcube': {
      const attribution = fr
        ? `Le ${roundcubeWhen(orig.date, off)}, ${orig.from.name} a écrit :`
        : `On ${roundcubeWhen(orig.date, off)}, ${orig.from.name} wrote:`;
      return `${attribution}\n${prefixQuote(orig.text)}\n\n${typed}`;
    }
    case 'gmail-web': {
      const who = `${orig.from.name} <${orig.from.email}>`;
      const attribution = fr ? `Le ${gmailWhen(orig.date, off, L)}, ${who} a écrit :` : `On ${gmailWhen(orig.date, off, L)} ${who} wrote:`;
      return `${typed}\n\n${attribution}\n\n${prefixQuote(orig.text)}`;
    }
    default: {
      const attribution = `On ${rfc5322(orig.date, off)}, ${orig.from.name} wrote:`;
      return `${typed}\n\n${attribution}\n${prefixQuote(orig.text)}`;
    }
  }
}

/** The body of an inline forward. */
export function forwardBody(client: ClientId, fwd: Person, typed: string, orig: QuotedMessage, off: number): string {
  const L = fwd.locale;
  const fr = lang(L) === 'fr';
  switch (client) {
    case 'outlook2016':
    case 'outlook-exchange':
      return replyBody(client, fwd, typed, orig, off);
    case 'applemail':
    case 'iphone': {
      const sig = client === 'iphone' ? `\n\n${sentFromPhone(L, 'iphone')}` : '';
      const when = appleWhen(orig.date, off, L);
      const lines = fr
        ? [`De: ${orig.from.name} <${orig.from.email}>`, `Date: ${when}`, `À: ${names(orig.to, true)}`, `Objet: ${orig.subject}`]
        : [`From: ${orig.from.name} <${orig.from.email}>`, `Subject: ${orig.subject}`, `Date: ${when}`, `To: ${names(orig.to, true)}`];
      const begin = fr ? 'Début du message réexpédié :' : 'Begin forwarded message:';
      return `${typed}${sig}\n\n${begin}\n\n${prefixQuote(`${lines.join('\n')}\n\n${orig.text}`)}`;
    }
    case 'thunderbird': {
      const lines = [
        fr ? '-------- Message transféré --------' : '-------- Forwarded Message --------',
        `${fr ? 'Sujet :' : 'Subject:'} \t${orig.subject}`,
        `Date: \t${rfc5322(orig.date, off)}`,
        `${fr ? 'De :' : 'From:'} \t${orig.from.name} <${orig.from.email}>`,
        `${fr ? 'Pour :' : 'To:'} \t${names(orig.to, true).replace(/; /g, ', ')}`,
      ];
      return `${typed}\n\n\n${lines.join('\n')}\n\n\n\n${orig.text}`;
    }
    case 'gmail-web': {
      const lines = [
        fr ? '---------- Forwarded message ---------' : '---------- Forwarded message ---------',
        `${fr ? 'De :' : 'From:'} ${orig.from.name} <${orig.from.email}>`,
        `Date: ${gmailWhen(orig.date, off, L)}`,
        `${fr ? 'Subject:' : 'Subject:'} ${orig.subject}`,
        `To: ${names(orig.to, true).replace(/; /g, ', ')}`,
      ];
      return `${typed}\n\n${lines.join('\n')}\n\n\n${orig.text}`;
    }
    default: {
      const lines = [
        '-------- Original Message --------',
        `Subject: ${orig.subject}`,
        `Date: ${roundcubeWhen(orig.date, off)}`,
        `From: ${orig.from.name} <${orig.from.email}>`,
        `To: ${names(orig.to, true).replace(/; /g, ', ')}`,
      ];
      return `${typed}\n\n${lines.join('\n')}\n\n${orig.text}`;
    }
  }
}

export function replySubject(client: ClientId, subject: string): string {
  return /^(re|aw)\s*:/i.test(subject) ? subject : `${replyPrefix(client)}${subject}`;
}

export function forwardSubject(client: ClientId, person: Person, subject: string): string {
  return `${forwardPrefix(client, person.locale)}${subject}`;
}

// ---------------------------------------------------------------------------------------------
// Composition

export interface ComposeContext {
  /** Thread-Index bytes by Message-ID (Outlook and Exchange extend the parent's). */
  threadIndex: Map<string, Buffer>;
  exchangeServer?: string;
  originatingIp?: string;
  /** Version lag override (a new phone runs the latest version at once). */
  lagDays?: number;
}

/** Outlook's Thread-Index (MS-OXOMSG PidTagConversationIndex): a 22-byte header (the top six bytes
 *  of the FILETIME, then a GUID) and one 5-byte child block per reply: DeltaCode (1 bit), TimeDelta
 *  (31 bits, in 2^18 or 2^23 units of 100 ns), random (4 bits), sequence (4 bits). The delta is the
 *  time since the parent's LAST block, not since the header: Microsoft's ScAddConversationIndex
 *  (msgcidx.cxx, ExtractLastFileTime) adds up the parent's deltas before subtracting. */
function threadIndexFor(letter: Letter, ctx: ComposeContext, prng: Prng): string {
  const parent = letter.inReplyTo ? ctx.threadIndex.get(letter.inReplyTo) : undefined;
  let bytes: Buffer;
  if (parent) {
    let lastFt = BigInt(`0x${parent.subarray(0, 6).toString('hex')}`) << 16n;
    for (let off = 22; off + 5 <= parent.length; off += 5) {
      const word = BigInt(parent.readUInt32BE(off));
      lastFt += (word & 0x7fffffffn) << (word >> 31n ? 23n : 18n);
    }
    const { hi, lo } = filetime(letter.date);
    const now = (BigInt(hi) << 32n) | BigInt(lo);
    const delta = now > lastFt ? now - lastFt : 0n;
    const code = delta < 1n << 49n ? 0n : 1n;
    const td = (code ? delta >> 23n : delta >> 18n) & 0x7fffffffn;
    const block = Buffer.alloc(5);
    block.writeUInt32BE(Number((code << 31n) | td), 0);
    block[4] = (prng.int(0, 15) << 4) | (((parent.length - 22) / 5 + 1) % 16);
    bytes = Buffer.concat([parent, block]);
  } else {
    const { hi, lo } = filetime(letter.date);
    const head = Buffer.alloc(6);
    head.writeUInt32BE(hi, 0);
    head.writeUInt16BE(lo >>> 16, 4);
    bytes = Buffer.concat([head, prng.bytes(16)]);
  }
  ctx.threadIndex.set(letter.messageId, bytes);
  return bytes.toString('base64');
}

function hdr(name: string, value: string | undefined): string[] {
  return value === undefined ? [] : [`${name}: ${value}`];
}

function refsValue(letter: Letter, fold = '\r\n '): string | undefined {
  return letter.references.length ? letter.references.map((r) => `<${r}>`).join(fold) : undefined;
}

function applyExtra(headers: string[], letter: Letter): string[] {
  let out = headers;
  for (const [name, value] of letter.extraHeaders ?? []) {
    const i = out.findIndex((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    if (value === '') out = out.filter((_, k) => k !== i);
    else if (i >= 0) out = out.map((h, k) => (k === i ? `${name}: ${value}` : h));
    else out = [...out, `${name}: ${value}`];
  }
  return out;
}

function isAscii(text: string): boolean {
  return !/[^\t\n\r\x20-\x7e]/.test(text);
}

function b64Part(headers: string[], data: Buffer): Node {
  return { headers, body: Buffer.from(base64Lines(data), 'latin1') };
}

/** Composes the message the client submits (and keeps in Sent): headers and MIME body. */
export function compose(letter: Letter, prng: Prng, ctx: ComposeContext): Buffer {
  const node = COMPOSERS[letter.client](letter, prng, ctx);
  return serialise(node);
}

type Composer = (letter: Letter, prng: Prng, ctx: ComposeContext) => Node;

const lagOf = (letter: Letter, ctx: ComposeContext) => ctx.lagDays ?? updateLag(letter.from.email);

const outlookHtml = (text: string, locale: string) =>
  `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n<style><!--\np.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:11.0pt;\n\tfont-family:"Calibri",sans-serif;}\n--></style>\n</head>\n<body lang="${locale.slice(0, 2).toUpperCase()}" link="#0563C1" vlink="#954F72">\n<div class="WordSection1">\n${paragraphsHtml(text, (p) => `<p class="MsoNormal">${p}<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>`)}\n</div>\n</body>\n</html>\n`;

const COMPOSERS: Record<ClientId, Composer> = {
  outlook2016(letter, prng, ctx) {
    const st: AddrStyle = { charset: 'utf-8', mode: 'Q', quoteAlways: true, fold: '\r\n\t' };
    const { hi, lo } = filetime(letter.date);
    const stamp = `${hex8(hi).toUpperCase()}.${hex8(lo).toUpperCase()}`;
    const n = prng.int(1, 0x40);
    const bAlt = `----=_NextPart_${letter.attachments.length ? '001' : '000'}_${n.toString(16).toUpperCase().padStart(4, '0')}_${stamp}`;
    const bMix = `----=_NextPart_000_${(n - 1).toString(16).toUpperCase().padStart(4, '0')}_${stamp}`;
    const textPart: Node = {
      headers: ['Content-Type: text/plain;\r\n\tcharset="utf-8"', 'Content-Transfer-Encoding: quoted-printable'],
      body: encodeText(letter.text, 'quoted-printable'),
    };
    const htmlPart: Node = {
      headers: ['Content-Type: text/html;\r\n\tcharset="utf-8"', 'Content-Transfer-Encoding: quoted-printable'],
      body: encodeText(outlookHtml(letter.text, letter.from.locale), 'quoted-printable'),
    };
    const alt = multipart([`Content-Type: multipart/alternative;\r\n\tboundary="${bAlt}"`], bAlt, [textPart, htmlPart]);
    const body = letter.attachments.length
      ? multipart(
          [`Content-Type: multipart/mixed;\r\n\tboundary="${bMix}"`],
          bMix,
          [alt, ...letter.attachments.map((a) => attachmentPart(a, 'outlook'))],
          'This is a multipart message in MIME format.',
        )
      : { ...alt, body: Buffer.concat([Buffer.from('This is a multipart message in MIME format.\r\n\r\n'), alt.body]) };
    const headers = [
      ...hdr('From', address(letter.from, st)),
      ...hdr('To', addressList(letter.to, st)),
      ...(letter.cc.length ? hdr('Cc', addressList(letter.cc, st)) : []),
      ...hdr('References', refsValue(letter, '\r\n\t')),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'Q')),
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
      ...hdr('Message-ID', `<${letter.messageId}>`),
      'MIME-Version: 1.0',
      body.headers[0],
      'X-Mailer: Microsoft Outlook 16.0',
      ...hdr('Thread-Index', threadIndexFor(letter, ctx, prng)),
      ...hdr('Content-Language', letter.from.locale.toLowerCase().startsWith('fr') ? 'fr' : letter.from.locale.toLowerCase()),
    ];
    return { headers: applyExtra(headers, letter), body: body.body };
  },

  'outlook-exchange'(letter, prng, ctx) {
    const st: AddrStyle = { charset: 'utf-8', mode: 'B', fold: '\r\n\t' };
    const [local, host] = letter.messageId.split('@');
    const tag = (local + (host ?? '').replace(/[^A-Za-z0-9]/g, '')).slice(0, local.length + 17);
    const bAlt = `_000_${tag}_`;
    const bMix = `_004_${tag}_`;
    const cte: Cte = isAscii(letter.text) ? 'quoted-printable' : 'base64';
    const textPart: Node = {
      headers: ['Content-Type: text/plain; charset="utf-8"', `Content-Transfer-Encoding: ${cte}`],
      body: encodeText(letter.text, cte),
    };
    const htmlPart: Node = {
      headers: ['Content-Type: text/html; charset="utf-8"', `Content-Transfer-Encoding: ${cte}`],
      body: encodeText(outlookHtml(letter.text, letter.from.locale), cte),
    };
    const alt = multipart([`Content-Type: multipart/alternative;\r\n\tboundary="${bAlt}"`], bAlt, [textPart, htmlPart]);
    const body = letter.attachments.length
      ? multipart([`Content-Type: multipart/mixed;\r\n\tboundary="${bMix}"`], bMix, [
          alt,
          ...letter.attachments.map((a) => attachmentPart(a, 'exchange', letter.date)),
        ])
      : alt;
    const locale = letter.from.locale;
    const headers = [
      ...hdr('From', address(letter.from, st)),
      ...hdr('To', addressList(letter.to, st)),
      ...(letter.cc.length ? hdr('CC', addressList(letter.cc, st)) : []),
      ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'B')),
      ...hdr('Thread-Topic', subjectValue(letter.subject.replace(/^((re|fw|tr|fwd)\s*:\s*)+/i, ''), 'utf-8', 'B')),
      ...hdr('Thread-Index', threadIndexFor(letter, ctx, prng)),
      // Exchange converts the MAPI submit time to MIME in UTC.
      ...hdr('Date', rfc5322(letter.date, 0)),
      ...hdr('Message-ID', `<${letter.messageId}>`),
      ...hdr('References', refsValue(letter, '\r\n\t')),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('Accept-Language', `${locale}, en-US`),
      ...hdr('Content-Language', locale),
      `X-MS-Has-Attach: ${letter.attachments.length ? 'yes' : ''}`,
      'X-MS-TNEF-Correlator: ',
      ...hdr('x-originating-ip', `[${ctx.originatingIp ?? '10.20.5.23'}]`),
      body.headers[0],
      'MIME-Version: 1.0',
    ];
    return { headers: applyExtra(headers, letter), body: body.body };
  },

  applemail(letter, prng, ctx) {
    const st: AddrStyle = { charset: 'utf-8', mode: 'Q', fold: '\r\n\t' };
    const v = appleMailAt(letter.date, lagOf(letter, ctx));
    const ascii = isAscii(letter.text);
    const cte: Cte = ascii ? '7bit' : 'quoted-printable';
    const cs = ascii ? 'us-ascii' : 'utf-8';
    const textPart: Node = {
      headers: [`Content-Transfer-Encoding: ${cte}`, `Content-Type: text/plain;\r\n\tcharset=${cs}`],
      body: encodeText(letter.text, cte),
    };
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${cs}"></head><body style="word-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;" class="">${paragraphsHtml(letter.text, (p) => `<div class="">${p}</div><div class=""><br class=""></div>`)}</body></html>`;
    const htmlPart: Node = {
      headers: [`Content-Transfer-Encoding: ${cte}`, `Content-Type: text/html;\r\n\tcharset=${cs}`],
      body: encodeText(html, cte),
    };
    const bAlt = `Apple-Mail=_${prng.uuid().toUpperCase()}`;
    const alt = multipart([`Content-Type: multipart/alternative;\r\n\tboundary="${bAlt}"`], bAlt, [textPart, htmlPart]);
    let body = alt;
    if (letter.attachments.length) {
      const bMix = `Apple-Mail=_${prng.uuid().toUpperCase()}`;
      body = multipart([`Content-Type: multipart/mixed;\r\n\tboundary="${bMix}"`], bMix, [
        alt,
        ...letter.attachments.map((a) => attachmentPart(a, 'apple')),
      ]);
    }
    const headers = [
      ...hdr('From', address(letter.from, st)),
      body.headers[0],
      `Mime-Version: 1.0 (Mac OS X Mail ${v.mail} \\(${v.build}\\))`,
      ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'Q')),
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...(letter.cc.length ? hdr('Cc', addressList(letter.cc, st)) : []),
      ...hdr('To', addressList(letter.to, st)),
      ...hdr('References', refsValue(letter)),
      ...hdr('Message-Id', `<${letter.messageId}>`),
      `X-Mailer: Apple Mail (2.${v.build})`,
    ];
    return { headers: applyExtra(headers, letter), body: body.body };
  },

  iphone(letter, prng, ctx) {
    const st: AddrStyle = { charset: 'utf-8', mode: 'Q', fold: '\r\n\t' };
    const v = iosAt(letter.date, lagOf(letter, ctx));
    const ascii = isAscii(letter.text);
    const cte: Cte = ascii ? '7bit' : 'quoted-printable';
    const textPart: Node = {
      headers: ['Content-Type: text/plain;\r\n\tcharset=utf-8', `Content-Transfer-Encoding: ${cte}`],
      body: encodeText(letter.text, cte),
    };
    const html = `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">${paragraphsHtml(letter.text, (p) => `<div dir="ltr">${p}</div><div dir="ltr"><br></div>`)}</body></html>`;
    const htmlPart: Node = {
      headers: ['Content-Type: text/html;\r\n\tcharset=utf-8', `Content-Transfer-Encoding: ${cte}`],
      body: encodeText(html, cte),
    };
    const bAlt = `Apple-Mail-${prng.uuid().toUpperCase()}`;
    const alt = multipart([`Content-Type: multipart/alternative; boundary=${bAlt}`], bAlt, [textPart, htmlPart]);
    let body = alt;
    if (letter.attachments.length) {
      const bMix = `Apple-Mail-${prng.uuid().toUpperCase()}`;
      body = multipart([`Content-Type: multipart/mixed; boundary=${bMix}`], bMix, [
        alt,
        ...letter.attachments.map((a) => attachmentPart(a, 'iphone')),
      ]);
    }
    const headers = [
      body.headers[0],
      'Content-Transfer-Encoding: 7bit',
      ...hdr('From', address(letter.from, st)),
      'Mime-Version: 1.0 (1.0)',
      ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'Q')),
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
      ...hdr('Message-Id', `<${letter.messageId}>`),
      ...hdr('References', refsValue(letter)),
      ...(letter.cc.length ? hdr('Cc', addressList(letter.cc, st)) : []),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('To', addressList(letter.to, st)),
      `X-Mailer: iPhone Mail (${v.build})`,
    ];
    return { headers: applyExtra(headers, letter), body: body.body };
  },

  thunderbird(letter, prng, ctx) {
    const v = thunderbirdAt(letter.date, lagOf(letter, ctx));
    const modern = Number(v.split('.')[0]) >= 91;
    const st: AddrStyle = { charset: 'UTF-8', mode: 'Q', fold: '\r\n ' };
    const osPart =
      letter.from.os === 'mac'
        ? `Macintosh; Intel Mac OS X ${modern ? '10.15' : '10.14'}`
        : letter.from.os === 'linux'
          ? 'X11; Linux x86_64'
          : 'Windows NT 10.0; Win64; x64';
    const ua = `Mozilla/5.0 (${osPart}; rv:${v.split('.')[0]}.0) Gecko/20100101 Thunderbird/${v}`;
    const text = flowed(letter.text);
    const ascii = isAscii(text);
    const cte: Cte = ascii ? '7bit' : '8bit';
    const charset = modern ? 'UTF-8' : 'utf-8';
    const textHeaders = [`Content-Type: text/plain; charset=${charset}; format=flowed`, `Content-Transfer-Encoding: ${cte}`];
    let ctHeader: string;
    let body: Buffer;
    const boundary = () => `------------${modern ? alnum(prng, 24) : alnum(prng, 24, '0123456789ABCDEF')}`;
    if (letter.attachments.length) {
      const b = boundary();
      const node = multipart(
        [],
        b,
        [{ headers: textHeaders, body: encodeText(text, cte) }, ...letter.attachments.map((a) => attachmentPart(a, 'thunderbird'))],
        'This is a multi-part message in MIME format.',
      );
      ctHeader = `Content-Type: multipart/mixed; boundary="${b}"`;
      body = node.body;
    } else {
      ctHeader = textHeaders[0];
      body = encodeText(text, cte);
    }
    const lang = letter.from.locale;
    const cteHeader = letter.attachments.length ? [] : [textHeaders[1]];
    const headers = modern
      ? [
          ...hdr('Message-ID', `<${letter.messageId}>`),
          ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
          'MIME-Version: 1.0',
          `User-Agent: ${ua}`,
          ...hdr('Subject', subjectValue(letter.subject, 'UTF-8', 'Q')),
          ...hdr('Content-Language', lang),
          ...hdr('To', addressList(letter.to, st)),
          ...(letter.cc.length ? hdr('Cc', addressList(letter.cc, st)) : []),
          ...hdr('References', refsValue(letter)),
          ...hdr('From', address(letter.from, st)),
          ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
          ctHeader,
          ...cteHeader,
        ]
      : [
          ...hdr('Subject', subjectValue(letter.subject, 'UTF-8', 'Q')),
          ...hdr('To', addressList(letter.to, st)),
          ...(letter.cc.length ? hdr('Cc', addressList(letter.cc, st)) : []),
          ...hdr('References', refsValue(letter)),
          ...hdr('From', address(letter.from, st)),
          ...hdr('Message-ID', `<${letter.messageId}>`),
          ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
          `User-Agent: ${ua}`,
          'MIME-Version: 1.0',
          ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
          ctHeader,
          ...hdr('Content-Language', lang),
          ...cteHeader,
        ];
    return { headers: applyExtra(headers, letter), body };
  },

  roundcube(letter, prng, ctx) {
    const v = roundcubeAt(letter.date, lagOf(letter, ctx));
    const st: AddrStyle = { charset: 'UTF-8', mode: 'Q', fold: '\r\n ' };
    const text = flowed(letter.text);
    const ascii = isAscii(text);
    const cte: Cte = ascii ? '7bit' : 'quoted-printable';
    const textHeaders = [
      `Content-Type: text/plain; charset=${ascii ? 'US-ASCII' : 'UTF-8'};\r\n format=flowed`,
      `Content-Transfer-Encoding: ${cte}`,
    ];
    let contentHeaders: string[];
    let body: Buffer;
    if (letter.attachments.length) {
      const b = `=_${prng.hex(32)}`;
      const node = multipart([], b, [
        { headers: textHeaders, body: encodeText(text, cte) },
        ...letter.attachments.map((a) => attachmentPart(a, 'roundcube')),
      ]);
      contentHeaders = [`Content-Type: multipart/mixed;\r\n boundary="${b}"`];
      body = node.body;
    } else {
      contentHeaders = textHeaders;
      body = encodeText(text, cte);
    }
    const headers = [
      'MIME-Version: 1.0',
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin, true)),
      ...hdr('From', address(letter.from, st)),
      ...hdr('To', addressList(letter.to, st)),
      ...(letter.cc.length ? hdr('Cc', addressList(letter.cc, st)) : []),
      ...hdr('Subject', subjectValue(letter.subject, 'UTF-8', 'Q')),
      ...hdr('Organization', letter.organization),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('References', refsValue(letter)),
      ...hdr('Message-ID', `<${letter.messageId}>`),
      `X-Sender: ${letter.from.email}`,
      `User-Agent: Roundcube Webmail/${v}`,
      ...contentHeaders,
    ];
    return { headers: applyExtra(headers, letter), body };
  },

  'gmail-web'(letter, prng) {
    const st: AddrStyle = { charset: 'UTF-8', mode: 'B', fold: ', ' };
    // Gmail's boundary hides the composition time in microseconds (Metaspike, "Gmail MIME Boundary
    // Delimiter Timestamps"): 12 zeros, the low 6 hex digits, the high 8, then 2 more.
    let tick = 0;
    const gb = () => {
      const us = (BigInt(letter.date) * 1000n + BigInt(prng.int(0, 999) + 1000 * tick++)).toString(16).padStart(14, '0');
      return `000000000000${us.slice(8)}${us.slice(0, 8)}${prng.hex(2)}`;
    };
    const ascii = isAscii(letter.text) && !letter.text.split('\n').some((l) => l.length > 76);
    const cte: Cte | null = ascii ? null : 'quoted-printable';
    const textPart: Node = {
      headers: ['Content-Type: text/plain; charset="UTF-8"', ...(cte ? [`Content-Transfer-Encoding: ${cte}`] : [])],
      body: encodeText(letter.text, cte ?? '7bit'),
    };
    const html = `<div dir="ltr">${paragraphsHtml(letter.text, (p) => `<div>${p}</div><div><br></div>`)}</div>\n`;
    const htmlPart: Node = {
      headers: ['Content-Type: text/html; charset="UTF-8"', 'Content-Transfer-Encoding: quoted-printable'],
      body: encodeText(html, 'quoted-printable'),
    };
    const bAlt = gb();
    const alt = multipart([`Content-Type: multipart/alternative; boundary="${bAlt}"`], bAlt, [textPart, htmlPart]);
    let body = alt;
    if (letter.attachments.length) {
      const bMix = gb();
      body = multipart([`Content-Type: multipart/mixed; boundary="${bMix}"`], bMix, [
        alt,
        ...letter.attachments.map((a) => attachmentPart(a, 'gmail', 0, prng)),
      ]);
    }
    const headers = [
      'MIME-Version: 1.0',
      ...hdr('References', refsValue(letter)),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('From', address(letter.from, st)),
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
      ...hdr('Message-ID', `<${letter.messageId}>`),
      ...hdr('Subject', subjectValue(letter.subject, 'UTF-8', 'B')),
      ...hdr('To', letter.to.map((p) => address(p, st)).join(', ')),
      ...(letter.cc.length ? hdr('Cc', letter.cc.map((p) => address(p, st)).join(', ')) : []),
      body.headers[0],
    ];
    return { headers: applyExtra(headers, letter), body: body.body };
  },

  'em-client'(letter, prng) {
    const st: AddrStyle = { charset: 'utf-8', mode: 'Q', quoteAlways: true, fold: '\r\n ' };
    const b = `------=_MB${prng.uuid().toUpperCase()}`;
    const textPart: Node = {
      headers: ['Content-Type: text/plain; format=flowed; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
      body: encodeText(letter.text, 'quoted-printable'),
    };
    const htmlPart: Node = {
      headers: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
      body: encodeText(
        `<html><head></head><body>${paragraphsHtml(letter.text, (p) => `<div>${p}</div>`)}</body></html>`,
        'quoted-printable',
      ),
    };
    const body = multipart([], b, [textPart, htmlPart]);
    const headers = [
      ...hdr('From', address(letter.from, st)),
      ...hdr('To', addressList(letter.to, st)),
      ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'Q')),
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
      ...hdr('Message-Id', `<${letter.messageId}>`),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('References', refsValue(letter)),
      'User-Agent: eM_Client/8.2.1473.0',
      'Mime-Version: 1.0',
      `Content-Type: multipart/alternative;\r\n boundary="${b}"`,
    ];
    return { headers: applyExtra(headers, letter), body: body.body };
  },

  k9(letter) {
    const st: AddrStyle = { charset: 'UTF-8', mode: 'Q', fold: ', ' };
    const headers = [
      'MIME-Version: 1.0',
      'User-Agent: K-9 Mail for Android',
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('References', refsValue(letter)),
      'Content-Type: text/plain;\r\n charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      ...hdr('Subject', subjectValue(letter.subject, 'UTF-8', 'Q')),
      ...hdr('From', address(letter.from, st)),
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin, true)),
      ...hdr('To', letter.to.map((p) => address(p, st)).join(',')),
      ...hdr('Message-ID', `<${letter.messageId}>`),
    ];
    return { headers: applyExtra(headers, letter), body: encodeText(letter.text, 'quoted-printable') };
  },

  evolution(letter) {
    const st: AddrStyle = { charset: 'UTF-8', mode: 'Q', fold: ', ' };
    const headers = [
      ...hdr('Message-ID', `<${letter.messageId}>`),
      ...hdr('Subject', subjectValue(letter.subject, 'UTF-8', 'Q')),
      ...hdr('From', address(letter.from, st)),
      ...hdr('To', letter.to.map((p) => address(p, st)).join(', ')),
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin, true)),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('References', refsValue(letter)),
      'Content-Type: text/plain; charset="UTF-8"',
      'X-Mailer: Evolution 3.36.5-0ubuntu1 ',
      'MIME-Version: 1.0',
      'Content-Transfer-Encoding: 8bit',
    ];
    return { headers: applyExtra(headers, letter), body: encodeText(letter.text, '8bit') };
  },

  'python-smtplib'(letter) {
    // email.message.EmailMessage with set_content(): the content headers come last, in this order.
    const st: AddrStyle = { charset: 'utf-8', mode: 'Q', fold: ', ' };
    const ascii = isAscii(letter.text);
    const headers = [
      ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'Q')),
      ...hdr('From', address(letter.from, st)),
      ...hdr('To', letter.to.map((p) => address(p, st)).join(', ')),
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin, true)),
      ...hdr('Message-ID', `<${letter.messageId}>`),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('References', refsValue(letter)),
      `Content-Type: text/plain; charset="${ascii ? 'us-ascii' : 'utf-8'}"`,
      `Content-Transfer-Encoding: ${ascii ? '7bit' : 'quoted-printable'}`,
      'MIME-Version: 1.0',
    ];
    return { headers: applyExtra(headers, letter), body: encodeText(letter.text, ascii ? '7bit' : 'quoted-printable') };
  },

  phpmailer(letter) {
    const st: AddrStyle = { charset: 'iso-8859-1', mode: 'Q', fold: ', ' };
    const latin1 = Buffer.from(letter.text.replace(/\r?\n/g, '\r\n'), 'latin1');
    const headers = [
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin, true)),
      ...hdr('To', letter.to.map((p) => address(p, st)).join(', ')),
      ...hdr('From', address(letter.from, st)),
      ...hdr('Subject', subjectValue(letter.subject, 'iso-8859-1', 'Q')),
      ...hdr('Message-ID', `<${letter.messageId}>`),
      'X-Mailer: PHPMailer 6.0.7 (https://github.com/PHPMailer/PHPMailer)',
      'MIME-Version: 1.0',
      `Content-Type: text/plain; charset=${isAscii(letter.text) ? 'us-ascii' : 'iso-8859-1'}`,
      ...(isAscii(letter.text) ? [] : ['Content-Transfer-Encoding: 8bit']),
    ];
    return { headers: applyExtra(headers, letter), body: latin1 };
  },

  javamail(letter) {
    const st: AddrStyle = { charset: 'UTF-8', mode: 'B', fold: ', ' };
    const headers = [
      ...hdr('Date', `${rfc5322(letter.date, letter.offsetMin)} (${offsetText(letter.offsetMin)})`),
      ...hdr('From', address(letter.from, st)),
      ...hdr('To', letter.to.map((p) => address(p, st)).join(', ')),
      ...hdr('Message-ID', `<${letter.messageId}>`),
      ...hdr('Subject', subjectValue(letter.subject, 'UTF-8', 'B')),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 7bit',
    ];
    return { headers: applyExtra(headers, letter), body: encodeText(letter.text, isAscii(letter.text) ? '7bit' : '8bit') };
  },

  scanner(letter, prng) {
    // A multifunction printer's scan-to-e-mail: bare headers, one PDF.
    const b = `----_=_NextPart_${prng.hex(8)}`;
    const node = multipart([], b, [
      { headers: ['Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit'], body: Buffer.from(crlf(letter.text)) },
      ...letter.attachments.map((a) => attachmentPart(a, 'scanner')),
    ]);
    const headers = [
      ...hdr('From', `${letter.from.name} <${letter.from.email}>`),
      ...hdr('To', letter.to.map((p) => p.email).join(', ')),
      ...hdr('Subject', letter.subject),
      ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
      ...hdr('Message-Id', `<${letter.messageId}>`),
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${b}"`,
    ];
    return { headers: applyExtra(headers, letter), body: node.body };
  },
};

type AttStyle = 'outlook' | 'exchange' | 'apple' | 'iphone' | 'thunderbird' | 'roundcube' | 'gmail' | 'scanner';

function attachmentPart(a: Attachment, style: AttStyle, at = 0, prng?: Prng): Node {
  if (a.rfc822) {
    return {
      headers: [`Content-Type: message/rfc822; name="${a.filename}"`, `Content-Disposition: attachment; filename="${a.filename}"`],
      body: a.data,
    };
  }
  const n = a.filename;
  switch (style) {
    case 'outlook':
      return b64Part(
        [
          `Content-Type: ${a.contentType};\r\n\tname="${n}"`,
          'Content-Transfer-Encoding: base64',
          `Content-Disposition: attachment;\r\n\tfilename="${n}"`,
        ],
        a.data,
      );
    case 'exchange': {
      const d = new Date(at).toUTCString().replace(/(\d+) (\w+) (\d+)/, (_m, dd, mm, yy) => `${String(dd).padStart(2, '0')} ${mm} ${yy}`);
      return b64Part(
        [
          `Content-Type: ${a.contentType}; name="${n}"`,
          `Content-Description: ${n}`,
          `Content-Disposition: attachment; filename="${n}"; size=${a.data.length};\r\n\tcreation-date="${d}";\r\n\tmodification-date="${d}"`,
          'Content-Transfer-Encoding: base64',
        ],
        a.data,
      );
    }
    case 'apple':
      return b64Part(
        [
          `Content-Disposition: attachment;\r\n\tfilename=${n}`,
          `Content-Type: ${a.contentType};\r\n\tx-unix-mode=0644;\r\n\tname="${n}"`,
          'Content-Transfer-Encoding: base64',
        ],
        a.data,
      );
    case 'iphone':
      return b64Part(
        [
          `Content-Type: ${a.contentType};\r\n\tname=${n}`,
          `Content-Disposition: attachment;\r\n\tfilename=${n}`,
          'Content-Transfer-Encoding: base64',
        ],
        a.data,
      );
    case 'thunderbird':
      return b64Part(
        [
          `Content-Type: ${a.contentType};\r\n name="${n}"`,
          'Content-Transfer-Encoding: base64',
          `Content-Disposition: attachment;\r\n filename="${n}"`,
        ],
        a.data,
      );
    case 'roundcube':
      return b64Part(
        [
          'Content-Transfer-Encoding: base64',
          `Content-Type: ${a.contentType};\r\n name=${n}`,
          `Content-Disposition: attachment;\r\n filename=${n};\r\n size=${a.data.length}`,
        ],
        a.data,
      );
    case 'gmail': {
      const id = `f_${prng ? prng.hex(9) : 'k0'}`;
      return b64Part(
        [
          `Content-Type: ${a.contentType}; name="${n}"`,
          `Content-Disposition: attachment; filename="${n}"`,
          'Content-Transfer-Encoding: base64',
          `Content-ID: <${id}>`,
          `X-Attachment-Id: ${id}`,
        ],
        a.data,
      );
    }
    case 'scanner':
      return b64Part(
        [
          `Content-Type: ${a.contentType}; name="${n}"`,
          'Content-Transfer-Encoding: base64',
          `Content-Disposition: attachment; filename="${n}"`,
        ],
        a.data,
      );
  }
}

/** The Date offset a client writes for a person at an instant (Exchange: always UTC, see above). */
export function dateOffsetFor(client: ClientId, offsetMin: number): number {
  return client === 'outlook-exchange' ? 0 : offsetMin;
}
