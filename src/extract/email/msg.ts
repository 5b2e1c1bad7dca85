// Outlook .msg items (MAPI properties, read with msgreader): transport headers parsed as an .eml's,
// MAPI properties beside them with their own source, attachments as children.

import { createHash } from 'node:crypto';
import msgreaderModule, { type FieldsData } from '@kenjiuno/msgreader';
import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import type { EmailAddress, EmailAttachmentFacts } from '../../model/facts-email.js';
import { MIME } from '../mime.js';
import { toBuffer } from '../common/byte-source.js';
import { claimDate, parseRfc2822Date } from '../../shared/dates.js';
import { capText, factsFromHeaders, messageIds } from './header-facts.js';
import { codePageLabel, decodeCharset } from '../common/charset.js';
import { htmlLimit, htmlToText } from '../text/html-text.js';
import { parseHeaderText } from './raw-headers.js';
import { attachmentChild } from './attachment-child.js';
import { ExtractError, type ChildDocument, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

// msgreader is CommonJS with `exports.default`; under NodeNext the default import is module.exports.
// The fallback covers loaders that already unwrap the default.
const MsgReader = (msgreaderModule.default ?? msgreaderModule) as typeof msgreaderModule.default;

/** msgreader field -> MAPI canonical property name, for 'msg' metadata entries. */
const PROPERTY_NAMES: readonly [keyof FieldsData, string][] = [
  ['messageClass', 'PidTagMessageClass'],
  ['subject', 'PidTagSubject'],
  ['normalizedSubject', 'PidTagNormalizedSubject'],
  ['conversationTopic', 'PidTagConversationTopic'],
  ['senderName', 'PidTagSenderName'],
  ['senderEmail', 'PidTagSenderEmailAddress'],
  ['senderAddressType', 'PidTagSenderAddressType'],
  ['senderSmtpAddress', 'PidTagSenderSmtpAddress'],
  ['sentRepresentingSmtpAddress', 'PidTagSentRepresentingSmtpAddress'],
  ['creatorSMTPAddress', 'CreatorSmtpAddress (0x5D0A)'],
  ['lastModifierName', 'PidTagLastModifierName'],
  ['lastModifierSMTPAddress', 'LastModifierSmtpAddress (0x5D0B)'],
  ['inetAcctName', 'PidLidInternetAccountName'],
  ['messageId', 'PidTagInternetMessageId'],
  ['clientSubmitTime', 'PidTagClientSubmitTime'],
  ['messageDeliveryTime', 'PidTagMessageDeliveryTime'],
  ['creationTime', 'PidTagCreationTime'],
  ['lastModificationTime', 'PidTagLastModificationTime'],
  ['internetCodepage', 'PidTagInternetCodepage'],
  ['messageCodepage', 'PidTagMessageCodepage'],
  ['messageLocaleId', 'PidTagMessageLocaleId'],
  ['messageFlags', 'PidTagMessageFlags'],
  ['votingResponse', 'PidLidVerbResponse'],
  ['apptStartWhole', 'PidLidAppointmentStartWhole'],
  ['apptEndWhole', 'PidLidAppointmentEndWhole'],
  ['apptLocation', 'PidLidLocation'],
  ['companyName', 'PidTagCompanyName'],
];

/** MAPI times and the date role each stands for. */
const DATE_PROPERTIES: readonly [keyof FieldsData, string, string][] = [
  ['clientSubmitTime', 'PidTagClientSubmitTime', 'sent'],
  ['messageDeliveryTime', 'PidTagMessageDeliveryTime', 'received'],
  ['creationTime', 'PidTagCreationTime', 'created'],
  ['lastModificationTime', 'PidTagLastModificationTime', 'modified'],
];

/** PSETID_Common:0x8554 PidLidCurrentVersionName, the Outlook build that last saved the item. */
const PSETID_COMMON = '00062008-0000-0000-c000-000000000046';
const LID_CURRENT_VERSION_NAME = '00008554';

/** Locale (LCID) -> Windows ANSI code page, for ANSI (PT_STRING8) .msg files without a usable code page. */
const LCID_ANSI: Record<number, number> = {
  1041: 932,
  2052: 936,
  4100: 936,
  1028: 950,
  3076: 950,
  5124: 950,
  1042: 949,
  1054: 874,
  1066: 1258,
  1049: 1251,
  1058: 1251,
  1059: 1251,
  1026: 1251,
  2074: 1250,
  3098: 1251,
  1029: 1250,
  1045: 1250,
  1038: 1250,
  1051: 1250,
  1060: 1250,
  1050: 1250,
  1048: 1250,
  1052: 1250,
  1032: 1253,
  1055: 1254,
  1037: 1255,
  1025: 1256,
  1061: 1257,
  1062: 1257,
  1063: 1257,
};

/** Internet code page -> the Windows ANSI code page of the same script. */
function ansiCodepage(fields: FieldsData): number | undefined {
  const windows = (cp: number | undefined) =>
    cp !== undefined && (cp === 874 || cp === 932 || cp === 936 || cp === 949 || cp === 950 || (cp >= 1250 && cp <= 1258)) ? cp : undefined;
  const fromMessage = windows(fields.messageCodepage);
  if (fromMessage) return fromMessage;
  const icp = fields.internetCodepage;
  const direct = windows(icp);
  if (direct) return direct;
  if (icp === 50220 || icp === 50221 || icp === 50222 || icp === 51932) return 932;
  if (icp === 51949) return 949;
  if (icp === 52936 || icp === 54936 || icp === 20936) return 936;
  if (icp === 20866 || icp === 21866 || icp === 28595) return 1251;
  if (icp === 28592) return 1250;
  if (icp === 28597) return 1253;
  if (icp === 28599) return 1254;
  return fields.messageLocaleId !== undefined ? LCID_ANSI[fields.messageLocaleId] : undefined;
}

type Reader = InstanceType<typeof MsgReader>;

/**
 * Parse a .msg. msgreader decodes PT_STRING8 (ANSI) strings as Latin-1 unless told the code page,
 * so when the item names a non-Latin code page it is parsed again with that code page.
 */
function readMsg(buf: Buffer, where: string): { reader: Reader; fields: FieldsData; codepage?: number } {
  // msgreader sizes its view from the ArrayBuffer, not from a Buffer's window: hand it an exact one.
  const exact: ArrayBuffer =
    buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer
      ? buf.buffer
      : new Uint8Array(buf).buffer;
  const parse = (ansiEncoding?: string) => {
    const reader = new MsgReader(exact);
    reader.parserConfig = ansiEncoding ? { includeRawProps: true, ansiEncoding } : { includeRawProps: true };
    return { reader, fields: reader.getFileData() };
  };
  let first: { reader: Reader; fields: FieldsData };
  try {
    first = parse();
  } catch (e) {
    throw new ExtractError('corrupt', `${where}: not a readable Outlook .msg (${(e as Error).message})`);
  }
  if (first.fields.error) throw new ExtractError('corrupt', `${where}: not a readable Outlook .msg (${first.fields.error})`);
  const cp = ansiCodepage(first.fields);
  if (cp === undefined || cp === 1252) return first;
  try {
    const again = parse(String(cp));
    return again.fields.error ? first : { ...again, codepage: cp };
  } catch {
    return first;
  }
}

function stringValue(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  return undefined;
}

function smtpOf(name: string | undefined, email: string | undefined, smtp: string | undefined): EmailAddress {
  // An Exchange (EX) address is an X.500 DN, not an address a reader would recognise.
  const address = smtp ?? (email && email.includes('@') && !email.startsWith('/') ? email : '');
  return { name: name ?? '', address };
}

interface AttachmentItem {
  index: number;
  name: string;
  content: Uint8Array;
  facts: EmailAttachmentFacts;
  reconstructed: boolean;
}

function attachmentsOf(reader: Reader, fields: FieldsData, ctx: ExtractContext, where: string): AttachmentItem[] {
  const out: AttachmentItem[] = [];
  const list = (fields.attachments ?? []).slice(0, ctx.limits.maxMimeParts);
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    try {
      const data = reader.getAttachment(a);
      const content = data.content ?? new Uint8Array(0);
      const name =
        (data.fileName && data.fileName !== 'undefined' ? data.fileName : '') ||
        a.fileName ||
        a.fileNameShort ||
        a.name ||
        `attachment-${i + 1}`;
      const facts: EmailAttachmentFacts = {
        index: i,
        filename: a.fileName ?? a.fileNameShort ?? (a.innerMsgContent ? `${a.name ?? ''}.msg` : ''),
        contentType: a.attachMimeTag ?? (a.innerMsgContent ? MIME.msg : 'application/octet-stream'),
        size: content.byteLength,
        sha256: createHash('sha256').update(content).digest('hex'),
      };
      if (a.pidContentId) facts.contentId = a.pidContentId;
      out.push({ index: i, name, content, facts, reconstructed: a.innerMsgContent === true });
    } catch (e) {
      ctx.warn('corrupt', `${where}: attachment ${i + 1} unreadable (${(e as Error).message})`);
    }
  }
  return out;
}

function* attachmentChildren(items: AttachmentItem[], ctx: ExtractContext): Iterable<ChildDocument> {
  for (const it of items) {
    const child = attachmentChild(it.index, it.name, it.content, it.content.byteLength, ctx.limits);
    if (it.reconstructed && !child.error) {
      child.metadata = [{ source: 'msg', key: 'reconstructed', value: 'embedded message re-serialised as a standalone .msg by msgreader' }];
    }
    yield child;
  }
}

async function extractMsg(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
  const where = input.name;
  const limits = ctx.limits;
  const buf = await toBuffer(input.source);
  const { reader, fields, codepage } = readMsg(buf, where);

  // Transport headers, when Outlook kept them, are the closest thing to the original message.
  const block = parseHeaderText(fields.headers ?? '', limits.maxHeaderBytes);
  for (const t of block.truncated)
    ctx.warn('limit-exceeded', `${where}: transport header ${t.name} is ${t.bytes} bytes, kept the first ${limits.maxHeaderBytes}`);
  const hf = factsFromHeaders(block.headers, 'msg', buf.length);
  const email = hf.email;
  if (fields.messageClass) email.messageClass = fields.messageClass;
  if (fields.subject !== undefined) email.subject = fields.subject;

  const metadata: MetadataEntry[] = [...hf.metadata];
  for (const [field, key] of PROPERTY_NAMES) {
    let value = stringValue(fields[field]);
    if (value === undefined) continue;
    if (field === 'messageFlags') value = `0x${Number(value).toString(16).padStart(8, '0')}`;
    metadata.push({ source: 'msg', key, value });
  }
  if (codepage !== undefined) metadata.push({ source: 'msg', key: 'ansi-codepage-used', value: String(codepage) });

  const dates: ClaimedDate[] = [...hf.dates];
  for (const [field, prop, role] of DATE_PROPERTIES) {
    const v = stringValue(fields[field]);
    if (v) dates.push(claimDate(role, `msg:${prop}`, v, parseRfc2822Date));
  }

  // Sender and recipients from MAPI: used for the facts when the headers did not say.
  const sender = smtpOf(fields.senderName, fields.senderEmail, fields.senderSmtpAddress);
  if (!email.from && (sender.name || sender.address)) email.from = sender;
  const byType: Record<'to' | 'cc' | 'bcc', EmailAddress[]> = { to: [], cc: [], bcc: [] };
  for (const r of fields.recipients ?? []) byType[r.recipType ?? 'to'].push(smtpOf(r.name, r.email, r.smtpAddress));
  if (email.to.length === 0) email.to = byType.to;
  if (email.cc.length === 0) email.cc = byType.cc;
  if (email.bcc.length === 0) email.bcc = byType.bcc;
  if (!email.messageId && fields.messageId) {
    const id = messageIds(fields.messageId)[0];
    if (id) email.messageId = id;
  }

  const people: PersonClaim[] = [...hf.people];
  const mapiPerson = (role: string, source: string, a: EmailAddress) => {
    if (!a.name && !a.address) return;
    const p: PersonClaim = { role, name: a.name || a.address, source };
    if (a.address) p.email = a.address;
    people.push(p);
  };
  mapiPerson('sender', 'msg:PidTagSenderName', sender);
  for (const k of ['to', 'cc', 'bcc'] as const) for (const a of byType[k]) mapiPerson('recipient', `msg:recipient-${k}`, a);
  if (fields.lastModifierName)
    mapiPerson('last-modified-by', 'msg:PidTagLastModifierName', {
      name: fields.lastModifierName,
      address: fields.lastModifierSMTPAddress ?? '',
    });

  const software: SoftwareClaim[] = [...hf.software];
  const version = fields.rawProps?.find((p) => p.propertySet === PSETID_COMMON && p.propertyLid === LID_CURRENT_VERSION_NAME);
  if (typeof version?.value === 'string' && version.value !== '') {
    // PidLidCurrentVersionName only exists in items written by Outlook.
    software.push({ role: 'mailer', value: 'Microsoft Outlook', version: version.value, source: 'msg:PidLidCurrentVersionName' });
    metadata.push({ source: 'msg', key: 'PidLidCurrentVersionName', value: version.value });
  }

  if (fields.messageClass === 'IPM.Note.SMIME') {
    ctx.warn(
      'encrypted',
      `${where}: S/MIME opaque item (IPM.Note.SMIME): the content is inside the smime.p7m attachment, encrypted or opaque-signed; not decrypted`,
    );
  }

  // Bodies: plain text first; HTML (string or bytes in the internet code page) converted when alone.
  let body = fields.body ?? '';
  let html = fields.bodyHtml ?? '';
  if (html === '' && fields.html && fields.html.byteLength > 0) {
    html = decodeCharset(fields.html, codePageLabel(fields.internetCodepage ?? 65001)) ?? Buffer.from(fields.html).toString('utf8');
  }
  if (body.trim() === '' && html !== '') {
    const converted = htmlToText(html, htmlLimit(limits));
    body = converted.text;
    if (converted.error) ctx.warn('html-to-text', `${where}: HTML body not converted to text (${converted.error})`);
  }
  if (body !== '') email.text = capText(body, limits.maxTextChars);
  if (html !== '') email.html = capText(html, limits.maxTextChars);

  const items = attachmentsOf(reader, fields, ctx, where);
  email.attachments = items.map((i) => i.facts);

  const out: ExtractOutput = {
    kind: 'email',
    metadata,
    facts: { email, dates, people, software },
  };
  if (email.subject !== undefined) out.title = email.subject;
  const text = [email.subject ?? '', body].filter((s) => s !== '').join('\n\n');
  if (text !== '') out.text = capText(text, limits.maxTextChars);
  if (items.length > 0) out.children = attachmentChildren(items, ctx);
  return out;
}

export const msgExtractor: Extractor = {
  id: 'email.msg',
  version: 1,
  kind: 'email',
  container: true,
  mimes: [MIME.msg],
  extract: extractMsg,
};
