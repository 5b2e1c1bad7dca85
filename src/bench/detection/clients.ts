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
import type { Prng } from '../../demo/prng.js';
import { offsetText, rfc5322, wall } from './clock.js';
import { exchangeOnPremId, exoMessageId, holdoutMessageId, HOLDOUT_COMPOSERS, jisSubject, jisText } from './clients-holdout.js';
import { appleMailAt, iosAt, roundcubeAt, thunderbirdAt } from './client-versions.js';
import type { ClientId, Letter, Person } from './mail-model.js';
import {
  address,
  addressList,
  ALNUM,
  alnum,
  applyExtra,
  attachmentPart,
  crlf,
  encodeText,
  filetime,
  flowed,
  hdr,
  hex8,
  isAscii,
  lagOf,
  multipart,
  outlookHtml,
  paragraphsHtml,
  refsValue,
  serialise,
  subjectValue,
  threadIndexFor,
  type AddrStyle,
  type ComposeContext,
  type Composer,
  type Cte,
  type Node,
  gmailMessage,
} from './mime-build.js';

export interface MessageIdContext {
  /** Outlook-via-Exchange: the mailbox server that stamps the Message-ID. */
  exchangeServer?: string;
  /** Hostname of the machine a script runs on (Python, PHPMailer, JavaMail). */
  host?: string;
  /** Local user name (JavaMail). */
  user?: string;
  /** Process id of the script. */
  pid?: number;
  /** On-premises Exchange writes its real form (hold-out presets): see exchangeOnPremId. */
  onPremIds?: boolean;
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
      if (ctx.onPremIds) return exchangeOnPremId(person, server, prng);
      return `${prng.hex(32)}@${server}`;
    }
    case 'outlook-exo':
    case 'owa':
    case 'new-outlook':
      return exoMessageId(ctx.exchangeServer ?? `AM0PR01MB0001.eurprd01.prod.outlook.com`, prng);
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
    default: {
      // Samsung Email writes none: the submission server's is set by World.send (a placeholder until then).
      return holdoutMessageId(client, person, at, prng, ctx.host) ?? `pending.${prng.hex(16)}@${domain}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Composition

/** Composes the message the client submits (and keeps in Sent): headers and MIME body. */
export function compose(letter: Letter, prng: Prng, ctx: ComposeContext): Buffer {
  const node = COMPOSERS[letter.client](letter, prng, ctx);
  return serialise(node);
}

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
    const ascii = isAscii(letter.text);
    // Thunderbird before 60 wrote Japanese mail in ISO-2022-JP (7bit, delsp=yes), its default for ja.
    const jis = !ascii && letter.from.locale === 'ja-JP' && Number(v.split('.')[0]) < 60;
    const text = flowed(letter.text, 72, jis);
    const cte: Cte = ascii || jis ? '7bit' : '8bit';
    const charset = jis ? 'ISO-2022-JP' : modern ? 'UTF-8' : 'utf-8';
    const textHeaders = [
      `Content-Type: text/plain; charset=${charset}; format=flowed${jis ? '; delsp=yes' : ''}`,
      `Content-Transfer-Encoding: ${cte}`,
    ];
    const encodeTb = (t: string) => (jis ? jisText(t) : encodeText(t, cte));
    let ctHeader: string;
    let body: Buffer;
    const boundary = () => `------------${modern ? alnum(prng, 24) : alnum(prng, 24, '0123456789ABCDEF')}`;
    if (letter.attachments.length) {
      const b = boundary();
      const node = multipart(
        [],
        b,
        [{ headers: textHeaders, body: encodeTb(text) }, ...letter.attachments.map((a) => attachmentPart(a, 'thunderbird'))],
        'This is a multi-part message in MIME format.',
      );
      ctHeader = `Content-Type: multipart/mixed; boundary="${b}"`;
      body = node.body;
    } else {
      ctHeader = textHeaders[0];
      body = encodeTb(text);
    }
    const lang = letter.from.locale;
    const cteHeader = letter.attachments.length ? [] : [textHeaders[1]];
    const subj = jis ? jisSubject(letter.subject) : subjectValue(letter.subject, 'UTF-8', 'Q');
    // Thunderbird 115 writes a bare "User-Agent: Mozilla Thunderbird" and moves Subject after From.
    const headers =
      Number(v.split('.')[0]) >= 115
        ? [
            ...hdr('Message-ID', `<${letter.messageId}>`),
            ...hdr('Date', rfc5322(letter.date, letter.offsetMin)),
            'MIME-Version: 1.0',
            'User-Agent: Mozilla Thunderbird',
            ...hdr('Content-Language', lang),
            ...hdr('To', addressList(letter.to, st)),
            ...(letter.cc.length ? hdr('Cc', addressList(letter.cc, st)) : []),
            ...hdr('References', refsValue(letter)),
            ...hdr('From', address(letter.from, st)),
            ...hdr('Subject', subj),
            ...hdr('In-Reply-To', letter.inReplyTo && `<${letter.inReplyTo}>`),
            ctHeader,
            ...cteHeader,
          ]
        : modern
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
              ...hdr('Subject', subj),
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
    return gmailMessage(letter, prng, (text) => `<div dir="ltr">${paragraphsHtml(text, (p) => `<div>${p}</div><div><br></div>`)}</div>\n`);
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

  ...HOLDOUT_COMPOSERS,

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

/** The Date offset a client writes for a person at an instant (Exchange: always UTC, see above). */
export function dateOffsetFor(client: ClientId, offsetMin: number): number {
  return client === 'outlook-exchange' ? 0 : offsetMin;
}
