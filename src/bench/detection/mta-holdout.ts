// The hold-out organisations' servers (seeds 4-6), in each one's real header format:
// - Microsoft 365 / Exchange Online: the mailbox server's "with mapi id 15.20.…" hop (SMTP AUTH
//   submissions arrive "via Frontend Transport"), a hop between mailbox servers, the transport headers
//   Exchange appends to a delivered copy (X-MS-Exchange-Organization-AuthAs/-AuthSource/-Network-Message-Id/
//   -SCL, X-MS-Exchange-CrossTenant-*), and for mail from outside: Exchange Online Protection's hops,
//   Authentication-Results with compauth, Received-SPF and an ARC set sealed by microsoft.com
//   (arcselector9901). Mail inside the tenant is never DKIM-signed; mail leaving it is (selector1).
// - Zimbra 8.8 (Postfix + amavisd-new + OpenDKIM): the submission hop, amavis's re-injection on
//   port 10032/10025, "X-Virus-Scanned: amavisd-new at …", OpenDKIM on every message (internal mail
//   crosses the MTA too), delivery "with LMTP", dates with the zone's name; a Message-Id added by
//   Postfix ("<%Y%m%d%H%M%S.%queueid@%myhostname>") when the client wrote none.
// - Exchange 2013 on premises with a Mimecast gateway: MAPI and SMTP-submission hops in the site
//   server's local time, "via Mailbox Transport" delivery, no signature on internal mail; mail from
//   outside through Mimecast ("by relay.mimecast.com with ESMTP id jp-mta-…", X-MC-Unique), which rewrites
//   links for URL protection after the sender signed.
// - An Exim 4.96 external sender and a Google Groups list.

import { createHash } from 'node:crypto';
import { sealMessage } from 'mailauth/lib/arc/index.js';
import type { Prng } from '../../demo/prng.js';
import { offsetAt, postfixDate, rfc5322, SECOND } from './clock.js';
import type { Person } from './mail-model.js';
import { prepend, sign, type DkimSigner, type ExternalOrg, type Origin, type OrgInfra, type Transit } from './mta-core.js';

const p2 = (n: number) => String(n).padStart(2, '0');

/** A GUID stable for a seed string (one message's Network-Message-Id in every copy). */
function guidOf(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function messageIdOf(raw: Buffer): string {
  return /^Message-I[dD]:\s*<([^>]+)>/im.exec(raw.subarray(0, 8192).toString('latin1'))?.[1] ?? raw.subarray(0, 256).toString('hex');
}

/** Appends header lines at the end of the header block (where Exchange and Postfix add theirs). */
function appendHeaders(raw: Buffer, lines: string[]): Buffer {
  const s = raw.toString('latin1');
  const i = s.indexOf('\r\n\r\n');
  return Buffer.concat([
    Buffer.from(s.slice(0, i + 2), 'latin1'),
    Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'utf8'),
    raw.subarray(i + 2),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Microsoft 365

const exoBuild = (at: number) => {
  const n = 6800 + Math.floor((at - Date.parse('2023-08-01')) / (7 * 86_400_000)) * 18;
  return `15.20.${n}.${p2(Math.floor((at / 86_400_000) % 40) + 10)}`;
};

function ipv6Of(server: string): string {
  const h = createHash('md5').update(server).digest('hex');
  // RFC 5952 text form, as Exchange writes it: no leading zeros in a group.
  const g = (x: string) => x.replace(/^0+(?=.)/, '');
  return `2603:10a6:${g(h.slice(0, 3))}:${g(h.slice(3, 5))}::${g(h.slice(5, 7))}`;
}
function linkLocal(server: string): string {
  const h = createHash('md5').update(`ll${server}`).digest('hex');
  const g = (x: string) => x.replace(/^0+(?=.)/, '');
  return `fe80::${g(h.slice(0, 4))}:${g(h.slice(4, 8))}:${g(h.slice(8, 12))}:${g(h.slice(12, 16))}`;
}

function exoMapiHop(server: string, at: number): string {
  return `Received: from ${server}\r\n ([${linkLocal(server)}]) by ${server}\r\n ([${linkLocal(server)}%5]) with mapi id ${exoBuild(at).replace(/\.(\d+)$/, (_m, d: string) => `.${d.padStart(3, '0')}`)}; ${rfc5322(at, 0)}`;
}

function exoSmtpHop(from: string, to: string, at: number, frontend = false): string {
  return `Received: from ${from} (${ipv6Of(from)}) by\r\n ${to} (${ipv6Of(to)}) with Microsoft SMTP\r\n Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id ${exoBuild(at).replace(/\.0*(\d+)$/, '.$1')}${frontend ? ' via Frontend Transport' : ''}; ${rfc5322(at, 0)}`;
}

/** Submission into Exchange Online: from a client of the mailbox (MAPI, EWS, web, ActiveSync), or over SMTP AUTH. */
export function exoSubmit(
  infra: OrgInfra,
  raw: Buffer,
  sender: Person,
  dateAt: number,
  client: string,
  origin: Origin,
  prng: Prng,
): Transit {
  const t = infra.exo!;
  const server = t.servers.get(sender.email) ?? [...t.servers.values()][0];
  const t1 = dateAt + prng.int(0, 2) * SECOND;
  const viaMailbox = ['outlook-exo', 'owa', 'new-outlook', 'outlook-mac', 'iphone', 'outlook-exchange'].includes(client);
  if (viaMailbox) return { submitted: prepend(raw, [exoMapiHop(server, t1)]), signedAt: t1 };
  const hop = `Received: from ${origin.rdns ?? `[${origin.ip}]`} (${origin.ip}) by\r\n ${server} (${ipv6Of(server)}) with Microsoft SMTP\r\n Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id ${exoBuild(t1).replace(/\.0*(\d+)$/, '.$1')} via Frontend Transport; ${rfc5322(t1, 0)}`;
  return { submitted: prepend(raw, [hop]), signedAt: t1, smtpAuth: true };
}

function exoOrganizationHeaders(
  infra: OrgInfra,
  raw: Buffer,
  authAs: 'Internal' | 'Anonymous',
  source: string,
  at: number,
  prng: Prng,
  smtpAuth = false,
): string[] {
  const t = infra.exo!;
  const nid = guidOf(messageIdOf(raw));
  const d = new Date(at);
  const arrival = `${p2(d.getUTCDate())} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(prng.int(0, 9999)).padStart(4, '0')} (UTC)`;
  return [
    `X-MS-Exchange-Organization-AuthAs: ${authAs}`,
    ...(authAs === 'Internal'
      ? [`X-MS-Exchange-Organization-AuthMechanism: ${smtpAuth ? '06' : '04'}`, `X-MS-Exchange-Organization-AuthSource: ${source}`]
      : [`X-MS-Exchange-Organization-AuthSource: ${source}`]),
    `X-MS-Exchange-Organization-Network-Message-Id: ${nid}`,
    `X-MS-Exchange-Organization-SCL: ${authAs === 'Internal' ? '-1' : '1'}`,
    'X-MS-Exchange-Organization-RecordReviewCfmType: 0',
    'x-ms-publictraffictype: Email',
    `X-MS-Exchange-CrossTenant-OriginalArrivalTime: ${arrival}`,
    `X-MS-Exchange-CrossTenant-Network-Message-Id: ${nid}`,
    `X-MS-Exchange-CrossTenant-Id: ${t.tenantId}`,
    `X-MS-Exchange-CrossTenant-AuthSource: ${source}`,
    `X-MS-Exchange-CrossTenant-AuthAs: ${authAs}`,
    `X-MS-Exchange-Transport-EndToEndLatency: 00:00:0${prng.int(0, 4)}.${String(prng.int(0, 9999999)).padStart(7, '0')}`,
    `X-MS-Exchange-Processed-By-BccFoldering: ${exoBuild(at)}`,
  ];
}

/** Delivery of tenant-internal mail to a staff mailbox: a hop between mailbox servers when they differ. */
export function exoDeliver(
  infra: OrgInfra,
  msg: Buffer,
  envelopeFrom: string,
  rcpt: Person,
  at: number,
  prng: Prng,
): { raw: Buffer; at: number } {
  const t = infra.exo!;
  const from = t.servers.get(envelopeFrom) ?? t.eop;
  const to = t.servers.get(rcpt.email) ?? [...t.servers.values()][0];
  const t2 = at + prng.int(1, 3) * SECOND;
  const smtpAuth = /via Frontend Transport/.test(msg.subarray(0, 1200).toString('latin1'));
  let out: Buffer = from !== to ? prepend(msg, [exoSmtpHop(from, to, t2)]) : msg;
  out = appendHeaders(out, exoOrganizationHeaders(infra, msg, 'Internal', from, t2, prng, smtpAuth));
  return { raw: out, at: t2 };
}

/** Mail from outside reaching a tenant mailbox through Exchange Online Protection. */
export async function exoInbound(
  infra: OrgInfra,
  msg: Buffer,
  from: { host: string; ip: string; domain: string },
  envelopeFrom: string,
  rcpt: Person,
  at: number,
  prng: Prng,
  dkim: string,
): Promise<{ raw: Buffer; at: number }> {
  const t = infra.exo!;
  const t1 = at + prng.int(1, 6) * SECOND;
  const mailbox = t.servers.get(rcpt.email) ?? [...t.servers.values()][0];
  const hub = `AS8PR04CA${String(prng.int(1000, 9999)).padStart(4, '0')}.eurprd04.prod.outlook.com`;
  const eop = t.eop;
  const dkimResult =
    dkim === 'pass'
      ? `dkim=pass (signature was verified) header.d=${from.domain}`
      : `dkim=fail (body hash did not verify) header.d=${from.domain}`;
  const authResults = `spf=pass (sender IP is ${from.ip})\r\n smtp.mailfrom=${from.domain}; ${dkimResult};dmarc=pass action=none\r\n header.from=${from.domain};compauth=pass reason=100`;
  const spf = `Received-SPF: Pass (protection.outlook.com: domain of ${from.domain} designates\r\n ${from.ip} as permitted sender) receiver=protection.outlook.com;\r\n client-ip=${from.ip}; helo=${from.host}; pr=C`;
  const edge = `Received: from ${from.host} (${from.ip}) by\r\n ${eop} (${prng.int(10, 40)}.${prng.int(160, 170)}.${prng.int(1, 250)}.${prng.int(1, 250)}) with Microsoft SMTP Server (version=TLS1_3,\r\n cipher=TLS_AES_256_GCM_SHA384) id ${exoBuild(t1).replace(/\.0*(\d+)$/, '.$1')} via Frontend Transport; ${rfc5322(t1, 0)}`;
  const withEdge = prepend(msg, [`Authentication-Results: ${authResults}`, spf, edge]);
  const seal = await sealMessage(withEdge, {
    signingDomain: 'microsoft.com',
    selector: 'arcselector9901',
    privateKey: t.arc.privateKeyPem,
    authResults: `mx.microsoft.com 1; spf=pass smtp.mailfrom=${from.domain}; dmarc=pass action=none header.from=${from.domain}; dkim=${dkim === 'pass' ? 'pass' : 'fail'} header.d=${from.domain}; arc=none`,
    cv: 'none',
    signTime: new Date(t1),
    headerList: [
      'From',
      'Date',
      'Subject',
      'Message-ID',
      'Content-Type',
      'MIME-Version',
      'X-MS-Exchange-AntiSpam-MessageData-ChunkCount',
      'X-MS-Exchange-AntiSpam-MessageData-0',
    ],
  } as never);
  const t2 = t1 + prng.int(0, 2) * SECOND;
  const t3 = t2 + prng.int(0, 2) * SECOND;
  const hops = [
    `Received: from ${hub} (${ipv6Of(hub)}) by ${mailbox} with HTTPS; ${rfc5322(t3, 0)}`,
    exoSmtpHop(hub, mailbox, t3),
    exoSmtpHop(eop, hub.replace('.eurprd04.prod.outlook.com', '.outlook.office365.com'), t2, true),
  ];
  let out: Buffer = Buffer.concat([Buffer.from(`${hops.join('\r\n')}\r\n`, 'latin1'), seal, withEdge]);
  out = appendHeaders(out, exoOrganizationHeaders(infra, msg, 'Anonymous', eop, t3, prng));
  return { raw: out, at: t3 };
}

// ---------------------------------------------------------------------------------------------
// Zimbra

const postfixQueueId = (prng: Prng) => prng.hex(10).toUpperCase();
const amavisId = (prng: Prng) => prng.bytes(9).toString('base64').replace(/[+/=]/g, 'x').slice(0, 12);

function javaZone(zone: string, at: number): string {
  const off = offsetAt(zone, at);
  const names: Record<string, Record<number, string>> = {
    'America/Sao_Paulo': { [-180]: 'BRT', [-120]: 'BRST' },
    'America/Cuiaba': { [-240]: 'AMT', [-180]: 'AMST' },
  };
  return names[zone]?.[off] ?? 'UTC';
}

/** Postfix, then amavisd-new and its re-injection, then OpenDKIM: what a message crossing Zimbra's MTA carries. */
async function zimbraMta(
  infra: OrgInfra,
  raw: Buffer,
  firstHop: string,
  at: number,
  prng: Prng,
  rcpt: string,
): Promise<{ out: Buffer; at: number; queueId: string }> {
  const host = infra.host;
  const q1 = postfixQueueId(prng);
  const t1 = at;
  const zone = infra.zone;
  const d = (t: number) => postfixDate(t, offsetAt(zone, t), javaZone(zone, t));
  const hop1 = firstHop.replace('%QUEUE%', q1).replace('%DATE%', d(t1));
  const t2 = t1 + prng.int(1, 3) * SECOND;
  const q2 = postfixQueueId(prng);
  const lines = [
    `Received: from localhost (localhost [127.0.0.1])\r\n\tby ${host} (Postfix) with ESMTP id ${q2}\r\n\tfor <${rcpt}>; ${d(t2)}`,
    `X-Virus-Scanned: amavisd-new at ${infra.domain}`,
    `Received: from ${host} ([127.0.0.1])\r\n\tby localhost (${host} [127.0.0.1]) (amavisd-new, port 10032)\r\n\twith ESMTP id ${amavisId(prng)} for <${rcpt}>;\r\n\t${rfc5322(t2, offsetAt(zone, t2))} (${javaZone(zone, t2)})`,
    `Received: from localhost (localhost [127.0.0.1])\r\n\tby ${host} (Postfix) with ESMTP id ${q1}\r\n\tfor <${rcpt}>; ${d(t1)}`,
    hop1,
  ];
  // Postfix adds a Message-Id when the client wrote none (Samsung Email), at the end of the header block.
  let body = raw;
  const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1');
  if (!/^Message-I[dD]:/im.test(head)) {
    const w = new Date(t1 + offsetAt(zone, t1) * 60_000);
    const id = `${w.getUTCFullYear()}${p2(w.getUTCMonth() + 1)}${p2(w.getUTCDate())}${p2(w.getUTCHours())}${p2(w.getUTCMinutes())}${p2(w.getUTCSeconds())}.${q1}@${host}`;
    body = appendHeaders(raw, [`Message-Id: <${id}>`]);
  }
  const signed = await sign(prepend(body, lines), infra.signer, t2, q2);
  return { out: signed, at: t2, queueId: q2 };
}

export async function zimbraSubmit(
  infra: OrgInfra,
  raw: Buffer,
  sender: Person,
  rcpt: Person[],
  dateAt: number,
  client: string,
  origin: Origin,
  prng: Prng,
): Promise<Transit> {
  const first = rcpt[0]?.email ?? sender.email;
  const t1 = dateAt + prng.int(1, 4) * SECOND;
  const hop =
    client === 'zimbra-web'
      ? `Received: from ${infra.host} (${infra.host} [${infra.lanPrefix}.5])\r\n\tby ${infra.host} (Postfix) with ESMTP id %QUEUE%\r\n\tfor <${first}>; %DATE%`
      : `Received: from ${origin.rdns ? `[${origin.ip}] (${origin.rdns} [${origin.ip}])` : `[${origin.ip}] (unknown [${origin.ip}])`}\r\n\t(Authenticated sender: ${sender.email})\r\n\tby ${infra.host} (Postfix) with ESMTPSA id %QUEUE%\r\n\tfor <${first}>; %DATE%`;
  const r = await zimbraMta(infra, raw, hop, t1, prng, first);
  return { submitted: r.out, signedAt: r.at };
}

export function zimbraDeliver(
  infra: OrgInfra,
  msg: Buffer,
  envelopeFrom: string,
  rcpt: Person,
  at: number,
  prng: Prng,
): { raw: Buffer; at: number } {
  const t = at + prng.int(0, 2) * SECOND;
  return {
    raw: prepend(msg, [
      `Return-Path: ${envelopeFrom}`,
      `Received: from ${infra.host} (LHLO ${infra.host}) (${infra.lanPrefix}.5) by\r\n ${infra.host} with LMTP; ${rfc5322(t, offsetAt(infra.zone, t))} (${javaZone(infra.zone, t)})`,
    ]),
    at: t,
  };
}

export async function zimbraInbound(
  infra: OrgInfra,
  msg: Buffer,
  from: { host: string; ip: string; domain: string },
  envelopeFrom: string,
  rcpt: Person,
  at: number,
  prng: Prng,
  dkim: string,
) {
  const t1 = at + prng.int(1, 8) * SECOND;
  const hop = `Received: from ${from.host} (${from.host} [${from.ip}])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\r\n\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\r\n\t(No client certificate requested)\r\n\tby ${infra.host} (Postfix) with ESMTPS id %QUEUE%\r\n\tfor <${rcpt.email}>; %DATE%`;
  const spam = [
    'X-Spam-Flag: NO',
    `X-Spam-Score: ${dkim === 'pass' ? '-0.1' : '0.1'}`,
    'X-Spam-Level: ',
    `X-Spam-Status: No, score=${dkim === 'pass' ? '-0.1' : '0.1'} tagged_above=-10 required=6.6\r\n\ttests=[DKIM_SIGNED=0.1, ${dkim === 'pass' ? 'DKIM_VALID=-0.1, DKIM_VALID_AU=-0.1, ' : ''}SPF_HELO_NONE=0.001, SPF_PASS=-0.001] autolearn=ham autolearn_force=no`,
    `Authentication-Results: ${infra.host} (amavisd-new);\r\n\tdkim=${dkim === 'pass' ? 'pass (2048-bit key)' : 'fail (2048-bit key) reason="fail (body has been altered)"'} header.d=${from.domain}`,
  ];
  // Inbound mail is not signed again: only hops and amavis's verdict are added.
  const host = infra.host;
  const zone = infra.zone;
  const d = (t: number) => postfixDate(t, offsetAt(zone, t), javaZone(zone, t));
  const q1 = postfixQueueId(prng);
  const t2 = t1 + prng.int(1, 4) * SECOND;
  const out = prepend(msg, [
    `Received: from localhost (localhost [127.0.0.1])\r\n\tby ${host} (Postfix) with ESMTP id ${postfixQueueId(prng)}\r\n\tfor <${rcpt.email}>; ${d(t2)}`,
    ...spam,
    `X-Virus-Scanned: amavisd-new at ${infra.domain}`,
    `Received: from ${host} ([127.0.0.1])\r\n\tby localhost (${host} [127.0.0.1]) (amavisd-new, port 10032)\r\n\twith ESMTP id ${amavisId(prng)} for <${rcpt.email}>;\r\n\t${rfc5322(t2, offsetAt(zone, t2))} (${javaZone(zone, t2)})`,
    hop.replace('%QUEUE%', q1).replace('%DATE%', d(t1)),
  ]);
  return zimbraDeliver(infra, out, envelopeFrom, rcpt, t2, prng);
}

// ---------------------------------------------------------------------------------------------
// Exchange 2013 on premises, with Mimecast in front

function exchange2013OrgHeaders(source: string, ip: string | undefined): string[] {
  return [
    'X-MS-Exchange-Organization-AuthAs: Internal',
    'X-MS-Exchange-Organization-AuthMechanism: 04',
    `X-MS-Exchange-Organization-AuthSource: ${source}`,
    'X-MS-Exchange-Organization-SCL: -1',
    ...(ip ? [`x-originating-ip: [${ip}]`] : []),
  ];
}

/** Mimecast's inbound relay, then the edge connector of the recipient's site server. */
export function mimecastInbound(
  infra: OrgInfra,
  msg: Buffer,
  from: { host: string; ip: string; domain: string },
  envelopeFrom: string,
  rcpt: Person,
  at: number,
  prng: Prng,
): { raw: Buffer; at: number } {
  const site = infra.exchange![rcpt.site ?? Object.keys(infra.exchange!)[0]];
  const t1 = at + prng.int(2, 9) * SECOND;
  const region = site.zone === 'Asia/Tokyo' ? 'jp' : site.zone === 'Europe/London' ? 'eu' : 'us';
  const id = `${region}-mta-${prng.int(1, 40)}-${prng.bytes(16).toString('base64').replace(/[+/=]/g, 'x').slice(0, 22)}-1`;
  const t2 = t1 + prng.int(1, 3) * SECOND;
  const off = offsetAt(site.zone, t2);
  const relay = `${region}-smtp-inbound-${prng.int(1, 2)}.mimecast.com`;
  const rewritten = mimecastRewriteLinks(msg, region);
  const out = prepend(rewritten, [
    `Received: from ${site.host} (${site.ip}) by ${site.host} (${site.ip}) with Microsoft SMTP Server\r\n (TLS) id 15.0.1497.2 via Mailbox Transport; ${rfc5322(t2 + SECOND, off)}`,
    `Received: from ${relay} (${region === 'jp' ? '103.13.69' : '207.211.30'}.${prng.int(2, 250)}) by ${site.host}\r\n (${site.ip}) with Microsoft SMTP Server (TLS) id 15.0.1497.2; ${rfc5322(t2, off)}`,
    `Received: from ${from.host} (${from.host} [${from.ip}]) (Using\r\n TLS) by relay.mimecast.com with ESMTP id ${id}; ${rfc5322(t1, offsetAt(site.zone, t1), true)}`,
    `X-MC-Unique: ${id.split('-').slice(3).join('-')}`,
  ]);
  void envelopeFrom;
  return { raw: out, at: t2 + SECOND };
}

/** Mimecast's URL protection: every http(s) link in a text part becomes a protect-…mimecast.com link. */
function mimecastRewriteLinks(msg: Buffer, region: string): Buffer {
  const s = msg.toString('latin1');
  if (!/https?:\/\//.test(s)) return msg;
  return Buffer.from(
    s.replace(/https?:\/\/([A-Za-z0-9.-]+)(\/[^\s<>"]*)?/g, (_m, host: string) => {
      const code = createHash('sha1').update(_m).digest('base64').replace(/[+/=]/g, '').slice(0, 14);
      return `https://protect-${region}.mimecast.com/s/${code}?domain=${host}`;
    }),
    'latin1',
  );
}

// ---------------------------------------------------------------------------------------------
// An Exim + Dovecot external sender

export async function eximSend(
  ext: ExternalOrg,
  raw: Buffer,
  sender: Person,
  dateAt: number,
  prng: Prng,
): Promise<{ raw: Buffer; at: number }> {
  const t1 = dateAt + prng.int(1, 8) * SECOND;
  const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let sec = Math.floor(t1 / 1000);
  let t = '';
  for (let i = 0; i < 6; i++) {
    t = B62[sec % 62] + t;
    sec = Math.floor(sec / 62);
  }
  const id = `${t}-${[...Array(6)].map(() => B62[prng.int(0, 61)]).join('')}-${[...Array(2)].map(() => B62[prng.int(0, 61)]).join('')}`;
  const ip = `192.168.${prng.int(0, 3)}.${prng.int(20, 200)}`;
  const hop = `Received: from [${ip}] (helo=[${ip}])\r\n\tby ${ext.host} with esmtpsa  (TLS1.3) tls TLS_AES_256_GCM_SHA384\r\n\t(Exim 4.96)\r\n\t(envelope-from <${sender.email}>)\r\n\tid ${id};\r\n\t${rfc5322(t1, offsetAt(ext.zone, t1), true)}`;
  return { raw: await sign(prepend(raw, [hop]), ext.signer, t1), at: t1 };
}

// ---------------------------------------------------------------------------------------------
// A Google Groups list: its footer, its List-* headers, its own ARC seal and signature (d=googlegroups.com).

export interface GoogleGroup {
  name: string;
  address: string;
  groupId: string;
  signer: DkimSigner;
  arcKeyPem: string;
  footer: string;
}

export async function googleGroupsDistribute(g: GoogleGroup, post: Buffer, at: number, prng: Prng): Promise<{ raw: Buffer; at: number }> {
  const s = post.toString('latin1');
  const i = s.indexOf('\r\n\r\n');
  let head = s.slice(0, i);
  let body = s.slice(i + 4);
  const ct = /^Content-Type:\s*([^;\r\n]+)/im.exec(head)?.[1]?.toLowerCase() ?? 'text/plain';
  const cte = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase() ?? '7bit';
  const footer = `\r\n-- \r\n${g.footer}\r\n`;
  if (ct === 'text/plain' && (cte === '7bit' || cte === '8bit')) body = `${body.replace(/(\r\n)*$/, '')}\r\n${footer}`;
  else {
    const b = `00000000000${prng.hex(6)}${prng.hex(8)}${prng.hex(2)}`;
    const inner = head.split(/\r\n(?![ \t])/).filter((l) => /^content-(type|transfer-encoding)/i.test(l));
    head = head
      .split(/\r\n(?![ \t])/)
      .filter((l) => !/^content-(type|transfer-encoding)/i.test(l))
      .join('\r\n');
    head += `\r\nContent-Type: multipart/mixed; boundary="${b}"`;
    body = `--${b}\r\n${inner.join('\r\n')}\r\n\r\n${body}\r\n--${b}\r\nContent-Type: text/plain; charset="UTF-8"\r\n${footer}\r\n--${b}--\r\n`;
  }
  const [local, domain] = g.address.split('@');
  head += [
    '',
    `X-Original-Sender: ${/^From:.*?<([^>]+)>/im.exec(s)?.[1] ?? ''}`,
    'Precedence: list',
    `Mailing-list: list ${g.address}; contact ${local}+owners@${domain}`,
    `List-ID: <${local}.${domain}>`,
    `X-Google-Group-Id: ${g.groupId}`,
    `List-Post: <https://groups.google.com/group/${local}/post>, <mailto:${g.address}>`,
    `List-Help: <https://groups.google.com/support/>, <mailto:${local}+help@${domain}>`,
    `List-Archive: <https://groups.google.com/group/${local}/>`,
    `List-Unsubscribe: <mailto:googlegroups-manage+${g.groupId}+unsubscribe@googlegroups.com>,\r\n <https://groups.google.com/group/${local}/subscribe>`,
  ].join('\r\n');
  const t = at + prng.int(20, 120) * SECOND;
  const msg = Buffer.from(`${head}\r\n\r\n${body}`, 'latin1');
  const pac = offsetAt('America/Los_Angeles', t);
  const withHop = prepend(msg, [
    `Received: by 2002:a05:6214:${prng.hex(3)}:b0:68f:${prng.hex(4)}:${prng.hex(4)} with SMTP id ${prng.hex(2)}ls${prng.int(1000000, 9999999)}qvb.${prng.int(10, 99)}.-pod-prod-0${prng.int(1, 9)}-us;\r\n        ${rfc5322(t, pac)} (${pac === -420 ? 'PDT' : 'PST'})`,
  ]);
  const seal = await sealMessage(withHop, {
    signingDomain: 'google.com',
    selector: 'arc-20160816',
    privateKey: g.arcKeyPem,
    authResults: `mx.google.com; dkim=pass header.i=@${/^From:.*?@([^>\s]+)>?/im.exec(s)?.[1] ?? domain}; spf=pass smtp.mailfrom=${local}+bncBD@${domain}`,
    cv: 'none',
    signTime: new Date(t),
  } as never);
  const signed = await sign(Buffer.concat([seal, withHop]), g.signer, t);
  return { raw: signed, at: t };
}

// ---------------------------------------------------------------------------------------------
// Exchange 2013 inside the organisation (no signature on internal mail)

/** Exchange 2013 cumulative updates: the SMTP id and the MAPI id of each. */
const EXCHANGE_2013: [string, string, string][] = [
  ['2016-12-13', '15.0.1263.5', '15.00.1263.005'],
  ['2017-03-21', '15.0.1293.2', '15.00.1293.002'],
  ['2017-06-27', '15.0.1320.4', '15.00.1320.004'],
  ['2017-09-19', '15.0.1347.2', '15.00.1347.002'],
  ['2017-12-19', '15.0.1365.1', '15.00.1365.001'],
  ['2018-03-20', '15.0.1367.3', '15.00.1367.003'],
];

function ex2013(at: number): { id: string; mapi: string } {
  let v = EXCHANGE_2013[0];
  for (const e of EXCHANGE_2013) if (Date.parse(e[0]) + 21 * 86_400_000 <= at) v = e;
  return { id: v[1], mapi: v[2] };
}

export function exchange2013Submit(
  infra: OrgInfra,
  raw: Buffer,
  sender: Person,
  dateAt: number,
  client: string,
  origin: Origin,
  prng: Prng,
): Transit {
  const site = infra.exchange![sender.site ?? Object.keys(infra.exchange!)[0]];
  const t1 = dateAt + prng.int(1, 4) * SECOND;
  const v = ex2013(t1);
  const off = offsetAt(site.zone, t1);
  const mapi = ['outlook-exchange', 'outlook-mac', 'iphone'].includes(client);
  const hops = mapi
    ? [`Received: from ${site.host} ([${site.ll}]) by ${site.host}\r\n ([${site.ll}%12]) with mapi id ${v.mapi}; ${rfc5322(t1, off)}`]
    : [
        `Received: from ${site.host} (${site.ip}) by ${site.host} (${site.ip}) with Microsoft SMTP Server\r\n (TLS) id ${v.id}; ${rfc5322(t1 + SECOND, off)}`,
        `Received: from [${origin.ip}] (${origin.ip}) by ${site.host} (${site.ip}) with Microsoft SMTP Server\r\n (TLS) id ${v.id} via Frontend Transport; ${rfc5322(t1, off)}`,
      ];
  return { submitted: prepend(raw, hops), signedAt: t1 + SECOND, smtpAuth: !mapi };
}

export function exchange2013Deliver(
  infra: OrgInfra,
  msg: Buffer,
  envelopeFrom: string,
  rcpt: Person,
  at: number,
  prng: Prng,
): { raw: Buffer; at: number } {
  const sites = infra.exchange!;
  const fromSite = sites[infra.siteOf?.get(envelopeFrom) ?? Object.keys(sites)[0]];
  const to = sites[rcpt.site ?? Object.keys(sites)[0]];
  const t = at + prng.int(1, 3) * SECOND;
  const v = ex2013(t);
  const off = offsetAt(to.zone, t);
  const hops = [
    `Received: from ${to.host} (${to.ip}) by ${to.host} (${to.ip}) with Microsoft SMTP Server\r\n (TLS) id ${v.id} via Mailbox Transport; ${rfc5322(t + SECOND, off)}`,
  ];
  if (fromSite.host !== to.host)
    hops.push(
      `Received: from ${fromSite.host} (${fromSite.ip}) by ${to.host} (${to.ip}) with Microsoft SMTP Server\r\n (TLS) id ${v.id}; ${rfc5322(t, off)}`,
    );
  const smtp = /via Frontend Transport/.test(msg.subarray(0, 1500).toString('latin1'));
  const head = msg.subarray(0, msg.indexOf('\r\n\r\n')).toString('latin1');
  const ip = smtp ? /from \[([\d.]+)\]/.exec(head)?.[1] : /^x-originating-ip:\s*\[([\d.]+)\]/im.exec(head)?.[1];
  const withOrg = /^X-MS-Exchange-Organization-AuthAs:/im.test(head)
    ? msg
    : appendHeaders(msg, exchange2013OrgHeaders(fromSite.host, smtp ? undefined : ip));
  return { raw: prepend(withOrg, hops), at: t + SECOND };
}

/** The office scanner's scan-to-mail as the organisation's servers receive it (before final delivery):
 *  Exchange Online's connector, Zimbra's Postfix (which signs it like everything else), or the Exchange
 *  2013 site server's frontend. */
export async function scannerRelay(infra: OrgInfra, raw: Buffer, device: string, to: Person, at: number, prng: Prng): Promise<Buffer> {
  if (infra.kind === 'm365') {
    const t = infra.exo!;
    return prepend(raw, [
      `Received: from ${device} (${infra.lanPrefix}.240) by\r\n ${t.eop} (${prng.int(10, 40)}.167.16.${prng.int(2, 250)}) with Microsoft SMTP\r\n Server id ${exoBuild(at).replace(/\.0*(\d+)$/, '.$1')} via Frontend Transport; ${rfc5322(at, 0)}`,
    ]);
  }
  if (infra.kind === 'zimbra') {
    const hop = `Received: from ${device} (unknown [${infra.lanPrefix}.240])\r\n\tby ${infra.host} (Postfix) with ESMTP id %QUEUE%\r\n\tfor <${to.email}>; %DATE%`;
    return (await zimbraMta(infra, raw, hop, at, prng, to.email)).out;
  }
  const site = infra.exchange![to.site ?? Object.keys(infra.exchange!)[0]];
  return prepend(raw, [
    `Received: from ${device} (${site.ip.replace(/\.\d+\.\d+$/, '.2.240')}) by ${site.host} (${site.ip}) with Microsoft SMTP Server id ${ex2013(at).id} via Frontend Transport; ${rfc5322(at, offsetAt(site.zone, at))}`,
  ]);
}
