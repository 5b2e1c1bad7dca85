// Test organisations for the sender model: senders in real time zones writing with real clients
// (headers, Message-IDs and boundaries as those clients write them), each message stored as the
// sender's sent copy and as the recipient's received copy (Received hops and a real DKIM signature
// added by the organisation's server). Written from how the clients and servers behave, not from
// the check: local times come from Intl directly, IDs from each client's own recipe.

import { createHash } from 'node:crypto';
import { prng } from '../../../../src/bench/synthetic-case.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { asCorpusDoc, emailDoc, makeSigner, type TestSigner } from './support.js';

const hex = (rnd: () => number, n: number, upper = false) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
  return upper ? s.toUpperCase() : s;
};
/** A random (version 4) UUID drawn from the seeded generator, so both copies of a message agree. */
const uuid4 = (rnd: () => number) => {
  const h = hex(rnd, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(rnd() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const alnum = (rnd: () => number, n: number, set = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') => {
  let s = '';
  for (let i = 0; i < n; i++) s += set[Math.floor(rnd() * set.length)];
  return s;
};

/** The zone's offset at an instant, read from Intl ('GMT+05:30' -> 330). */
export function intlOffset(zone: string, t: number): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(t))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = name.match(/GMT([+-])(\d{2}):(\d{2})/);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** RFC 5322 date for a UTC instant written with an offset. */
function rfcDate(t: number, offsetMinutes: number): string {
  const local = new Date(t + offsetMinutes * 60_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  const a = Math.abs(offsetMinutes);
  return `${days[local.getUTCDay()]}, ${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} ${offsetMinutes < 0 ? '-' : '+'}${p(Math.floor(a / 60))}${p(a % 60)}`;
}

interface Draft {
  from: string;
  fromName: string;
  to: string;
  subject: string;
  date: string;
  domain: string;
  t: number;
  /** The offset the Date was written with (minutes east of UTC). */
  offset: number;
  rnd: () => number;
}

/** How a program writes a message: its headers in its order, its Message-ID and boundary. */
export interface ClientRecipe {
  name: string;
  /** The program writes the Date in UTC whatever the device's zone (Exchange Online, eM Client). */
  utcDate?: boolean;
  write(d: Draft): string;
}

/** Local wall-clock digits YYYYmmddHHMMSS of the Draft's instant at its offset (what localtime() gives). */
const localStamp = (d: Draft) => new Date(d.t + d.offset * 60_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);

const body = 'Hello,\r\n\r\nPlease find the figures for the quarter below; we go on as agreed on Monday.\r\n\r\nBest regards\r\n';

function multipart(boundary: string): string {
  return [
    `--${boundary}`,
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: 7bit',
    '',
    body,
    `--${boundary}`,
    'Content-Type: text/html; charset="utf-8"',
    'Content-Transfer-Encoding: 7bit',
    '',
    `<html><body><p>${body.replace(/\r\n/g, '<br>')}</p></body></html>`,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export const CLIENTS = {
  thunderbird: {
    name: 'Thunderbird 115',
    write: (d) =>
      [
        `Message-ID: <${uuid4(d.rnd)}@${d.domain}>`,
        `Date: ${d.date}`,
        'MIME-Version: 1.0',
        'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0',
        'Content-Language: fr',
        `To: ${d.to}`,
        `From: ${d.fromName} <${d.from}>`,
        `Subject: ${d.subject}`,
        'Content-Type: text/plain; charset=UTF-8; format=flowed',
        'Content-Transfer-Encoding: 7bit',
        '',
        body,
      ].join('\r\n'),
  },
  outlook: {
    name: 'Outlook 16 (IMAP account)',
    write: (d) => {
      const b = `----=_NextPart_000_00${hex(d.rnd, 2, true)}_01D9${hex(d.rnd, 4, true)}.${hex(d.rnd, 8, true)}`;
      return [
        `From: "${d.fromName}" <${d.from}>`,
        `To: <${d.to}>`,
        `Subject: ${d.subject}`,
        `Date: ${d.date}`,
        `Message-ID: <000001d9${hex(d.rnd, 4)}$${hex(d.rnd, 8)}$${hex(d.rnd, 8)}$@${d.domain}>`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/alternative;\r\n\tboundary="${b}"`,
        'X-Mailer: Microsoft Outlook 16.0',
        `Thread-Index: AdnA${alnum(d.rnd, 24)}==`,
        'Content-Language: en-us',
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  iphone: {
    name: 'iPhone Mail (iOS 16)',
    write: (d) => {
      const b = `Apple-Mail-${uuid4(d.rnd).toUpperCase()}`;
      return [
        `Content-Type: multipart/alternative; boundary=${b}`,
        'Content-Transfer-Encoding: 7bit',
        'Mime-Version: 1.0 (1.0)',
        `Subject: ${d.subject}`,
        `From: ${d.fromName} <${d.from}>`,
        `Message-Id: <${uuid4(d.rnd).toUpperCase()}@${d.domain}>`,
        `Date: ${d.date}`,
        `To: ${d.to}`,
        'X-Mailer: iPhone Mail (20B101)',
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  appleMail: {
    name: 'Apple Mail (macOS)',
    write: (d) => {
      const b = `Apple-Mail=_${uuid4(d.rnd).toUpperCase()}`;
      return [
        `From: ${d.fromName} <${d.from}>`,
        `Content-Type: multipart/alternative;\r\n\tboundary="${b}"`,
        'Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3731.300.101.1.3\\))',
        `Subject: ${d.subject}`,
        `Date: ${d.date}`,
        `Message-Id: <${uuid4(d.rnd).toUpperCase()}@${d.domain}>`,
        `To: ${d.to}`,
        'X-Mailer: Apple Mail (2.3731.300.101.1.3)',
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  roundcube: {
    name: 'Roundcube webmail',
    write: (d) =>
      [
        'MIME-Version: 1.0',
        `Date: ${d.date}`,
        `From: ${d.fromName} <${d.from}>`,
        `To: ${d.to}`,
        `Subject: ${d.subject}`,
        `Message-ID: <${createHash('md5').update(hex(d.rnd, 16)).digest('hex')}@${d.domain}>`,
        'X-Sender: ' + d.from,
        'User-Agent: Roundcube Webmail/1.6.5',
        'Content-Type: text/plain; charset=US-ASCII; format=flowed',
        'Content-Transfer-Encoding: 7bit',
        '',
        body,
      ].join('\r\n'),
  },
  gmailWeb: {
    name: 'Gmail web',
    write: (d) => {
      const b = `000000000000${hex(d.rnd, 16)}`;
      return [
        'MIME-Version: 1.0',
        `From: ${d.fromName} <${d.from}>`,
        `Date: ${d.date}`,
        `Message-ID: <CA${alnum(d.rnd, 46, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+=')}@mail.gmail.com>`,
        `Subject: ${d.subject}`,
        `To: ${d.to}`,
        `Content-Type: multipart/alternative; boundary="${b}"`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  outlookMac: {
    name: 'Outlook for Mac 16',
    write: (d) => {
      const b = `B_${3_780_000_000 + Math.floor(d.rnd() * 1e6)}_${Math.floor(d.rnd() * 1e9)}`;
      return [
        'User-Agent: Microsoft-MacOutlook/16.78.23091003',
        `Date: ${d.date}`,
        `Subject: ${d.subject}`,
        `From: ${d.fromName} <${d.from}>`,
        `To: <${d.to}>`,
        `Message-ID: <${uuid4(d.rnd).toUpperCase()}@${d.domain}>`,
        `Thread-Topic: ${d.subject}`,
        'Mime-version: 1.0',
        `Content-type: multipart/alternative;\r\n\tboundary="${b}"`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  owa: {
    name: 'Outlook on the web (Exchange Online)',
    utcDate: true,
    write: (d) => {
      const server = `PAXPR08MB${1000 + Math.floor(d.rnd() * 9000)}`;
      const id = `${server}${hex(d.rnd, 32, true)}`;
      const b = `_000_${id}_`;
      return [
        `From: ${d.fromName} <${d.from}>`,
        `To: <${d.to}>`,
        `Subject: ${d.subject}`,
        `Thread-Topic: ${d.subject}`,
        `Thread-Index: AQHZ${alnum(d.rnd, 20)}==`,
        `Date: ${d.date}`,
        `Message-ID: <${id}@${server}.eurprd08.prod.outlook.com>`,
        'Accept-Language: en-US',
        'Content-Language: en-US',
        'X-MS-Has-Attach:',
        'X-MS-TNEF-Correlator:',
        `Content-Type: multipart/alternative;\r\n\tboundary="${b}"`,
        'MIME-Version: 1.0',
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  samsung: {
    name: 'Samsung Email (Android)',
    write: (d) => {
      const b = `--_com.samsung.android.email_${Math.floor(d.rnd() * 1e15)}`;
      const local = [6, 12, 14, 6].map((n) => alnum(d.rnd, n, 'abcdefghijklmnopqrstuvwxyz0123456789')).join('-');
      return [
        `Message-ID: <${local}.${d.t}@email.android.com>`,
        `Date: ${d.date}`,
        `Subject: ${d.subject}`,
        `From: ${d.fromName} <${d.from}>`,
        `To: ${d.to}`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/alternative; boundary="${b}"`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  spark: {
    name: 'Spark (Readdle)',
    write: (d) => {
      const id = uuid4(d.rnd);
      const b = `${hex(d.rnd, 8)}_${hex(d.rnd, 8)}_${hex(d.rnd, 3)}`;
      return [
        `Date: ${d.date}`,
        `From: ${d.fromName} <${d.from}>`,
        `To: ${d.to}`,
        `Message-ID: <${id}@Spark>`,
        `Subject: ${d.subject}`,
        `X-Readdle-Message-ID: ${id}@Spark`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/alternative; boundary="${b}"`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  mailspring: {
    name: 'Mailspring',
    write: (d) => {
      const b = `${alnum(d.rnd, 20)}`;
      return [
        `Date: ${d.date}`,
        `From: ${d.fromName} <${d.from}>`,
        `To: ${d.to}`,
        `Message-ID: <${uuid4(d.rnd).toUpperCase()}@getmailspring.com>`,
        `Subject: ${d.subject}`,
        'X-Mailer: Mailspring',
        'MIME-Version: 1.0',
        `Content-Type: multipart/alternative; boundary="${b}"`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  k9: {
    name: 'K-9 Mail (Android)',
    write: (d) => {
      const b = `----${alnum(d.rnd, 30, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
      return [
        'MIME-Version: 1.0',
        `Date: ${d.date}`,
        'User-Agent: K-9 Mail for Android',
        `Content-Type: multipart/alternative; boundary="${b}"`,
        'Content-Transfer-Encoding: 7bit',
        `Subject: ${d.subject}`,
        `To: ${d.to}`,
        `From: ${d.fromName} <${d.from}>`,
        `Message-ID: <${uuid4(d.rnd).toUpperCase()}@${d.domain}>`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  evolution: {
    name: 'GNOME Evolution 3.44',
    write: (d) => {
      const b = `=-${alnum(d.rnd, 20)}`;
      return [
        `Message-ID: <${hex(d.rnd, 40)}.camel@${d.domain}>`,
        `Subject: ${d.subject}`,
        `From: ${d.fromName} <${d.from}>`,
        `To: ${d.to}`,
        `Date: ${d.date}`,
        `Content-Type: multipart/alternative; boundary="${b}"`,
        'User-Agent: Evolution 3.44.4-0ubuntu2',
        'MIME-Version: 1.0',
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  emClient: {
    name: 'eM Client 9',
    utcDate: true,
    write: (d) => {
      const b = `------=_MB${uuid4(d.rnd).toUpperCase()}`;
      return [
        `From: "${d.fromName}" <${d.from}>`,
        `To: ${d.to}`,
        `Subject: ${d.subject}`,
        `Date: ${d.date}`,
        `Message-Id: <em${uuid4(d.rnd)}@desktop-${alnum(d.rnd, 7, 'abcdefghijklmnopqrstuvwxyz0123456789')}>`,
        `Reply-To: "${d.fromName}" <${d.from}>`,
        'User-Agent: eM_Client/9.2.2157.0',
        'Mime-Version: 1.0',
        `Content-Type: multipart/alternative; boundary="${b}"`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  },
  claws: {
    name: 'Claws Mail 4.1',
    write: (d) =>
      [
        `Date: ${d.date}`,
        `From: ${d.fromName} <${d.from}>`,
        `To: ${d.to}`,
        `Subject: ${d.subject}`,
        `Message-ID: <${localStamp(d)}.${hex(d.rnd, 8)}@${d.domain}>`,
        'X-Mailer: Claws Mail 4.1.1 (GTK 3.24.38; x86_64-pc-linux-gnu)',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=US-ASCII',
        'Content-Transfer-Encoding: 7bit',
        '',
        body,
      ].join('\r\n'),
  },
  mutt: {
    name: 'Mutt 2.2',
    write: (d) =>
      [
        `Date: ${d.date}`,
        `From: ${d.fromName} <${d.from}>`,
        `To: ${d.to}`,
        `Subject: ${d.subject}`,
        `Message-ID: <${alnum(d.rnd, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}@${d.domain}>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=us-ascii',
        'Content-Disposition: inline',
        'User-Agent: Mutt/2.2.9 (2022-11-12)',
        '',
        body,
      ].join('\r\n'),
  },
} satisfies Record<string, ClientRecipe>;

/** swaks, the SMTP test tool: its own Message-Id (local time . pid) and X-Mailer unless the forger replaces it. */
export function swaks(claimedMailer?: string): ClientRecipe {
  return {
    name: `swaks${claimedMailer ? ` claiming ${claimedMailer}` : ''}`,
    write: (d) =>
      [
        `Date: ${d.date}`,
        `To: ${d.to}`,
        `From: ${d.fromName} <${d.from}>`,
        `Subject: ${d.subject}`,
        `Message-Id: <${localStamp(d)}.${String(1000 + Math.floor(d.rnd() * 90000)).padStart(6, '0')}@kali.localdomain>`,
        `X-Mailer: ${claimedMailer ?? 'swaks v20201014.0 jetmore.org/john/code/swaks/'}`,
        '',
        body,
      ].join('\r\n'),
  };
}

/** PHPMailer 5.2 (md5 of uniqid: 32 hex, "b1_" boundaries), with the X-Mailer the forger sets. */
export function phpMailer5(claimedMailer: string): ClientRecipe {
  return {
    name: `PHPMailer 5.2 claiming ${claimedMailer}`,
    write: (d) => {
      const id = hex(d.rnd, 32);
      const b = `b1_${id}`;
      return [
        `Date: ${d.date}`,
        `To: ${d.to}`,
        `From: ${d.fromName} <${d.from}>`,
        `Subject: ${d.subject}`,
        `Message-ID: <${id}@${d.domain}>`,
        `X-Mailer: ${claimedMailer}`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/alternative;\r\n\tboundary="${b}"`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  };
}

/** Headers copied from the victim's own message (their client's, in its order), with another program's Message-ID. */
export function withForeignId(victim: ClientRecipe, makeId: (d: Draft) => string, idAboveReceived = false): ClientRecipe {
  return {
    name: `${victim.name} headers, foreign Message-ID`,
    write: (d) => {
      const raw = victim.write(d).replace(/^Message-I[dD]: <[^>]*>\r\n/m, '');
      const id = `Message-ID: <${makeId(d)}>`;
      return idAboveReceived ? `${id}\r\n${raw}` : raw.replace(/^Date: /m, `${id}\r\nDate: `);
    },
  };
}

/** Python's email.utils.make_msgid(domain=...): centiseconds of the run . pid . 64 random bits. */
export const makeMsgid = (domain: string) => (d: Draft) =>
  `${Math.floor(Date.UTC(2026, 0, 5) / 10) + Math.floor(d.rnd() * 1e7)}.${1000 + Math.floor(d.rnd() * 60000)}.${BigInt(Math.floor(d.rnd() * 2 ** 52)) * 4096n + BigInt(Math.floor(d.rnd() * 4096))}@${domain}`;
/** Outlook 2016 (Internet account) Message-ID. */
export const outlookId = (d: Draft) => `000001d9${hex(d.rnd, 4)}$${hex(d.rnd, 8)}$${hex(d.rnd, 8)}$@${d.domain}`;
/** PHPMailer 6 Message-ID (base64 of a SHA-256 without = + /). */
export const phpMailer6Id = (d: Draft) => `${alnum(d.rnd, 42)}@${d.domain}`;
/** JavaMail Message-ID. */
export const javaMailId = (d: Draft) => `${Math.floor(d.rnd() * 2e9)}.3.${d.t}.JavaMail.root@vps${Math.floor(d.rnd() * 900)}`;

/** A forger's script: Python's email package (make_msgid, the "=====" boundary), whatever X-Mailer it claims. */
export function pythonScript(claimedMailer?: string): ClientRecipe {
  return {
    name: `Python script${claimedMailer ? ` claiming ${claimedMailer}` : ''}`,
    write: (d) => {
      const b = `===============${String(Math.floor(d.rnd() * 1e18)).padStart(19, '0')}==`;
      return [
        `Content-Type: multipart/alternative; boundary="${b}"`,
        'MIME-Version: 1.0',
        `From: ${d.fromName} <${d.from}>`,
        `To: ${d.to}`,
        `Subject: ${d.subject}`,
        `Date: ${d.date}`,
        `Message-ID: <${Math.floor(d.t / 10)}.${4000 + Math.floor(d.rnd() * 60000)}.${Math.floor(d.rnd() * 1e18)}@forge.local>`,
        ...(claimedMailer ? [`X-Mailer: ${claimedMailer}`] : []),
        '',
        multipart(b),
      ].join('\r\n');
    },
  };
}

/** PHPMailer 6 (its Message-ID and b1=_ boundaries), with the X-Mailer the forger sets. */
export function phpMailer(claimedAgent: string): ClientRecipe {
  return {
    name: `PHPMailer claiming ${claimedAgent}`,
    write: (d) => {
      const id = alnum(d.rnd, 43);
      const b = `b1=_${id}`;
      return [
        `Date: ${d.date}`,
        `To: ${d.to}`,
        `From: ${d.fromName} <${d.from}>`,
        `Subject: ${d.subject}`,
        `Message-ID: <${id}@www.${d.domain}>`,
        `User-Agent: ${claimedAgent}`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/alternative; boundary="${b}"`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  };
}

/** JavaMail (hash.id.millis.JavaMail.user@host) with a claimed X-Mailer. */
export function javaMail(claimedMailer: string): ClientRecipe {
  return {
    name: `JavaMail claiming ${claimedMailer}`,
    write: (d) => {
      const b = `----=_Part_0_${Math.floor(d.rnd() * 1e9)}.${d.t}`;
      return [
        `Date: ${d.date}`,
        `From: ${d.fromName} <${d.from}>`,
        `To: ${d.to}`,
        `Message-ID: <${Math.floor(d.rnd() * 2e9)}.0.${d.t}.JavaMail.forger@laptop>`,
        `Subject: ${d.subject}`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/alternative; boundary="${b}"`,
        `X-Mailer: ${claimedMailer}`,
        '',
        multipart(b),
      ].join('\r\n');
    },
  };
}

export interface Person {
  login: string;
  name: string;
  zone: string;
  client: ClientRecipe;
  /** The sent folder of the person's client (Sent, Envoyés, Sent Items, Gesendet...). */
  sentFolder?: string;
  /** How the person's mailbox was exported: folders of eml files, an mbox per folder, or one mbox for everything. */
  layout?: 'mbox' | 'eml' | 'single';
}

export interface Org {
  domain: string;
  signer: TestSigner;
  people: Person[];
}

export async function makeOrg(domain: string, people: Person[]): Promise<Org> {
  return { domain, signer: makeSigner(domain, 'sel2024', 1024), people };
}

const address = (org: Org, p: Person) => `${p.login}@${org.domain}`;

/** How a copy was stored, which decides its path and what the route added. */
export type Storage =
  | {
      kind: 'received';
      owner: Person;
      layout?: 'mbox' | 'eml' | 'single';
      /** What the route added: the organisation's two hops, none, another server's, or a delivery hop only (written by hand). */
      hops?: 'org' | 'none' | 'foreign' | 'delivery-only';
      dkim?: boolean;
      /** The hops appended below the client's headers (Python's email API adds a header at the end). */
      hopsBelow?: boolean;
    }
  | { kind: 'sent'; owner: Person; folder?: string; layout?: 'mbox' | 'eml' | 'single'; gmailLabel?: boolean }
  | { kind: 'list'; owner: Person };

let counter = 0;

/** A message as one program wrote it at instant t with the given offset, stored as asked. */
export async function message(
  org: Org,
  from: Person,
  to: Person,
  t: number,
  o: { offset?: number; client?: ClientRecipe; subject?: string; seed?: number; storage: Storage },
): Promise<CorpusDocument> {
  const rnd = prng(o.seed ?? Math.floor(t / 1000));
  const client = o.client ?? from.client;
  const offset = o.offset ?? (client.utcDate ? 0 : intlOffset(from.zone, t));
  const date = rfcDate(t, offset);
  const draft: Draft = {
    from: address(org, from),
    fromName: from.name,
    to: address(org, to),
    subject: o.subject ?? `Point ${Math.floor(rnd() * 1000)}`,
    date,
    domain: org.domain,
    t,
    offset,
    rnd,
  };
  let raw = client.write(draft);
  const s = o.storage;
  const n = ++counter;
  let path: string;
  if (s.kind === 'received') {
    if (s.dkim !== false) raw = (await org.signer.sign(raw)).toString('latin1');
    const arrive = rfcDate(t + 4000, intlOffset(s.owner.zone, t + 4000));
    const hops = s.hops ?? 'org';
    const signedPart = raw;
    if (hops === 'org')
      raw =
        `Received: from mx1.${org.domain} (mx1.${org.domain} [192.0.2.10])\r\n\tby imap.${org.domain} (Postfix) with ESMTPS id 4Q${n}X\r\n\tfor <${address(org, s.owner)}>; ${arrive}\r\n` +
        `Received: from [10.1.2.${n % 250}] (unknown [10.1.2.${n % 250}])\r\n\tby smtp.${org.domain} (Postfix) with ESMTPSA id 4P${n}Y\r\n\tfor <${address(org, s.owner)}>; ${arrive}\r\n` +
        raw;
    else if (hops === 'foreign')
      raw =
        `Received: from laptop (unknown [203.0.113.7])\r\n\tby mail.relay-outside.example (Postfix) with ESMTP id 9Z${n}\r\n\tfor <${address(org, s.owner)}>; ${arrive}\r\n` +
        raw;
    else if (hops === 'delivery-only')
      raw =
        `Received: from mx1.${org.domain} by imap.${org.domain} (Postfix) with ESMTPS id 4Q${n}X for <${address(org, s.owner)}>; ${arrive}\r\n` +
        raw;
    if (s.hopsBelow && raw !== signedPart) {
      const added = raw.slice(0, raw.length - signedPart.length);
      const end = signedPart.indexOf('\r\n\r\n');
      raw = `${signedPart.slice(0, end + 2)}${added}${signedPart.slice(end + 2)}`;
    }
    path =
      s.layout === 'eml'
        ? `mail/eml/${s.owner.login}/Boîte de réception/${String(n).padStart(5, '0')}.eml`
        : s.layout === 'single'
          ? `export/${s.owner.login}.mbox!message-${n}`
          : `mail/${s.owner.login}/Inbox.mbox!message-${n}`;
  } else if (s.kind === 'sent') {
    if (s.gmailLabel) raw = 'X-Gmail-Labels: Sent,Important\r\n' + raw;
    const folder = s.folder ?? 'Sent';
    path =
      s.layout === 'eml'
        ? `mail/eml/${s.owner.login}/${folder}/${String(n).padStart(5, '0')}.eml`
        : s.layout === 'single'
          ? `export/${s.owner.login}.mbox!message-${n}`
          : `mail/${s.owner.login}/${folder}.mbox!message-${n}`;
  } else {
    raw = `List-Id: <staff.lists.${org.domain}>\r\nPrecedence: list\r\n` + raw;
    path = `mail/${s.owner.login}/Lists.mbox!message-${n}`;
  }
  const doc = asCorpusDoc(await emailDoc(Buffer.from(raw, 'latin1'), path), `d${n}`);
  return { ...doc, path };
}

/** A year of ordinary mail: every person writes `perPerson` messages spread over the year, each
 *  stored as the sender's sent copy and the recipient's received copy. */
export async function ordinaryYear(org: Org, year: number, perPerson: number, seed = 1): Promise<CorpusDocument[]> {
  const rnd = prng(seed);
  const out: CorpusDocument[] = [];
  for (const [pi, p] of org.people.entries()) {
    const others = org.people.filter((x) => x !== p);
    for (let i = 0; i < perPerson; i++) {
      const day = Math.floor(((i + rnd()) / perPerson) * 360);
      const localHour = 8 + Math.floor(rnd() * 10);
      // Local working hours converted to UTC with the person's offset at that time.
      const approx = Date.UTC(year, 0, 1 + day, localHour, Math.floor(rnd() * 60), Math.floor(rnd() * 60));
      const t = approx - intlOffset(p.zone, approx) * 60_000;
      const to = others[(i + pi) % others.length];
      const seedI = seed * 100_000 + pi * 1000 + i;
      out.push(await message(org, p, to, t, { seed: seedI, storage: { kind: 'sent', owner: p, folder: p.sentFolder, layout: p.layout } }));
      out.push(await message(org, p, to, t, { seed: seedI, storage: { kind: 'received', owner: to, layout: to.layout } }));
    }
  }
  return out;
}

/** A UTC instant for a local wall-clock time in a zone. */
export function localInstant(zone: string, y: number, m: number, d: number, h: number, min = 12): number {
  const approx = Date.UTC(y, m, d, h, min, 7);
  return approx - intlOffset(zone, approx) * 60_000;
}
