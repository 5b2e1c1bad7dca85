// The MIME building blocks the bench's mail clients share: RFC 2047 header values, address lists,
// multipart bodies, transfer encodings, format=flowed, Outlook's FILETIME identifiers and Thread-Index,
// and attachment parts in each client's own header style. Each client's composer (clients*.ts) puts
// them together in its own order.

import { base64Lines, htmlEscape, quotedPrintable } from '../../demo/mime.js';
import type { Prng } from '../../demo/prng.js';
import { updateLag } from './client-versions.js';
import { rfc5322 } from './clock.js';
import type { Attachment, Letter, Person } from './mail-model.js';

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

export interface AddrStyle {
  charset: string;
  mode: 'Q' | 'B';
  /** Outlook quotes every display name: "Alice Smith" <alice@x>. */
  quoteAlways?: boolean;
  fold: string;
}

export function address(p: Person, st: AddrStyle): string {
  if (!p.name) return p.email;
  let name: string;
  if (!ASCII.test(p.name)) name = encodedWords(p.name, st.charset, st.mode);
  else if (st.quoteAlways || /[,.;:"()<>@']/.test(p.name)) name = `"${p.name.replace(/"/g, '\\"')}"`;
  else name = p.name;
  return `${name} <${p.email}>`;
}

export function addressList(list: Person[], st: AddrStyle): string {
  return list.map((p) => address(p, st)).join(`,${st.fold}`);
}

export function subjectValue(s: string, charset: string, mode: 'Q' | 'B'): string {
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

export interface Node {
  headers: string[];
  body: Buffer;
}

export function multipart(headers: string[], boundary: string, parts: Node[], preamble?: string): Node {
  const chunks: Buffer[] = [];
  if (preamble) chunks.push(Buffer.from(`${preamble}\r\n`));
  for (const p of parts) {
    chunks.push(Buffer.from(`${chunks.length ? '\r\n' : ''}--${boundary}\r\n`));
    chunks.push(serialise(p));
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { headers, body: Buffer.concat(chunks) };
}

export function serialise(n: Node): Buffer {
  return Buffer.concat([Buffer.from(`${n.headers.join('\r\n')}\r\n\r\n`, 'utf8'), n.body]);
}

export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export type Cte = 'quoted-printable' | '7bit' | '8bit' | 'base64';

export function encodeText(text: string, cte: Cte): Buffer {
  if (cte === 'quoted-printable') return Buffer.from(quotedPrintable(text), 'latin1');
  if (cte === 'base64') return Buffer.from(base64Lines(Buffer.from(crlf(text), 'utf8')), 'latin1');
  return Buffer.from(crlf(text), 'utf8');
}

/** RFC 3676 format=flowed: soft line breaks end in a space; quoted lines keep their '>' prefix. */
export function flowed(text: string, width = 72, delsp = false): string {
  // With delsp=yes the reader deletes the space before a soft break, so a break between words keeps two
  // (Thunderbird's nsPlainTextSerializer: "If breaker character is ASCII space with RFC 3676 support
  // (delsp=yes), add twice space").
  const soft = delsp ? '  ' : ' ';
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
        out.push(`${prefix}${line}${soft}`);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    out.push(`${prefix}${line}`);
  }
  return out.join('\n');
}

export function paragraphsHtml(text: string, wrap: (para: string) => string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => wrap(p.split('\n').map(htmlEscape).join('<br>\n')))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/** FILETIME (100 ns since 1601) as Outlook writes it in Message-IDs, boundaries and Thread-Index. */
export function filetime(at: number): { hi: number; lo: number } {
  const ft = (BigInt(at) + 11644473600000n) * 10000n;
  return { hi: Number(ft >> 32n), lo: Number(ft & 0xffffffffn) };
}
export const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function alnum(prng: Prng, n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[prng.int(0, alphabet.length - 1)];
  return s;
}

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
export function threadIndexFor(letter: Letter, ctx: ComposeContext, prng: Prng): string {
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

export function hdr(name: string, value: string | undefined): string[] {
  return value === undefined ? [] : [`${name}: ${value}`];
}

export function refsValue(letter: Letter, fold = '\r\n '): string | undefined {
  return letter.references.length ? letter.references.map((r) => `<${r}>`).join(fold) : undefined;
}

export function applyExtra(headers: string[], letter: Letter): string[] {
  let out = headers;
  for (const [name, value] of letter.extraHeaders ?? []) {
    const i = out.findIndex((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    if (value === '') out = out.filter((_, k) => k !== i);
    else if (i >= 0) out = out.map((h, k) => (k === i ? `${name}: ${value}` : h));
    else out = [...out, `${name}: ${value}`];
  }
  return out;
}

export function isAscii(text: string): boolean {
  return !/[^\t\n\r\x20-\x7e]/.test(text);
}

export function b64Part(headers: string[], data: Buffer): Node {
  return { headers, body: Buffer.from(base64Lines(data), 'latin1') };
}

export type Composer = (letter: Letter, prng: Prng, ctx: ComposeContext) => Node;

export const lagOf = (letter: Letter, ctx: ComposeContext) => ctx.lagDays ?? updateLag(letter.from.email);

export const outlookHtml = (text: string, locale: string) =>
  `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n<style><!--\np.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:11.0pt;\n\tfont-family:"Calibri",sans-serif;}\n--></style>\n</head>\n<body lang="${locale.slice(0, 2).toUpperCase()}" link="#0563C1" vlink="#954F72">\n<div class="WordSection1">\n${paragraphsHtml(text, (p) => `<p class="MsoNormal">${p}<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>`)}\n</div>\n</body>\n</html>\n`;

export type AttStyle = 'outlook' | 'exchange' | 'apple' | 'iphone' | 'thunderbird' | 'roundcube' | 'gmail' | 'scanner';

export function attachmentPart(a: Attachment, style: AttStyle, at = 0, prng?: Prng): Node {
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

/**
 * Gmail's MIME (web and Android): text/plain (7bit when short ASCII lines, else quoted-printable) and
 * the app's HTML in multipart/alternative, attachments in multipart/mixed, Gmail's header order.
 * Gmail's boundary hides the composition time in microseconds (Metaspike, "Gmail MIME Boundary
 * Delimiter Timestamps"): 12 zeros, the low 6 hex digits, the high 8, then 2 more.
 */
export function gmailMessage(letter: Letter, prng: Prng, html: (text: string) => string): Node {
  const st: AddrStyle = { charset: 'UTF-8', mode: 'B', fold: ', ' };
  let tick = 0;
  const gb = () => {
    const us = (BigInt(letter.date) * 1000n + BigInt(prng.int(0, 999) + 1000 * tick++)).toString(16).padStart(14, '0');
    return `000000000000${us.slice(8)}${us.slice(0, 8)}${prng.hex(2)}`;
  };
  const cte: Cte | null = isAscii(letter.text) && !letter.text.split('\n').some((l) => l.length > 76) ? null : 'quoted-printable';
  const textPart: Node = {
    headers: ['Content-Type: text/plain; charset="UTF-8"', ...(cte ? [`Content-Transfer-Encoding: ${cte}`] : [])],
    body: encodeText(letter.text, cte ?? '7bit'),
  };
  const htmlPart: Node = {
    headers: ['Content-Type: text/html; charset="UTF-8"', 'Content-Transfer-Encoding: quoted-printable'],
    body: encodeText(html(letter.text), 'quoted-printable'),
  };
  const bAlt = gb();
  let body = multipart([`Content-Type: multipart/alternative; boundary="${bAlt}"`], bAlt, [textPart, htmlPart]);
  if (letter.attachments.length) {
    const bMix = gb();
    body = multipart([`Content-Type: multipart/mixed; boundary="${bMix}"`], bMix, [
      body,
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
}
