// Outlook .msg files as Outlook writes them when a user drags mail out of a folder (MS-OXMSG): a compound
// file (CLSID 00020D0B-…-46) with the property stream, one __substg1.0_ stream per variable-length
// property, a storage per recipient and per attachment, and the named-property map that holds
// PidLidCurrentVersionName. Received items keep the Internet headers they arrived with
// (PR_TRANSPORT_MESSAGE_HEADERS); items that never crossed a server (Sent Items, drafts) have none.
// Exchange senders of the organisation are stored with their X.500 address (EX) and their SMTP address.
// The compound file is written by msgreader's own CFB writer, the library the project reads .msg with.

import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import { burn, type Entry } from '@kenjiuno/msgreader/lib/Burner.js';

const STRING = 0x001f;
const BINARY = 0x0102;
const LONG = 0x0003;
const BOOL = 0x000b;
const SYSTIME = 0x0040;

type Prop = { id: number; type: number; value: string | Buffer | number | boolean | Date };

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

function filetime(d: Date): Buffer {
  const ft = (BigInt(d.getTime()) + 11644473600000n) * 10000n;
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(ft);
  return b;
}

function utf16(s: string): Buffer {
  return Buffer.from(s, 'utf16le');
}

interface Stream {
  name: string;
  data: Buffer;
}

/** The property stream and the substorage streams of one property set. */
function propertyStreams(props: Prop[], header: Buffer): Stream[] {
  const entries: Buffer[] = [header];
  const streams: Stream[] = [];
  for (const p of props) {
    const e = Buffer.alloc(16);
    e.writeUInt32LE(((p.id << 16) | p.type) >>> 0, 0);
    e.writeUInt32LE(0x00000006, 4);
    if (p.type === STRING || p.type === BINARY) {
      const data = p.type === STRING ? utf16(String(p.value)) : (p.value as Buffer);
      e.writeUInt32LE(data.length + (p.type === STRING ? 2 : 0), 8);
      streams.push({ name: `__substg1.0_${hex4(p.id)}${hex4(p.type)}`, data });
    } else if (p.type === SYSTIME) filetime(p.value as Date).copy(e, 8);
    else if (p.type === LONG) e.writeInt32LE(Number(p.value), 8);
    else if (p.type === BOOL) e.writeUInt32LE(p.value ? 1 : 0, 8);
    entries.push(e);
  }
  return [{ name: '__properties_version1.0', data: Buffer.concat(entries) }, ...streams];
}

export interface MsgOptions {
  /** The Internet headers, for an item that was received (absent for Sent Items and drafts). */
  transportHeaders?: boolean;
  /** When the item reached the mailbox (received) or was sent. */
  delivered: number;
  /** When the item was created in the store and last changed (a forger's re-save shows here). */
  created?: number;
  modified?: number;
  /** Windows locale of the mailbox (1031 de-DE, 1041 ja-JP, 1046 pt-BR, 1033 en-US, 2057 en-GB). */
  lcid: number;
  /** PidLidCurrentVersionName: the Outlook build family that saved the item. */
  outlookVersion: string;
  /** The organisation's domain and Exchange organisation name: its senders get X.500 addresses. */
  exchangeOrg?: { domain: string; dn: string };
  read?: boolean;
  /** Sent Items: the item was composed in this mailbox. */
  sent?: boolean;
}

/** "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=<32 hex>-<alias>". */
function x500(dn: string, email: string): string {
  const local = email.split('@')[0];
  return `${dn}/cn=Recipients/cn=${createHash('md5').update(email).digest('hex')}-${local.slice(0, 16)}`.toUpperCase();
}

function addrs(a: AddressObject | AddressObject[] | undefined): { name: string; address: string }[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((o) => o.value.map((v) => ({ name: v.name || v.address || '', address: v.address ?? '' })));
}

/** An Outlook .msg of a message (raw RFC 5322 bytes) as one mailbox holds it. */
export async function msgFromMime(raw: Buffer, o: MsgOptions): Promise<Buffer> {
  const m = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const headEnd = raw.indexOf('\r\n\r\n');
  const headers = raw.subarray(0, headEnd + 4).toString('utf8');
  const from = addrs(m.from)[0] ?? { name: '', address: '' };
  const to = addrs(m.to);
  const cc = addrs(m.cc);
  const subject = m.subject ?? '';
  const prefix = /^((?:re|aw|res|fw|fwd|wg|enc|tr)\s*:\s*)/i.exec(subject)?.[1] ?? '';
  const sent = m.date ?? new Date(o.delivered);
  const delivered = new Date(o.delivered);
  const created = new Date(o.created ?? o.delivered);
  const modified = new Date(o.modified ?? (o.created ?? o.delivered) + 4000);
  const ex = o.exchangeOrg && from.address.endsWith(`@${o.exchangeOrg.domain}`);
  const senderEmail = ex ? x500(o.exchangeOrg!.dn, from.address) : from.address;
  const html = typeof m.html === 'string' ? Buffer.from(m.html, 'utf8') : undefined;
  const props: Prop[] = [
    { id: 0x001a, type: STRING, value: 'IPM.Note' },
    { id: 0x0017, type: LONG, value: 1 },
    { id: 0x0026, type: LONG, value: 1 },
    { id: 0x0037, type: STRING, value: subject },
    { id: 0x003d, type: STRING, value: prefix },
    { id: 0x0e1d, type: STRING, value: subject.slice(prefix.length) },
    { id: 0x0070, type: STRING, value: m.headers.get('thread-topic')?.toString() ?? subject.slice(prefix.length) },
    { id: 0x0039, type: SYSTIME, value: sent },
    { id: 0x0e06, type: SYSTIME, value: delivered },
    { id: 0x3007, type: SYSTIME, value: created },
    { id: 0x3008, type: SYSTIME, value: modified },
    { id: 0x0c1a, type: STRING, value: from.name },
    { id: 0x0c1e, type: STRING, value: ex ? 'EX' : 'SMTP' },
    { id: 0x0c1f, type: STRING, value: senderEmail },
    { id: 0x5d01, type: STRING, value: from.address },
    { id: 0x0042, type: STRING, value: from.name },
    { id: 0x0064, type: STRING, value: ex ? 'EX' : 'SMTP' },
    { id: 0x0065, type: STRING, value: senderEmail },
    { id: 0x5d02, type: STRING, value: from.address },
    { id: 0x0e04, type: STRING, value: to.map((r) => r.name).join('; ') },
    { id: 0x0e03, type: STRING, value: cc.map((r) => r.name).join('; ') },
    { id: 0x0e07, type: LONG, value: (o.read === false ? 0 : 1) | (m.attachments.length ? 0x10 : 0) | (o.sent ? 0 : 0) },
    { id: 0x0e1b, type: BOOL, value: m.attachments.length > 0 },
    { id: 0x3fde, type: LONG, value: 65001 },
    { id: 0x3ff1, type: LONG, value: o.lcid },
    { id: 0x3ffd, type: LONG, value: 1252 },
    { id: 0x1000, type: STRING, value: (m.text ?? '').replace(/\r?\n/g, '\r\n') },
  ];
  if (m.messageId) props.push({ id: 0x1035, type: STRING, value: m.messageId });
  if (m.inReplyTo) props.push({ id: 0x1042, type: STRING, value: m.inReplyTo });
  const refs = m.headers.get('references');
  if (refs) props.push({ id: 0x1039, type: STRING, value: Array.isArray(refs) ? refs.join(' ') : String(refs) });
  const ti = m.headers.get('thread-index');
  if (ti) props.push({ id: 0x0071, type: BINARY, value: Buffer.from(String(ti), 'base64') });
  if (html) props.push({ id: 0x1013, type: BINARY, value: html });
  if (o.transportHeaders) props.push({ id: 0x007d, type: STRING, value: headers });
  props.push({ id: 0x8000, type: STRING, value: o.outlookVersion });

  const top = Buffer.alloc(32);
  top.writeUInt32LE(to.length + cc.length, 8);
  top.writeUInt32LE(m.attachments.length, 12);
  top.writeUInt32LE(to.length + cc.length, 16);
  top.writeUInt32LE(m.attachments.length, 20);

  type Node = { name: string; data?: Buffer; children?: Node[] };
  const root: Node[] = propertyStreams(props, top).map((s) => ({ name: s.name, data: s.data }));
  [...to.map((r) => ({ ...r, type: 1 })), ...cc.map((r) => ({ ...r, type: 2 }))].forEach((r, i) => {
    const rex = o.exchangeOrg && r.address.endsWith(`@${o.exchangeOrg.domain}`);
    const rp: Prop[] = [
      { id: 0x0c15, type: LONG, value: r.type },
      { id: 0x3001, type: STRING, value: r.name },
      { id: 0x3002, type: STRING, value: rex ? 'EX' : 'SMTP' },
      { id: 0x3003, type: STRING, value: rex ? x500(o.exchangeOrg!.dn, r.address) : r.address },
      { id: 0x39fe, type: STRING, value: r.address },
      { id: 0x0ff9, type: BINARY, value: Buffer.from(r.address, 'utf8') },
    ];
    root.push({
      name: `__recip_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`,
      children: propertyStreams(rp, Buffer.alloc(8)).map((s) => ({ name: s.name, data: s.data })),
    });
  });
  m.attachments.forEach((a, i) => {
    const ap: Prop[] = [
      { id: 0x3701, type: BINARY, value: Buffer.from(a.content) },
      { id: 0x3704, type: STRING, value: shortName(a.filename ?? `attachment${i + 1}`) },
      { id: 0x3707, type: STRING, value: a.filename ?? `attachment${i + 1}` },
      { id: 0x3001, type: STRING, value: a.filename ?? `attachment${i + 1}` },
      { id: 0x370e, type: STRING, value: a.contentType },
      { id: 0x3705, type: LONG, value: 1 },
      { id: 0x0e20, type: LONG, value: a.size },
      { id: 0x370b, type: LONG, value: -1 },
      { id: 0x3007, type: SYSTIME, value: created },
      { id: 0x3008, type: SYSTIME, value: created },
    ];
    root.push({
      name: `__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`,
      children: propertyStreams(ap, Buffer.alloc(8)).map((s) => ({ name: s.name, data: s.data })),
    });
  });
  // Named properties: PSETID_Common {00062008-0000-0000-C000-000000000046}, LID 0x8554 -> 0x8000.
  const guid = Buffer.from('0820060000000000c000000000000046', 'hex');
  const entry = Buffer.alloc(8);
  entry.writeUInt32LE(0x8554, 0);
  entry.writeUInt16LE((3 << 1) | 0, 4);
  entry.writeUInt16LE(0, 6);
  root.push({
    name: '__nameid_version1.0',
    children: [
      { name: '__substg1.0_00020102', data: guid },
      { name: '__substg1.0_00030102', data: entry },
      { name: '__substg1.0_00040102', data: Buffer.alloc(0) },
    ],
  });

  const entries: Entry[] = [{ name: 'Root Entry', type: 5, length: 0, children: [] }];
  const add = (node: Node, parent: Entry) => {
    const i = entries.length;
    if (node.children) {
      const e: Entry = { name: node.name, type: 1, length: 0, children: [] };
      entries.push(e);
      parent.children!.push(i);
      for (const c of node.children) add(c, e);
    } else {
      const data = node.data!;
      // msgreader's writer reads the ArrayBuffer behind the view: hand it an unpooled copy.
      entries.push({ name: node.name, type: 2, length: data.length, binaryProvider: () => Uint8Array.from(data) });
      parent.children!.push(i);
    }
  };
  for (const n of root) add(n, entries[0]);
  return Buffer.from(burn(entries));
}

/** The 8.3 name Outlook keeps beside the long file name. */
function shortName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = (dot > 0 ? name.slice(0, dot) : name).replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  const ext = dot > 0 ? name.slice(dot + 1, dot + 4).toUpperCase() : '';
  return `${base.length > 8 ? `${base.slice(0, 6)}~1` : base}${ext ? `.${ext}` : ''}`;
}
