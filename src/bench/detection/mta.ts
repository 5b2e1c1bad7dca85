// The servers a message crosses: the organisation's submission and delivery hops (Postfix + OpenDKIM +
// Dovecot; Google Workspace; Exchange 2016 behind a Postfix gateway that signs everything), external
// senders' servers, and a Mailman list. Each adds Received lines in its own real format and signs
// with mailauth's DKIM signer (rsa-sha256) under a key whose public half goes to the key file.
// Formats follow mail archived from such servers: Postfix "(Authenticated sender: …) … with ESMTPSA id
// …; Tue,  5 Mar 2019 10:15:04 +0100 (CET)", Dovecot "with LMTP id … (envelope-from <…>)", Exchange
// "with Microsoft SMTP Server (version=TLS1_2, cipher=…) id 15.1.2242.4 via Frontend Transport", Google
// "by mx.google.com with SMTPS id … (Google Transport Security)" with times in US Pacific.

import type { Prng } from '../../demo/prng.js';
import { offsetAt, postfixDate, rfc5322, SECOND, zoneAbbreviation } from './clock.js';
import { exchangeAt } from './client-versions.js';
import type { Person } from './mail-model.js';
import {
  eximSend,
  exchange2013Deliver,
  exchange2013Submit,
  exoDeliver,
  exoInbound,
  exoSubmit,
  mimecastInbound,
  zimbraDeliver,
  zimbraInbound,
  zimbraSubmit,
} from './mta-holdout.js';
import { prepend, sign, type ExternalOrg, type Origin, type OrgInfra, type Transit } from './mta-core.js';

/** The b= tag's first 8 characters, as Authentication-Results quotes it. */
function signatureTag(raw: Buffer): string {
  const m = /\bb=([A-Za-z0-9+/]{8})/.exec(
    raw
      .subarray(0, 4096)
      .toString('latin1')
      .replace(/\r\n[ \t]+/g, ' '),
  );
  return m ? m[1] : 'AAAAAAAA';
}

// ---------------------------------------------------------------------------------------------
// Where the sender is when submitting: the office LAN, home, or abroad (the ISP's reverse name).

export function originFor(person: Person, at: number, prng: Prng, zone: string, inOffice: boolean, lanPrefix: string): Origin {
  if (inOffice) return { ip: `${lanPrefix}.${prng.int(20, 220)}` };
  const a = prng.int(1, 254),
    b = prng.int(1, 254);
  switch (zone) {
    case 'Europe/Paris':
      return { ip: `86.245.${a}.${b}`, rdns: `lfbn-idf1-1-${prng.int(100, 2000)}-${a}.w86-245.abo.wanadoo.fr` };
    case 'America/New_York':
    case 'America/Chicago':
      return { ip: `71.105.${a}.${b}`, rdns: `pool-71-105-${a}-${b}.nycmny.fios.verizon.net` };
    case 'America/Toronto':
    case 'America/Montreal':
      return { ip: `70.53.${a}.${b}`, rdns: `bras-base-mtrlpq2848w-grc-${prng.int(10, 60)}-70-53-${a}-${b}.dsl.bell.ca` };
    case 'Australia/Sydney':
      return { ip: `114.74.${a}.${b}`, rdns: `n114-74-${a}-${b}.sbr1.nsw.optusnet.com.au` };
    case 'Asia/Kolkata':
      return { ip: `122.171.${a}.${b}`, rdns: `abts-kk-dynamic-${a}.${b}.171.122.airtelbroadband.in` };
    case 'Asia/Singapore':
      return { ip: `118.200.${a}.${b}`, rdns: `bb118-200-${a}-${b}.singnet.com.sg` };
    default:
      return { ip: `185.${prng.int(10, 250)}.${a}.${b}` };
  }
}

const fromClause = (o: Origin) => (o.rdns ? `[${o.ip}] (${o.rdns} [${o.ip}])` : `[${o.ip}] (unknown [${o.ip}])`);

const postfixId = (prng: Prng) => prng.hex(prng.int(10, 11)).toUpperCase();
const dovecotId = (prng: Prng) => prng.bytes(16).toString('base64').replace(/[+/=]/g, '').slice(0, 22);
const fold = (s: string) => s;

// ---------------------------------------------------------------------------------------------
// The organisation's infrastructures

/** Submission of internal or outgoing mail by a staff member: first hops and the org's DKIM signature. */
export async function submit(
  infra: OrgInfra,
  raw: Buffer,
  sender: Person,
  rcpt: Person[],
  dateAt: number,
  client: string,
  origin: Origin,
  prng: Prng,
): Promise<Transit> {
  if (infra.kind === 'm365') return exoSubmit(infra, raw, sender, dateAt, client, origin, prng);
  if (infra.kind === 'zimbra') return zimbraSubmit(infra, raw, sender, rcpt, dateAt, client, origin, prng);
  if (infra.kind === 'exchange2013') return exchange2013Submit(infra, raw, sender, dateAt, client, origin, prng);
  const t1 = dateAt + prng.int(1, 6) * SECOND;
  const firstRcpt = rcpt[0]?.email ?? sender.email;
  const signer = infra.signers?.[sender.email.split('@')[1]] ?? infra.signer;
  if (infra.kind === 'postfix') {
    const id = postfixId(prng);
    const off = offsetAt(infra.zone, t1);
    const via =
      client === 'roundcube'
        ? `from localhost (localhost [127.0.0.1])\r\n\t(Authenticated sender: ${sender.email})`
        : `from ${fromClause(origin)}\r\n\t(Authenticated sender: ${sender.email})`;
    const rec = `Received: ${via}\r\n\tby ${infra.host} (Postfix) with ESMTPSA id ${id}${rcpt.length === 1 ? `\r\n\tfor <${firstRcpt}>` : ''}; ${postfixDate(t1, off, zoneAbbreviation(infra.zone, t1))}`;
    const signed = await sign(prepend(raw, [rec]), signer, t1, id);
    return { submitted: signed, signedAt: t1 };
  }
  if (infra.kind === 'google') {
    const pac = offsetAt('America/Los_Angeles', t1);
    const abbr = pac === -420 ? 'PDT' : 'PST';
    const lines: string[] = [];
    if (client !== 'gmail-web') {
      lines.push(
        `Received: from ${origin.rdns ? `[${origin.ip}] (${origin.rdns}. [${origin.ip}])` : `[${origin.ip}]`}\r\n        by smtp.gmail.com with ESMTPSA id ${prng.hex(2)}sm${prng.int(1000000, 9999999)}${prng.hex(3)}.${prng.int(10, 99)}.${new Date(t1).getUTCFullYear()}.${String(new Date(t1).getUTCMonth() + 1).padStart(2, '0')}.${String(new Date(t1).getUTCDate()).padStart(2, '0')}\r\n        for <${firstRcpt}>\r\n        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);\r\n        ${rfc5322(t1, pac)} (${abbr})`,
      );
    }
    const t2 = t1 + prng.int(0, 1) * SECOND;
    const withHops = prepend(raw, lines);
    const signed = await sign(withHops, signer, t2);
    const xr = [
      `X-Google-Smtp-Source: ${prng.bytes(48).toString('base64').replace(/=+$/, '')}`,
      `X-Received: by 2002:a17:90a:${prng.hex(4)}:: with SMTP id ${prng.hex(2)}mr${prng.int(10000000, 99999999)}pjb.${prng.int(100, 999)}.${t2}${prng.int(100, 999)};\r\n        ${rfc5322(t2, pac, true)} (${abbr})`,
    ];
    // Google puts X-Google-Smtp-Source and X-Received below the signature.
    const s = signed.toString('latin1');
    const cut = s.indexOf('\r\n', s.indexOf('DKIM-Signature:'));
    let end = cut;
    while (s[end + 2] === ' ' || s[end + 2] === '\t') end = s.indexOf('\r\n', end + 2);
    const out = Buffer.concat([
      Buffer.from(s.slice(0, end + 2), 'latin1'),
      Buffer.from(xr.join('\r\n') + '\r\n'),
      Buffer.from(s.slice(end + 2), 'latin1'),
    ]);
    return { submitted: out, signedAt: t2 };
  }
  // Exchange: MAPI (Outlook) or SMTP client submission to the sender's site server, then the gateway signs.
  const site = infra.exchange![sender.site ?? Object.keys(infra.exchange!)[0]];
  const v = exchangeAt(t1);
  const siteOff = offsetAt(site.zone, t1);
  const lines: string[] = [];
  if (client === 'outlook-exchange') {
    lines.push(
      `Received: from ${site.host} ([${site.ll}]) by ${site.host} ([${site.ll}%12]) with mapi id ${v.mapi}; ${rfc5322(t1, siteOff)}`,
    );
  } else {
    lines.push(
      `Received: from ${fromClause(origin).replace(/\[|\]/g, '').split(' ')[0]} (${origin.ip}) by ${site.host} (${site.ip}) with Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id ${v.id} via Frontend Transport; ${rfc5322(t1, siteOff)}`,
    );
  }
  const t2 = t1 + prng.int(0, 1) * SECOND;
  lines.unshift(
    `Received: from ${site.host} (${site.ip}) by ${site.host} (${site.ip}) with Microsoft SMTP Server\r\n (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id\r\n ${v.id}; ${rfc5322(t2, siteOff)}`,
  );
  const t3 = t2 + prng.int(0, 2) * SECOND;
  const gwOff = offsetAt(infra.zone, t3);
  const id = `4${prng.hex(2)}${alnumId(prng, 12)}`;
  lines.unshift(
    `Received: from ${site.host} (${site.host.toLowerCase()} [${site.ip}])\r\n\tby ${infra.host} (Postfix) with ESMTPS id ${id}${rcpt.length === 1 ? `\r\n\tfor <${firstRcpt}>` : ''}; ${postfixDate(t3, gwOff, zoneAbbreviation(infra.zone, t3))}`,
  );
  const signed = await sign(prepend(raw, lines), signer, t3, id);
  return { submitted: signed, signedAt: t3 };
}

function alnumId(prng: Prng, n: number): string {
  const a = 'BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789';
  let s = '';
  for (let i = 0; i < n; i++) s += a[prng.int(0, a.length - 1)];
  return s;
}

/** Final delivery into a staff mailbox: the last hops, Return-Path and Delivered-To. */
export function deliver(
  infra: OrgInfra,
  msg: Buffer,
  envelopeFrom: string,
  rcpt: Person,
  at: number,
  prng: Prng,
): { raw: Buffer; at: number } {
  if (infra.kind === 'm365') return exoDeliver(infra, msg, envelopeFrom, rcpt, at, prng);
  if (infra.kind === 'zimbra') return zimbraDeliver(infra, msg, envelopeFrom, rcpt, at, prng);
  if (infra.kind === 'exchange2013') return exchange2013Deliver(infra, msg, envelopeFrom, rcpt, at, prng);
  const t = at + prng.int(0, 2) * SECOND;
  if (infra.kind === 'postfix') {
    const off = offsetAt(infra.zone, t);
    return {
      raw: prepend(msg, [
        `Return-Path: <${envelopeFrom}>`,
        `Delivered-To: ${rcpt.email}`,
        `Received: from ${infra.host}\r\n\tby ${infra.host} with LMTP\r\n\tid ${dovecotId(prng)}\r\n\t(envelope-from <${envelopeFrom}>)\r\n\tfor <${rcpt.email}>; ${rfc5322(t, off, true)}`,
      ]),
      at: t,
    };
  }
  if (infra.kind === 'google') {
    const pac = offsetAt('America/Los_Angeles', t);
    const abbr = pac === -420 ? 'PDT' : 'PST';
    const ip = `209.85.220.${prng.int(41, 73)}`;
    const sorId = `${prng.hex(2)}sor${prng.int(1000000, 9999999)}${prng.hex(3)}.${prng.int(10, 99)}`;
    const tag = signatureTag(msg);
    const dom = envelopeFrom.split('@')[1];
    return {
      raw: prepend(msg, [
        `Delivered-To: ${rcpt.email}`,
        `Received: by 2002:a05:6638:${prng.hex(3)}:0:0:0:0 with SMTP id ${prng.hex(1)}csp${prng.int(1000000, 9999999)}jaa;\r\n        ${rfc5322(t + SECOND, pac)} (${abbr})`,
        `Return-Path: <${envelopeFrom}>`,
        `Received: from mail-sor-f${ip.split('.')[3]}.google.com (mail-sor-f${ip.split('.')[3]}.google.com. [${ip}])\r\n        by mx.google.com with SMTPS id ${sorId}\r\n        for <${rcpt.email}>\r\n        (Google Transport Security);\r\n        ${rfc5322(t, pac, true)} (${abbr})`,
        `Received-SPF: pass (google.com: domain of ${envelopeFrom} designates ${ip} as permitted sender) client-ip=${ip};`,
        `Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@${dom} header.s=${infra.signer.selector} header.b=${tag};\r\n       spf=pass (google.com: domain of ${envelopeFrom} designates ${ip} as permitted sender) smtp.mailfrom=${envelopeFrom};\r\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=${dom}`,
      ]),
      at: t,
    };
  }
  const site = infra.exchange![rcpt.site ?? Object.keys(infra.exchange!)[0]];
  const v = exchangeAt(t);
  const off = offsetAt(site.zone, t);
  return {
    raw: prepend(msg, [
      `Received: from ${site.host} (${site.ip}) by ${site.host} (${site.ip}) with Microsoft SMTP Server\r\n (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id ${v.id}\r\n via Mailbox Transport; ${rfc5322(t + SECOND, off)}`,
      `Received: from ${infra.host} (${infra.lanPrefix}.5) by ${site.host} (${site.ip}) with Microsoft SMTP Server\r\n (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id ${v.id}\r\n via Frontend Transport; ${rfc5322(t, off)}`,
    ]),
    at: t + SECOND,
  };
}

// ---------------------------------------------------------------------------------------------
// External senders and inbound mail

/** An external sender's own servers: their hops and their domain's signature. */
export async function externalSend(
  ext: ExternalOrg,
  raw: Buffer,
  sender: Person,
  dateAt: number,
  prng: Prng,
): Promise<{ raw: Buffer; at: number }> {
  if (ext.kind === 'exim') return eximSend(ext, raw, sender, dateAt, prng);
  const t1 = dateAt + prng.int(1, 8) * SECOND;
  const off = offsetAt(ext.zone, t1);
  if (ext.kind === 'o365') {
    const srv = ext.exchangeServer!;
    const lines = [
      `Received: from ${srv} ([fe80::${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}]) by ${srv}\r\n ([fe80::${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}%5]) with mapi id 15.20.${prng.int(3800, 4200)}.${prng.int(10, 40)}; ${rfc5322(t1, 0)}`,
    ];
    const signed = await sign(prepend(raw, lines), ext.signer, t1);
    const t2 = t1 + prng.int(1, 3) * SECOND;
    return {
      raw: prepend(signed, [
        `Received: from ${srv} (2603:10a6:${prng.hex(3)}:${prng.hex(2)}::${prng.hex(2)}) by\r\n ${srv.replace(/^[A-Z0-9]+/, (s) => s.slice(0, -1) + String(prng.int(0, 9)))} (2603:10a6:${prng.hex(3)}::${prng.hex(2)}) with Microsoft SMTP\r\n Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.${prng.int(3800, 4200)}.${prng.int(10, 40)}; ${rfc5322(t2, 0)}`,
      ]),
      at: t2,
    };
  }
  if (ext.kind === 'gmail') {
    const pac = offsetAt('America/Los_Angeles', t1);
    const signed = await sign(raw, ext.signer, t1);
    return {
      raw: prepend(signed, [
        `Received: by mail-wr1-f${prng.int(41, 70)}.google.com with SMTP id ${prng.hex(1)}so${prng.int(1000000, 9999999)}wrw.${prng.int(10, 99)};\r\n        ${rfc5322(t1, pac)} (${pac === -420 ? 'PDT' : 'PST'})`,
      ]),
      at: t1,
    };
  }
  const id = postfixId(prng);
  const o = originFor(sender, t1, prng, sender.zone, true, '192.168.1');
  const rec = `Received: from ${fromClause(o)}\r\n\t(Authenticated sender: ${sender.email})\r\n\tby ${ext.host} (Postfix) with ESMTPSA id ${id}; ${postfixDate(t1, off, zoneAbbreviation(ext.zone, t1))}`;
  return { raw: await sign(prepend(raw, [rec]), ext.signer, t1, id), at: t1 };
}

/** Inbound mail reaching the organisation's MX from an external host, then delivered. */
export async function inbound(
  infra: OrgInfra,
  msg: Buffer,
  from: { host: string; ip: string; domain: string },
  envelopeFrom: string,
  rcpt: Person,
  at: number,
  prng: Prng,
  dkim: string,
): Promise<{ raw: Buffer; at: number }> {
  if (infra.kind === 'm365') return exoInbound(infra, msg, from, envelopeFrom, rcpt, at, prng, dkim);
  if (infra.kind === 'zimbra') return zimbraInbound(infra, msg, from, envelopeFrom, rcpt, at, prng, dkim);
  if (infra.kind === 'exchange2013') return mimecastInbound(infra, msg, from, envelopeFrom, rcpt, at, prng);
  const t = at + prng.int(1, 9) * SECOND;
  if (infra.kind === 'google') {
    const pac = offsetAt('America/Los_Angeles', t);
    const abbr = pac === -420 ? 'PDT' : 'PST';
    return {
      raw: prepend(msg, [
        `Delivered-To: ${rcpt.email}`,
        `Received: by 2002:a05:6638:${prng.hex(3)}:0:0:0:0 with SMTP id ${prng.hex(1)}csp${prng.int(1000000, 9999999)}jaa;\r\n        ${rfc5322(t + SECOND, pac)} (${abbr})`,
        `Return-Path: <${envelopeFrom}>`,
        `Received: from ${from.host} (${from.host}. [${from.ip}])\r\n        by mx.google.com with ESMTPS id ${prng.hex(2)}si${prng.int(1000000, 9999999)}.${prng.int(10, 99)}\r\n        for <${rcpt.email}>\r\n        (version=TLS1_2 cipher=ECDHE-RSA-AES128-GCM-SHA256 bits=128/128);\r\n        ${rfc5322(t, pac, true)} (${abbr})`,
        `Authentication-Results: mx.google.com;\r\n       dkim=${dkim} header.i=@${from.domain};\r\n       spf=pass smtp.mailfrom=${envelopeFrom}`,
      ]),
      at: t + SECOND,
    };
  }
  const id = postfixId(prng);
  const off = offsetAt(infra.zone, t);
  const mx = [
    `Authentication-Results: ${infra.host}; dkim=${dkim} (2048-bit key) header.d=${from.domain} header.i=@${from.domain} header.b="${signatureTag(msg)}"`,
    `Received: from ${from.host} (${from.host} [${from.ip}])\r\n\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\r\n\t(No client certificate requested)\r\n\tby ${infra.host} (Postfix) with ESMTPS id ${id}\r\n\tfor <${rcpt.email}>; ${postfixDate(t, off, zoneAbbreviation(infra.zone, t))}`,
  ];
  const atMx = prepend(msg, mx);
  return deliver(infra, atMx, envelopeFrom, rcpt, t, prng);
}

/** A security gateway that stamps a warning banner into external mail (after the sender signed it). */
export function externalBanner(raw: Buffer, banner: string): Buffer {
  const s = raw.toString('latin1');
  const i = s.indexOf('\r\n\r\n');
  const head = s.slice(0, i + 4);
  const body = s.slice(i + 4);
  // Only single-part plain-text bodies are stamped in place; the banner goes on top.
  return Buffer.from(head + fold(banner) + '\r\n\r\n' + body, 'latin1');
}
