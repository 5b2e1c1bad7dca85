// The hold-out organisations' mail clients (seeds 4-6) and the forgers' tools, byte for byte.
// Sources (real messages on public archives, looked up with the project's search tool):
// - Outlook on the web / Exchange Online (2023): header order From, To, Subject, Thread-Topic, Thread-Index,
//   Date in +0000, Message-ID "<VI1PR09MB2942…@VI1PR09MB2942.eurprd09.prod.outlook.com>" (mailbox server +
//   25 hex), References, In-Reply-To, Accept-Language, Content-Language, X-MS-Has-Attach,
//   X-MS-TNEF-Correlator, msip_labels; boundary "_000_<local part><17 host chars>_"; the HTML body's
//   <div class="elementToProof">; a reply opens with 32 underscores (FaetterP/mailgun-send-receive messages.js).
// - Outlook for Mac through Exchange: Message-ID "<UUID@sender domain>", "user-agent:
//   Microsoft-MacOutlook/16.78.23102103" among Exchange's headers, a text part with a Content-ID (lkml,
//   oss-security 2020-2023); Outlook 2016 for Mac over IMAP/SMTP: "User-Agent: Microsoft-MacOutlook/f.21.0.170409"
//   (hexadecimal minor version), Date with a padded day, boundary "B_<seconds since 1904>_<digits>".
// - Samsung Email: Date, Subject, Importance: normal, From, To, MIME-Version, boundary
//   "--_com.samsung.android.email_<17 digits>", base64 text parts, no Message-ID on the SMTP copy
//   (galaxyproject/galaxy#9295); the IMAP-appended Sent copy has one in AOSP Email's form
//   "<24 base-36 chars>.<millis>@email.android.com".
// - Zimbra web client: Date with the zone name "(BRT)", Message-ID "<hash.counter.millis.JavaMail.zimbra@domain>",
//   JavaMail boundary "----=_Part_<n>_<hash>.<millis>", X-Originating-IP, X-Mailer "Zimbra 8.8.15_GA_4484
//   (ZimbraWebClient - GC109 (Linux)/8.8.15_GA_4481)", Thread-Topic, Thread-Index (lkml 2019-2025).
// - Becky! Internet Mail: Message-Id "<20200403200712.7A13.4A936039@socionext.com>" (local time, 4 hex,
//   8 hex per installation), Date with a padded day, X-Mailer "Becky! ver. 2.70 [ja]", ISO-2022-JP bodies.
// - Spark: Message-ID "<uuid@Spark>", X-Readdle-Message-ID, boundary "<hex unix time>_<hex of a C rand()
//   value>_<hex counter>", quoted-printable parts with Content-Disposition: inline.
// - Mailspring: Message-ID "<UUID@getmailspring.com>", X-Mailer: Mailspring, Content-Disposition: inline.
// - Forgers' tools: swaks ("Message-Id: <%Y%m%d%H%M%S.%pid@host>", "X-Mailer: swaks v20201014.0
//   jetmore.org/john/code/swaks/"), Mutt 2 (Message-ID: base64 of a 4-byte time and 8 random bytes @ host,
//   "User-Agent: Mutt/2.2.12 (2023-09-09)"), Mutt 1 ("<20170405101502.GA12345@host>"), Claws Mail
//   ("<%Y%m%d%H%M%S.%08x@host>", "X-Mailer: Claws Mail 4.2.0 (GTK 3.24.38; x86_64-pc-linux-gnu)"),
//   nodemailer (mail-composer: "<8hex-4hex-4hex-4hex-12hex@from domain>", Date in +0000 with a padded day).

import iconv from 'iconv-lite';
import type { Prng } from '../../demo/prng.js';
import { offsetAt, offsetText, rfc5322, wall } from './clock.js';
import { macOutlookAt, zimbraAt } from './client-versions.js';
import type { ClientId, Letter, Person } from './mail-model.js';
import {
  address,
  addressList,
  alnum,
  applyExtra,
  attachmentPart,
  b64Part,
  crlf,
  encodeText,
  hdr,
  isAscii,
  lagOf,
  multipart,
  outlookHtml,
  paragraphsHtml,
  refsValue,
  subjectValue,
  threadIndexFor,
  type AddrStyle,
  type ComposeContext,
  type Composer,
  type Cte,
  type Node,
  gmailMessage,
} from './mime-build.js';

// ---------------------------------------------------------------------------------------------
// ISO-2022-JP (RFC 1468), as Becky! and Thunderbird write Japanese mail: JIS X 0208 between ESC $ B and
// ESC ( B, derived from iconv-lite's EUC-JP (the same code points with the high bit set).

function iso2022jp(text: string): Buffer {
  const out: number[] = [];
  let kanji = false;
  for (const ch of text) {
    const e = iconv.encode(ch, 'euc-jp');
    if (e.length === 1 && e[0] < 0x80) {
      if (kanji) out.push(0x1b, 0x28, 0x42);
      kanji = false;
      out.push(e[0]);
      continue;
    }
    if (e.length !== 2 || e[0] < 0xa1) throw new Error(`iso2022jp: "${ch}" is not in JIS X 0208`);
    if (!kanji) out.push(0x1b, 0x24, 0x42);
    kanji = true;
    out.push(e[0] - 0x80, e[1] - 0x80);
  }
  if (kanji) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

/** An ISO-2022-JP text body: each line returns to ASCII before its CRLF. */
export function jisText(text: string): Buffer {
  return Buffer.concat(
    crlf(text)
      .split('\r\n')
      .map((l, i) => Buffer.concat([i ? Buffer.from('\r\n') : Buffer.alloc(0), iso2022jp(l)])),
  );
}

/** RFC 2047 B-words in ISO-2022-JP, each word ending in ASCII mode. */
export function jisSubject(s: string): string {
  if (isAscii(s)) return s;
  const words: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (cur && Math.ceil(iso2022jp(cur + ch).length / 3) * 4 > 48) {
      words.push(`=?ISO-2022-JP?B?${iso2022jp(cur).toString('base64')}?=`);
      cur = '';
    }
    cur += ch;
  }
  if (cur) words.push(`=?ISO-2022-JP?B?${iso2022jp(cur).toString('base64')}?=`);
  return words.join('\r\n ');
}

function jisAddress(p: Person): string {
  return isAscii(p.name) ? address(p, { charset: 'us-ascii', mode: 'B', fold: ' ' }) : `${jisSubject(p.name)} <${p.email}>`;
}

// ---------------------------------------------------------------------------------------------
// Message-IDs

const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
/** glibc's first rand() values: Spark's boundary carries one of them. */
const C_RAND = [0x6b8b4567, 0x327b23c6, 0x643c9869, 0x66334873, 0x74b0dc51, 0x19495cff, 0x2ae8944a, 0x625558ec];

/** The per-installation part of a Becky! Message-Id, stable for a person. */
function installationTag(p: Person, salt: string): string {
  let h = 2166136261;
  for (const c of `${salt}:${p.email}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16).toUpperCase().padStart(8, '0');
}

const javamailCounter = new WeakMap<Person, number>();

export function holdoutMessageId(client: ClientId, person: Person, at: number, prng: Prng, host?: string): string | undefined {
  const domain = person.email.split('@')[1];
  const local = wall(at, offsetAt(person.zone, at));
  const p2 = (n: number) => String(n).padStart(2, '0');
  const stamp = (w: ReturnType<typeof wall>) => `${w.year}${p2(w.month)}${p2(w.day)}${p2(w.hour)}${p2(w.minute)}${p2(w.second)}`;
  switch (client) {
    case 'outlook-mac':
    case 'mailspring':
      return `${prng.uuid().toUpperCase()}@${client === 'mailspring' ? 'getmailspring.com' : domain}`;
    case 'spark':
      return `${prng.uuid()}@Spark`;
    case 'samsung-email':
      // The SMTP copy has none; the submission server adds one.
      return undefined;
    case 'gmail-android':
      return `CA${alnum(prng, 1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${alnum(prng, 46, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-=')}@mail.gmail.com`;
    case 'zimbra-web': {
      const n = (javamailCounter.get(person) ?? prng.int(1000, 600000)) + prng.int(1, 40);
      javamailCounter.set(person, n);
      return `${prng.int(100000000, 2147483647)}.${n}.${at}.JavaMail.zimbra@${host ?? domain}`;
    }
    case 'becky':
      return `${stamp(local)}.${prng.hex(4).toUpperCase()}.${installationTag(person, 'becky')}@${domain}`;
    case 'swaks':
      return `${stamp(local)}.${prng.int(1200, 99999)}@${host ?? 'localhost'}`;
    case 'mutt': {
      if (at < Date.parse('2020-11-01'))
        return `${stamp(wall(at, 0))}.G${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[prng.int(0, 25)]}${prng.int(1000, 32000)}@${host ?? 'localhost'}`;
      const b = Buffer.alloc(12);
      b.writeUInt32BE(Math.floor(at / 1000), 0);
      prng.bytes(8).copy(b, 4);
      return `${b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}@${host ?? 'localhost'}`;
    }
    case 'claws':
      return `${stamp(local)}.${prng.hex(8)}@${host ?? 'localhost'}`;
    case 'nodemailer':
      return `${prng.hex(8)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(4)}-${prng.hex(12)}@${domain}`;
    default:
      return undefined;
  }
}

/** Exchange Online's Message-ID: the mailbox server's short name and 25 hex digits. */
export function exoMessageId(server: string, prng: Prng): string {
  return `${server.split('.')[0].toUpperCase()}${prng.hex(25).toUpperCase()}@${server}`;
}

/** On-premises Exchange (2010-2016): 32 hex digits fixed for the mailbox, then an 8-digit counter, upper case
 *  ("<2236FBA76BA1254E88B949DDB74E612BA4C77445@IRSMSX102.ger.corp.intel.com>"). */
const onPremCounters = new WeakMap<Person, number>();
export function exchangeOnPremId(person: Person, server: string, prng: Prng): string {
  const prefix = [...Array(4)].map((_, i) => installationTag(person, `exch${i}`)).join('');
  const n = (onPremCounters.get(person) ?? prng.int(0x10000000, 0xa0000000)) + prng.int(3, 400);
  onPremCounters.set(person, n);
  return `${prefix}${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}@${server}`;
}

/** The Message-ID Samsung Email writes into the copy it appends to Sent over IMAP (AOSP Email's form). */
export function androidEmailId(at: number, prng: Prng): string {
  let s = '';
  for (let i = 0; i < 24; i++) s += B36[prng.int(0, 35)];
  return `${s}.${at}@email.android.com`;
}

// ---------------------------------------------------------------------------------------------
// Composers

const WEB_HTML = (text: string, at: number) =>
  `<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n</head>\n<body dir="ltr">\n${paragraphsHtml(
    text,
    (p) =>
      `<div class="elementToProof" style="font-family: ${at >= Date.parse('2024-01-15') ? 'Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif' : 'Calibri, Arial, Helvetica, sans-serif'}; font-size: 12pt; color: rgb(0, 0, 0);">\n${p}</div>`,
  )}\n</body>\n</html>\n`;

function exchangeMime(letter: Letter, html: string, prng: Prng, withId: boolean): { ct: string; body: Buffer; textCid?: string } {
  const [local, host] = letter.messageId.split('@');
  const tag = (local.replace(/[^A-Za-z0-9]/g, '') + (host ?? '').replace(/[^A-Za-z0-9]/g, '')).slice(
    0,
    local.replace(/[^A-Za-z0-9]/g, '').length + 17,
  );
  const cte: Cte = isAscii(letter.text) ? 'quoted-printable' : 'base64';
  const textPart: Node = {
    headers: ['Content-Type: text/plain; charset="utf-8"', `Content-Transfer-Encoding: ${cte}`],
    body: encodeText(letter.text, cte),
  };
  if (!html) {
    const cid = withId ? `${prng.hex(32).toUpperCase()}@${host?.replace(/^[A-Z0-9]+\./i, '') ?? 'local'}` : undefined;
    return { ct: textPart.headers[0], body: textPart.body, textCid: cid };
  }
  const htmlPart: Node = {
    headers: ['Content-Type: text/html; charset="utf-8"', `Content-Transfer-Encoding: ${cte}`],
    body: encodeText(html, cte),
  };
  const bAlt = `_000_${tag}_`;
  const alt = multipart([`Content-Type: multipart/alternative;\r\n\tboundary="${bAlt}"`], bAlt, [textPart, htmlPart]);
  if (!letter.attachments.length) return { ct: alt.headers[0], body: alt.body };
  const bMix = `_004_${tag}_`;
  const mixed = multipart([`Content-Type: multipart/mixed;\r\n\tboundary="${bMix}"`], bMix, [
    alt,
    ...letter.attachments.map((a) => attachmentPart(a, 'exchange', letter.date)),
  ]);
  return { ct: mixed.headers[0], body: mixed.body };
}

/** Classic Outlook, Outlook on the web and the new Outlook, as Exchange Online turns them into MIME. */
function exoComposer(kind: 'classic' | 'web'): Composer {
  return (letter, prng, ctx) => {
    const st: AddrStyle = { charset: 'utf-8', mode: 'B', fold: '\r\n\t' };
    const html = kind === 'classic' ? outlookHtml(letter.text, letter.from.locale) : WEB_HTML(letter.text, letter.date);
    const m = exchangeMime(letter, html, prng, false);
    const locale = letter.from.locale;
    const headers = [
      ...hdr('From', address(letter.from, st)),
      ...hdr('To', addressList(letter.to, st)),
      ...(letter.cc.length ? hdr('CC', addressList(letter.cc, st)) : []),
      ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'B')),
      ...hdr('Thread-Topic', subjectValue(letter.subject.replace(/^((re|aw|res|fw|fwd|wg|enc|tr)\s*:\s*)+/i, ''), 'utf-8', 'B')),
      ...hdr('Thread-Index', threadIndexFor(letter, ctx, prng)),
      ...hdr('Date', rfc5322(letter.date, 0)),
      ...hdr('Message-ID', `<${letter.messageId}>`),
      ...hdr('References', refsValue(letter, '\r\n\t')),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('Accept-Language', `${locale}, en-US`),
      ...hdr('Content-Language', locale),
      `X-MS-Has-Attach: ${letter.attachments.length ? 'yes' : ''}`,
      'X-MS-TNEF-Correlator: ',
      'msip_labels: ',
      m.ct,
      'MIME-Version: 1.0',
    ];
    return { headers: applyExtra(headers, letter), body: m.body };
  };
}

function macOutlook(letter: Letter, prng: Prng, ctx: ComposeContext): Node {
  const ua = `Microsoft-MacOutlook/${macOutlookAt(letter.date, lagOf(letter, ctx))}`;
  const st: AddrStyle = { charset: 'utf-8', mode: 'B', fold: '\r\n\t' };
  if (ctx.exchangeServer) {
    const m = exchangeMime(letter, letter.attachments.length ? outlookHtml(letter.text, letter.from.locale) : '', prng, true);
    const headers = [
      ...hdr('From', address(letter.from, st)),
      ...hdr('To', addressList(letter.to, st)),
      ...(letter.cc.length ? hdr('CC', addressList(letter.cc, st)) : []),
      ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'B')),
      ...hdr('Thread-Topic', subjectValue(letter.subject.replace(/^((re|aw|res|fw|fwd|wg|enc)\s*:\s*)+/i, ''), 'utf-8', 'B')),
      ...hdr('Thread-Index', threadIndexFor(letter, ctx, prng)),
      ...hdr('Date', rfc5322(letter.date, 0)),
      ...hdr('Message-ID', `<${letter.messageId}>`),
      ...hdr('References', refsValue(letter)),
      ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
      ...hdr('Accept-Language', 'en-US'),
      ...hdr('Content-Language', letter.from.locale),
      `X-MS-Has-Attach: ${letter.attachments.length ? 'yes' : ''}`,
      'X-MS-TNEF-Correlator: ',
      `user-agent: ${ua}`,
      ...(ctx.originatingIp ? [`x-originating-ip: [${ctx.originatingIp}]`] : []),
      m.ct,
      ...(m.textCid ? [`Content-ID: <${m.textCid}>`] : []),
      ...(m.textCid ? ['Content-Transfer-Encoding: base64'] : []),
      'MIME-Version: 1.0',
    ];
    const body = m.textCid ? encodeText(letter.text, 'base64') : m.body;
    return { headers: applyExtra(headers, letter), body };
  }
  // Over IMAP/SMTP the client writes its own MIME.
  const b = `B_${Math.floor(letter.date / 1000) + 2082844800}_${prng.int(100000000, 2147483647)}`;
  const cte = isAscii(letter.text) ? '7bit' : 'quoted-printable';
  const textPart: Node = {
    headers: ['Content-type: text/plain;\r\n\tcharset="UTF-8"', `Content-transfer-encoding: ${cte}`],
    body: encodeText(letter.text, cte),
  };
  const htmlPart: Node = {
    headers: [
      'Content-type: text/html;\r\n\tcharset="UTF-8"',
      `Content-transfer-encoding: ${cte === '7bit' ? '7bit' : 'quoted-printable'}`,
    ],
    body: encodeText(
      `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)"></head><body lang=EN-US link="#0563C1" vlink="#954F72"><div class=WordSection1>${paragraphsHtml(letter.text, (p) => `<p class=MsoNormal>${p}<o:p></o:p></p>`)}</div></body></html>`,
      cte === '7bit' ? '7bit' : 'quoted-printable',
    ),
  };
  const alt = multipart(
    [`Content-type: multipart/alternative;\r\n\tboundary="${b}"`],
    b,
    [textPart, htmlPart],
    '> This message is in MIME format. Since your mail reader does not understand\r\nthis format, some or all of this message may not be legible.\r\n',
  );
  const headers = [
    `User-Agent: ${ua}`,
    ...hdr('Date', rfc5322(letter.date, letter.offsetMin, true)),
    ...hdr('Subject', subjectValue(letter.subject, 'UTF-8', 'Q')),
    ...hdr('From', address(letter.from, { ...st, mode: 'Q' })),
    ...hdr('To', addressList(letter.to, { ...st, mode: 'Q' })),
    ...(letter.cc.length ? hdr('CC', addressList(letter.cc, { ...st, mode: 'Q' })) : []),
    ...hdr('Message-ID', `<${letter.messageId}>`),
    ...hdr('Thread-Topic', subjectValue(letter.subject.replace(/^((re|aw|res|fw|fwd)\s*:\s*)+/i, ''), 'UTF-8', 'Q')),
    ...hdr('References', refsValue(letter)),
    ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
    'Mime-version: 1.0',
    alt.headers[0],
  ];
  return { headers: applyExtra(headers, letter), body: alt.body };
}

function samsungEmail(letter: Letter, prng: Prng): Node {
  const b = `--_com.samsung.android.email_${prng.int(10000, 99999)}${prng.int(100000000, 999999999)}${prng.int(100, 999)}`;
  const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body dir="auto">${paragraphsHtml(letter.text, (p) => `<div dir="auto">${p}</div><div dir="auto"><br></div>`)}</body></html>`;
  const parts: Node[] = [
    b64Part(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'], Buffer.from(crlf(letter.text), 'utf8')),
    b64Part(['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64'], Buffer.from(html, 'utf8')),
  ];
  let body = multipart([`Content-Type: multipart/alternative; boundary="${b}"`], b, parts);
  if (letter.attachments.length) {
    const bm = `--_com.samsung.android.email_${prng.int(10000, 99999)}${prng.int(100000000, 999999999)}${prng.int(100, 999)}`;
    body = multipart([`Content-Type: multipart/mixed; boundary="${bm}"`], bm, [
      body,
      ...letter.attachments.map((a) => attachmentPart(a, 'thunderbird')),
    ]);
  }
  const st: AddrStyle = { charset: 'UTF-8', mode: 'B', quoteAlways: true, fold: ', ' };
  const headers = [
    ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
    ...hdr('Subject', subjectValue(letter.subject, 'UTF-8', 'B')),
    'Importance: normal',
    ...hdr('From', address(letter.from, st)),
    ...hdr('To', letter.to.map((p) => address(p, st)).join(', ')),
    ...(letter.cc.length ? hdr('Cc', letter.cc.map((p) => address(p, st)).join(', ')) : []),
    ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
    ...hdr('References', refsValue(letter, ' ')),
    'MIME-Version: 1.0',
    body.headers[0],
  ];
  return { headers: applyExtra(headers, letter), body: body.body };
}

/** Gmail for Android: Gmail's MIME with the app's `dir="auto"` paragraphs. */
function gmailAndroid(letter: Letter, prng: Prng): Node {
  return gmailMessage(
    letter,
    prng,
    (text) => `<div dir="auto">${paragraphsHtml(text, (p) => `<div dir="auto">${p}</div><div dir="auto"><br></div>`)}</div>\n`,
  );
}

/** Java's short zone names, as Zimbra's Date header carries them. */
function javaZoneName(zone: string, at: number): string {
  const off = offsetAt(zone, at);
  const names: Record<string, Record<number, string>> = {
    'America/Sao_Paulo': { [-180]: 'BRT', [-120]: 'BRST' },
    'America/Cuiaba': { [-240]: 'AMT', [-180]: 'AMST' },
    'Europe/Berlin': { 60: 'CET', 120: 'CEST' },
    'Europe/Lisbon': { 0: 'WET', 60: 'WEST' },
  };
  return names[zone]?.[off] ?? `GMT${offsetText(off, ':')}`;
}

function zimbraWeb(letter: Letter, prng: Prng, ctx: ComposeContext): Node {
  const v = zimbraAt(letter.date, lagOf(letter, ctx));
  const st: AddrStyle = { charset: 'utf-8', mode: 'Q', quoteAlways: true, fold: ', ' };
  const part = () => `----=_Part_${prng.int(100, 900000)}_${prng.int(100000000, 2147483647)}.${letter.date + prng.int(1, 900)}`;
  const cte: Cte = isAscii(letter.text) ? '7bit' : 'quoted-printable';
  const textPart: Node = {
    headers: ['Content-Type: text/plain; charset=utf-8', `Content-Transfer-Encoding: ${cte}`],
    body: encodeText(letter.text, cte),
  };
  const html = `<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000">${paragraphsHtml(letter.text, (p) => `<div>${p}</div><div><br data-mce-bogus="1"></div>`)}</div></body></html>`;
  const htmlPart: Node = {
    headers: ['Content-Type: text/html; charset=utf-8', `Content-Transfer-Encoding: ${cte}`],
    body: encodeText(html, cte),
  };
  const bAlt = part();
  let body = multipart([`Content-Type: multipart/alternative; \r\n\tboundary="${bAlt}"`], bAlt, [textPart, htmlPart]);
  if (letter.attachments.length) {
    const bMix = part();
    body = multipart([`Content-Type: multipart/mixed; \r\n\tboundary="${bMix}"`], bMix, [
      body,
      ...letter.attachments.map((a) => attachmentPart(a, 'thunderbird')),
    ]);
  }
  const zone = letter.from.zone;
  const headers = [
    ...hdr('Date', `${rfc5322(letter.date, letter.offsetMin)} (${javaZoneName(zone, letter.date)})`),
    ...hdr('From', address(letter.from, st)),
    ...hdr('To', letter.to.map((p) => address(p, st)).join(', ')),
    ...(letter.cc.length ? hdr('Cc', letter.cc.map((p) => address(p, st)).join(', ')) : []),
    ...hdr('Message-ID', `<${letter.messageId}>`),
    ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
    ...hdr('References', refsValue(letter, ' ')),
    ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'Q')),
    'MIME-Version: 1.0',
    body.headers[0],
    `X-Originating-IP: [${ctx.originatingIp ?? '10.0.0.50'}]`,
    `X-Mailer: Zimbra ${v.server} (ZimbraWebClient - ${v.browser}/${v.client})`,
    ...hdr('Thread-Topic', subjectValue(letter.subject.replace(/^((re|res|fwd|enc)\s*:\s*)+/i, ''), 'utf-8', 'Q')),
    ...hdr('Thread-Index', threadIndexFor(letter, ctx, prng)),
  ];
  return { headers: applyExtra(headers, letter), body: body.body };
}

function beckyMail(letter: Letter, prng: Prng): Node {
  const jp = !isAscii(letter.text + letter.subject + letter.to.map((p) => p.name).join(''));
  const headers = [
    ...hdr('Date', rfc5322(letter.date, letter.offsetMin, true)),
    ...hdr('From', jisAddress(letter.from)),
    ...hdr('To', letter.to.map(jisAddress).join(',\r\n ')),
    ...hdr('Subject', jisSubject(letter.subject)),
    ...(letter.cc.length ? hdr('Cc', letter.cc.map(jisAddress).join(',\r\n ')) : []),
    ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
    ...hdr('References', refsValue(letter, ' ')),
    ...hdr('Message-Id', `<${letter.messageId}>`),
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset="${jp ? 'ISO-2022-JP' : 'US-ASCII'}"`,
    'Content-Transfer-Encoding: 7bit',
    `X-Mailer: Becky! ver. ${letter.date < Date.parse('2017-11-01') ? '2.73.01' : '2.74.02'} [ja]`,
  ];
  if (letter.attachments.length) {
    const b = `----_NextPart_${prng.hex(4).toUpperCase()}_${prng.hex(8).toUpperCase()}.${prng.hex(8).toUpperCase()}`;
    const node = multipart([], b, [
      {
        headers: [`Content-Type: text/plain; charset="${jp ? 'ISO-2022-JP' : 'US-ASCII'}"`, 'Content-Transfer-Encoding: 7bit'],
        body: jp ? jisText(letter.text) : Buffer.from(crlf(letter.text)),
      },
      ...letter.attachments.map((a) => attachmentPart(a, 'thunderbird')),
    ]);
    return {
      headers: applyExtra(
        headers
          .map((h) => (h.startsWith('Content-Type:') ? `Content-Type: multipart/mixed;\r\n boundary="${b}"` : h))
          .filter((h) => !h.startsWith('Content-Transfer-Encoding')),
        letter,
      ),
      body: node.body,
    };
  }
  return { headers: applyExtra(headers, letter), body: jp ? jisText(letter.text) : Buffer.from(crlf(letter.text)) };
}

function sparkMail(letter: Letter, prng: Prng): Node {
  const st: AddrStyle = { charset: 'utf-8', mode: 'Q', quoteAlways: true, fold: ', ' };
  const b = `${Math.floor(letter.date / 1000).toString(16)}_${C_RAND[prng.int(0, C_RAND.length - 1)].toString(16)}_${prng.int(16, 0xffff).toString(16)}`;
  const textPart: Node = {
    headers: ['Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: quoted-printable', 'Content-Disposition: inline'],
    body: encodeText(letter.text, 'quoted-printable'),
  };
  const htmlPart: Node = {
    headers: ['Content-Type: text/html; charset="utf-8"', 'Content-Transfer-Encoding: quoted-printable', 'Content-Disposition: inline'],
    body: encodeText(
      `<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<title></title>\n</head>\n<body>\n${paragraphsHtml(letter.text, (p) => `<div name="messageBodySection">\n<div dir="auto">${p}</div>\n</div>`)}\n</body>\n</html>\n`,
      'quoted-printable',
    ),
  };
  let body = multipart([`Content-Type: multipart/alternative; boundary="${b}"`], b, [textPart, htmlPart]);
  if (letter.attachments.length) {
    const bm = `${Math.floor(letter.date / 1000).toString(16)}_${C_RAND[prng.int(0, C_RAND.length - 1)].toString(16)}_${prng.int(16, 0xffff).toString(16)}`;
    body = multipart([`Content-Type: multipart/mixed; boundary="${bm}"`], bm, [
      body,
      ...letter.attachments.map((a) => attachmentPart(a, 'thunderbird')),
    ]);
  }
  const id = letter.messageId;
  const headers = [
    ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
    ...hdr('From', address(letter.from, st)),
    ...hdr('To', addressList(letter.to, { ...st, fold: ',\r\n ' })),
    ...(letter.cc.length ? hdr('Cc', addressList(letter.cc, { ...st, fold: ',\r\n ' })) : []),
    ...hdr('Message-ID', `<${id}>`),
    ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
    ...hdr('References', refsValue(letter)),
    ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'Q')),
    `X-Readdle-Message-ID: ${id}`,
    'MIME-Version: 1.0',
    body.headers[0],
  ];
  return { headers: applyExtra(headers, letter), body: body.body };
}

function mailspring(letter: Letter, prng: Prng): Node {
  const st: AddrStyle = { charset: 'utf-8', mode: 'Q', fold: ',\r\n ' };
  const cte = isAscii(letter.text) ? '7bit' : 'quoted-printable';
  let ct = ['Content-Type: text/plain; charset="utf-8"', `Content-Transfer-Encoding: ${cte}`, 'Content-Disposition: inline'];
  let body = encodeText(letter.text, cte);
  if (letter.attachments.length) {
    const b = `${prng.hex(8)}_${prng.hex(8)}_${prng.int(16, 4000).toString(16)}`;
    const node = multipart([], b, [{ headers: ct, body }, ...letter.attachments.map((a) => attachmentPart(a, 'thunderbird'))]);
    ct = [`Content-Type: multipart/mixed; boundary="${b}"`];
    body = node.body;
  }
  const headers = [
    ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
    ...hdr('From', address(letter.from, st)),
    ...hdr('To', addressList(letter.to, st)),
    ...(letter.cc.length ? hdr('Cc', addressList(letter.cc, st)) : []),
    ...hdr('Message-ID', `<${letter.messageId}>`),
    ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
    ...hdr('References', refsValue(letter)),
    ...hdr('Subject', subjectValue(letter.subject, 'utf-8', 'Q')),
    'X-Mailer: Mailspring',
    'MIME-Version: 1.0',
    ...ct,
  ];
  return { headers: applyExtra(headers, letter), body };
}

function plainTool(headersFor: (letter: Letter, cte: string, charset: string) => string[]): Composer {
  return (letter) => {
    const ascii = isAscii(letter.text);
    const cte = ascii ? '7bit' : 'quoted-printable';
    return { headers: applyExtra(headersFor(letter, cte, ascii ? 'us-ascii' : 'utf-8'), letter), body: encodeText(letter.text, cte) };
  };
}

const swaks = plainTool((l) => [
  ...hdr('Date', rfc5322(l.date, l.offsetMin, true)),
  ...hdr('To', l.to.map((p) => p.email).join(', ')),
  ...hdr('From', l.from.email),
  ...hdr('Subject', subjectValue(l.subject, 'UTF-8', 'Q')),
  ...hdr('Message-Id', `<${l.messageId}>`),
  `X-Mailer: swaks v${l.date < Date.parse('2020-10-14') ? '20181104.0' : l.date < Date.parse('2024-01-03') ? '20201014.0' : '20240103.0'} jetmore.org/john/code/swaks/`,
  ...(isAscii(l.text)
    ? []
    : ['MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable']),
]);

const mutt = plainTool((l, cte, charset) => [
  ...hdr('Date', rfc5322(l.date, l.offsetMin)),
  ...hdr('From', address(l.from, { charset: 'utf-8', mode: 'Q', fold: ', ' })),
  ...hdr('To', l.to.map((p) => address(p, { charset: 'utf-8', mode: 'Q', fold: ', ' })).join(', ')),
  ...hdr('Subject', subjectValue(l.subject, 'utf-8', 'Q')),
  ...hdr('Message-ID', `<${l.messageId}>`),
  ...hdr('References', refsValue(l)),
  'MIME-Version: 1.0',
  `Content-Type: text/plain; charset=${charset}`,
  'Content-Disposition: inline',
  `Content-Transfer-Encoding: ${cte === '7bit' ? '8bit' : cte}`,
  ...hdr('In-Reply-To', l.inReplyTo && `<${l.inReplyTo}>`),
  `User-Agent: ${l.date < Date.parse('2020-11-01') ? 'Mutt/1.9.4 (2018-02-28)' : 'Mutt/2.2.12 (2023-09-09)'}`,
]);

const claws = plainTool((l, cte, charset) => [
  ...hdr('Date', rfc5322(l.date, l.offsetMin)),
  ...hdr('From', address(l.from, { charset: 'UTF-8', mode: 'Q', fold: ', ' })),
  ...hdr('To', l.to.map((p) => address(p, { charset: 'UTF-8', mode: 'Q', fold: ', ' })).join(', ')),
  ...hdr('Subject', subjectValue(l.subject, 'UTF-8', 'Q')),
  ...hdr('Message-ID', `<${l.messageId}>`),
  ...hdr('In-Reply-To', l.inReplyTo && `<${l.inReplyTo}>`),
  ...hdr('References', refsValue(l)),
  `X-Mailer: ${l.date < Date.parse('2020-01-01') ? 'Claws Mail 3.15.1 (GTK+ 2.24.31; x86_64-pc-linux-gnu)' : 'Claws Mail 4.2.0 (GTK 3.24.38; x86_64-pc-linux-gnu)'}`,
  'MIME-Version: 1.0',
  `Content-Type: text/plain; charset=${charset === 'us-ascii' ? 'US-ASCII' : 'UTF-8'}`,
  `Content-Transfer-Encoding: ${cte}`,
]);

const nodemailer = plainTool((l, cte) => [
  'Content-Type: text/plain; charset=utf-8',
  ...hdr('From', address(l.from, { charset: 'UTF-8', mode: 'Q', fold: ', ' })),
  ...hdr('To', l.to.map((p) => p.email).join(', ')),
  ...hdr('Subject', subjectValue(l.subject, 'UTF-8', 'Q')),
  ...hdr('Message-ID', `<${l.messageId}>`),
  ...hdr('In-Reply-To', l.inReplyTo && `<${l.inReplyTo}>`),
  ...hdr('References', refsValue(l, ' ')),
  `Content-Transfer-Encoding: ${cte}`,
  ...hdr('Date', rfc5322(l.date, 0, true)),
  'MIME-Version: 1.0',
]);

export const HOLDOUT_COMPOSERS = {
  'outlook-exo': exoComposer('classic'),
  owa: exoComposer('web'),
  'new-outlook': exoComposer('web'),
  'outlook-mac': macOutlook,
  'samsung-email': samsungEmail,
  'gmail-android': gmailAndroid,
  'zimbra-web': zimbraWeb,
  becky: beckyMail,
  spark: sparkMail,
  mailspring,
  swaks,
  mutt,
  claws,
  nodemailer,
} satisfies Record<string, Composer>;
