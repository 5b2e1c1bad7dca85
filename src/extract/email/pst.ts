// Outlook .pst mail stores, read with pst-extractor: a container whose children are the items.
//
// A .pst does not keep the MIME bytes of a message: it keeps MAPI properties (subject, bodies,
// sender, recipients, times), the transport headers of received mail, and attachments. Each item
// therefore becomes a child whose bytes are an RFC 822 RECONSTRUCTION made here: the transport
// headers as stored (MIME headers renamed, since the body structure is ours), or headers rebuilt
// from MAPI properties when there are none, then our own MIME body. The first header says so
// (RECONSTRUCTED_HEADER), the email extractor sets facts.email.reconstructed from it, and a DKIM
// body-hash mismatch on such bytes is expected, not evidence of tampering. The rendering is
// deterministic: the same item always gives the same bytes and SHA-256.
//
// pst-extractor needs the whole file in memory (Buffer or path; we never hand it a path), so the
// file is bounded by limits.maxWholeFileBytes.

import { createRequire } from 'node:module';
import pstModule from 'pst-extractor';
import type { PSTAttachment, PSTFolder, PSTMessage, PSTRecipient } from 'pst-extractor';
import type { MetadataEntry } from '../../model/document.js';
import type { ArchiveFacts } from '../../model/facts-archive.js';
import type { Limits } from '../../model/limits.js';
import { MIME } from '../mime.js';
import { BufferSource, toBuffer } from '../common/byte-source.js';
import { MAPI_CLASS_HEADER, MAPI_DATE_HEADERS, RECONSTRUCTED_HEADER } from './header-facts.js';
import {
  base64Body,
  CRLF,
  encodeHeaderText,
  filenameParam,
  formatAddress,
  headerLine,
  renderPart,
  type MimePart,
} from './mime-writer.js';
import { ExtractError, type ChildDocument, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

// pst-extractor is CommonJS; under NodeNext the default import is module.exports.
const { PSTFile } = pstModule;
type PSTFileT = InstanceType<typeof PSTFile>;

/*
 * pst-extractor 1.12 returns null for every embedded message (PSTAttachment.embeddedPSTMessage
 * requires a descriptor node that attachments never have; java-libpst, which it ports, passes
 * null there). The fallback below does what java-libpst does, with pst-extractor's own classes,
 * reached through their dist paths (the package has no exports map; the lockfile pins it).
 */
const requirePst = createRequire(createRequire(import.meta.url).resolve('pst-extractor'));
interface TableItem {
  entryValueType: number;
  isExternalValueReference: boolean;
  data: Buffer;
}
interface DescriptorItem {
  subNodeOffsetIndexIdentifier: number;
}
const { PSTUtil } = requirePst('./PSTUtil.class.js') as {
  PSTUtil: {
    createAppropriatePSTMessageObject(file: PSTFileT, node: null, table: unknown, local: Map<number, DescriptorItem>): PSTMessage;
    convertLittleEndianBytesToLong(data: Buffer, start: number, end: number): { toNumber(): number };
  };
};
const { PSTTableBC } = requirePst('./PSTTableBC.class.js') as { PSTTableBC: new (stream: unknown) => unknown };
const { PSTNodeInputStream } = requirePst('./PSTNodeInputStream.class.js') as {
  PSTNodeInputStream: new (file: PSTFileT, src: Buffer | DescriptorItem) => unknown;
};
const Long = requirePst('long') as { fromNumber(n: number): unknown };

/** PidTagAttachDataObject (0x3701): the embedded message's property table. */
const PID_TAG_ATTACH_DATA_OBJECT = 0x3701;

function embeddedMessage(att: PSTAttachment): PSTMessage | null {
  const a = att as unknown as {
    pstTableItems: Map<number, TableItem> | null;
    localDescriptorItems: Map<number, DescriptorItem> | null;
    pstFile: PSTFileT & { getPSTDescriptorItems(id: unknown): Map<number, DescriptorItem> };
  };
  // The library getter replaces att.localDescriptorItems as a side effect: keep the original map.
  const original = a.localDescriptorItems;
  try {
    const m = att.embeddedPSTMessage;
    if (m) return m;
  } catch {
    // fall through to the java-libpst way
  }
  a.localDescriptorItems = original;
  const item = a.pstTableItems?.get(PID_TAG_ATTACH_DATA_OBJECT);
  if (!item) return null;
  let local = a.localDescriptorItems ?? new Map<number, DescriptorItem>();
  let stream: unknown = null;
  if (item.entryValueType === 0x0102 && !item.isExternalValueReference) {
    stream = new PSTNodeInputStream(a.pstFile, item.data);
  } else if (item.entryValueType === 0x000d) {
    const nested = local.get(PSTUtil.convertLittleEndianBytesToLong(item.data, 0, 4).toNumber());
    if (!nested) return null;
    stream = new PSTNodeInputStream(a.pstFile, nested);
    if (nested.subNodeOffsetIndexIdentifier > 0)
      local = a.pstFile.getPSTDescriptorItems(Long.fromNumber(nested.subNodeOffsetIndexIdentifier));
  }
  if (!stream) return null;
  return PSTUtil.createAppropriatePSTMessageObject(a.pstFile, null, new PSTTableBC(stream), local);
}

/** PidTagPstPassword (0x67FF): CRC-32 of the store password, 0 when there is none. */
const PID_TAG_PST_PASSWORD = 0x67ff;
/** Stores up to this size are walked once up front to count their items (see extractPst). */
export const PST_PREPASS_BYTES = 64 << 20;
/** Deepest folder nesting walked. */
const MAX_FOLDER_DEPTH = 64;
/** Attachment method 5: an embedded message (PidTagAttachMethod). */
const ATTACH_EMBEDDED = 5;
const MIME_HEADERS = /^(content-type|content-transfer-encoding|mime-version|content-disposition|content-id|content-description)[ \t]*:/i;

const PST_TYPES: Record<number, string> = { 14: 'ANSI', 15: 'ANSI', 23: 'Unicode', 36: 'Unicode (2013)' };
const ENCRYPTION: Record<number, string> = { 0: 'none', 1: 'compressible (permutation)', 2: 'high (cyclic)' };

/** Protected getter of PSTObject, reached for a store property pst-extractor does not expose. */
function intProperty(obj: object, id: number): number | undefined {
  const get = (obj as { getIntItem?: (id: number, dflt?: number) => number }).getIntItem;
  if (typeof get !== 'function') return undefined;
  try {
    return get.call(obj, id, 0);
  } catch {
    return undefined;
  }
}

/** Transport headers as stored, with the original MIME headers renamed (our body replaces theirs). */
function transportHeaderLines(transport: string): string[] {
  const lines = transport.replace(/\r?\n$/g, '').split(/\r?\n/);
  const out: string[] = [];
  for (const line of lines) {
    if (line === '') {
      if (out.length === 0) continue; // leading blank lines in the stored property
      break; // end of the header block
    }
    if (MIME_HEADERS.test(line)) out.push(`X-Verity-Original-${line}`);
    else if (/^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(line) || (out.length > 0 && /^[ \t]/.test(line))) out.push(line);
    // A line that is neither a header nor a continuation would end the header block for a reader.
    else out.push(headerLine('X-Verity-Unparsed-Transport-Line', line.replace(/^[ \t]+/, '')));
  }
  return out;
}

interface Recipients {
  to: string[];
  cc: string[];
  bcc: string[];
  nameOnly: string[];
}

/** Recipients as header addresses; those without an SMTP address (Exchange DN only) are listed by name apart. */
function recipientsOf(msg: PSTMessage): Recipients {
  const out: Recipients = { to: [], cc: [], bcc: [], nameOnly: [] };
  const n = Math.min(msg.numberOfRecipients, 10_000);
  for (let i = 0; i < n; i++) {
    let r: PSTRecipient | null = null;
    try {
      r = msg.getRecipient(i);
    } catch {
      continue;
    }
    if (!r) continue;
    const kind = r.recipientType === 2 ? 'cc' : r.recipientType === 3 ? 'bcc' : 'to';
    const smtp = r.smtpAddress || (r.emailAddress?.includes('@') && !r.emailAddress.startsWith('/') ? r.emailAddress : '');
    if (smtp) out[kind].push(formatAddress(r.displayName, smtp));
    else if (r.displayName) out.nameOnly.push(`${kind}; ${encodeHeaderText(r.displayName)}`);
  }
  return out;
}

/**
 * Headers rebuilt from MAPI properties when the item has no transport headers (sent items, drafts,
 * contacts). Only what the store holds: no Date is invented (the MAPI times travel in the
 * X-Verity-MAPI-* headers), and a sender or recipient without an SMTP address is named in an
 * X-Verity-MAPI-* header rather than given a made-up address.
 */
function synthesizedHeaders(msg: PSTMessage): string[] {
  const h: string[] = [];
  const senderSmtp = msg.senderEmailAddress?.includes('@') && !msg.senderEmailAddress.startsWith('/') ? msg.senderEmailAddress : '';
  if (senderSmtp) h.push(headerLine('From', formatAddress(msg.senderName, senderSmtp)));
  else if (msg.senderName) h.push(headerLine('X-Verity-MAPI-Sender-Name', encodeHeaderText(msg.senderName)));
  const r = recipientsOf(msg);
  if (r.to.length) h.push(headerLine('To', r.to.join(`,${CRLF} `)));
  if (r.cc.length) h.push(headerLine('Cc', r.cc.join(`,${CRLF} `)));
  if (r.bcc.length) h.push(headerLine('Bcc', r.bcc.join(`,${CRLF} `)));
  for (const n of r.nameOnly) h.push(headerLine('X-Verity-MAPI-Recipient', n));
  if (msg.subject) h.push(headerLine('Subject', encodeHeaderText(msg.subject)));
  if (msg.internetMessageId) h.push(headerLine('Message-ID', msg.internetMessageId));
  if (msg.inReplyToId) h.push(headerLine('In-Reply-To', msg.inReplyToId));
  return h;
}

function readAttachmentBytes(att: PSTAttachment, maxBytes: number): { bytes?: Buffer; size: number } {
  const stream = att.fileInputStream;
  if (!stream) return { bytes: Buffer.alloc(0), size: 0 };
  const size = stream.length.toNumber();
  if (size > maxBytes) return { size };
  const bytes = Buffer.alloc(size);
  if (size > 0) stream.readCompletely(bytes);
  return { bytes, size };
}

interface RenderCtx {
  limits: Limits;
  warn: (code: string, message: string) => void;
  where: string;
}

/** Render one item (or embedded message) as RFC 822 bytes. `path` identifies the item in messages. */
export function renderItem(msg: PSTMessage, id: string, depth: number, rc: RenderCtx): string {
  const headers: string[] = [
    headerLine(
      RECONSTRUCTED_HEADER,
      'pst; rendered by Verity from the MAPI properties and transport headers stored in the .pst, not the original MIME bytes',
    ),
  ];
  const times: [string, Date | null][] = [
    [MAPI_DATE_HEADERS[0].header, msg.clientSubmitTime],
    [MAPI_DATE_HEADERS[1].header, msg.messageDeliveryTime],
    [MAPI_DATE_HEADERS[2].header, msg.creationTime],
    [MAPI_DATE_HEADERS[3].header, msg.modificationTime],
  ];
  for (const [name, d] of times) if (d && !Number.isNaN(d.getTime())) headers.push(headerLine(name, d.toISOString()));
  if (msg.messageClass) headers.push(headerLine(MAPI_CLASS_HEADER, msg.messageClass));
  const transport = msg.transportMessageHeaders;
  headers.push(...(transport && transport.trim() !== '' ? transportHeaderLines(transport) : synthesizedHeaders(msg)));

  const boundary = (n: number) => `=_verity_pst_${id}_${depth}_${n}`;
  const parts: MimePart[] = [];
  const text = msg.body;
  const html = msg.bodyHTML;
  const textPart = (type: string, s: string): MimePart => ({
    headers: [`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64'],
    body: base64Body(Buffer.from(s, 'utf8')),
  });
  if (text && html)
    parts.push({
      headers: [`Content-Type: multipart/alternative; boundary="${boundary(1)}"`],
      boundary: boundary(1),
      parts: [textPart('text/plain', text), textPart('text/html', html)],
    });
  else if (text) parts.push(textPart('text/plain', text));
  else if (html) parts.push(textPart('text/html', html));
  else {
    let rtf = '';
    try {
      rtf = msg.bodyRTF;
    } catch {
      rtf = '';
    }
    if (rtf)
      parts.push({
        headers: [
          'Content-Type: text/rtf; charset=UTF-8',
          'Content-Transfer-Encoding: base64',
          `Content-Disposition: inline; ${filenameParam('filename', 'body.rtf')}`,
        ],
        body: base64Body(Buffer.from(rtf, 'utf8')),
      });
  }

  const count = Math.min(msg.numberOfAttachments, rc.limits.maxMimeParts);
  for (let i = 0; i < count; i++) {
    try {
      const att = msg.getAttachment(i);
      const name = att.longFilename || att.filename || att.displayName || `attachment-${i + 1}`;
      if (att.attachMethod === ATTACH_EMBEDDED) {
        const inner = depth + 1 < rc.limits.maxMimeDepth ? embeddedMessage(att) : null;
        if (!inner) {
          headers.push(
            headerLine(
              'X-Verity-Skipped-Attachment',
              `${encodeHeaderText(name)}; embedded message not rendered (unreadable or nested deeper than ${rc.limits.maxMimeDepth})`,
            ),
          );
          continue;
        }
        const innerBytes = Buffer.from(renderItem(inner, id, depth + 1, rc), 'utf8');
        parts.push({
          // base64, not 7bit: the inner message may hold lines that look like our boundaries.
          headers: [
            'Content-Type: message/rfc822',
            'Content-Transfer-Encoding: base64',
            `Content-Disposition: attachment; ${filenameParam('filename', `${name}.eml`)}`,
          ],
          body: base64Body(innerBytes),
        });
        continue;
      }
      const { bytes, size } = readAttachmentBytes(att, rc.limits.maxMemberBytes);
      if (!bytes) {
        headers.push(
          headerLine(
            'X-Verity-Skipped-Attachment',
            `${encodeHeaderText(name)}; ${size} bytes, above the ${rc.limits.maxMemberBytes}-byte member limit`,
          ),
        );
        rc.warn('limit-exceeded', `${rc.where}: item ${id} attachment ${name} is ${size} bytes, not rendered`);
        continue;
      }
      const type = /^[\w.+-]+\/[\w.+-]+$/.test(att.mimeTag) ? att.mimeTag : 'application/octet-stream';
      const h = [
        `Content-Type: ${type}; ${filenameParam('name', name)}`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; ${filenameParam('filename', name)}`,
      ];
      if (att.contentId) h.push(`Content-ID: <${att.contentId.replace(/[<>\r\n]/g, '')}>`);
      parts.push({ headers: h, body: base64Body(bytes) });
    } catch (e) {
      rc.warn('corrupt', `${rc.where}: item ${id} attachment ${i + 1} unreadable (${(e as Error).message})`);
    }
  }

  headers.push('MIME-Version: 1.0');
  const root: MimePart =
    parts.length === 1 && !parts[0].headers.some((h) => /^Content-Disposition: attachment/i.test(h))
      ? { headers: [...headers, ...parts[0].headers], body: parts[0].body, parts: parts[0].parts, boundary: parts[0].boundary }
      : { headers: [...headers, `Content-Type: multipart/mixed; boundary="${boundary(0)}"`], parts, boundary: boundary(0) };
  if (root.parts && root.parts.length === 0) {
    // No body, no attachment (a contact, a distribution list): headers only.
    return headers.concat('Content-Type: text/plain; charset=UTF-8').join(CRLF) + CRLF + CRLF;
  }
  return renderPart(root);
}

interface FolderEntry {
  folder: PSTFolder;
  path: string;
  depth: number;
}

/**
 * pst-extractor reports problems with console.log/console.error. In a worker that would land in
 * the CLI's stdout (which may be a JSON report), so every synchronous call into the library runs
 * here: the console is muted for its duration and what the library said becomes a warning.
 * Safe because the wrapped code is synchronous: nothing else runs while the console is muted.
 */
function quietly<T>(ctx: ExtractContext, where: string, fn: () => T): T {
  const saved = { log: console.log, error: console.error, warn: console.warn, info: console.info, debug: console.debug };
  const said: string[] = [];
  const collect = (...args: unknown[]) => {
    if (said.length < 5)
      said.push(
        args
          .map((a) => (a instanceof Error ? a.message : String(a)))
          .join(' ')
          .slice(0, 300),
      );
  };
  console.log = console.error = console.warn = console.info = console.debug = collect;
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
    for (const m of said) ctx.warn('pst-library', `${where}: ${m.replace(/\s+/g, ' ')}`);
  }
}

/** All folders, depth-first, without recursion (a hostile store can nest deeply). */
function folders(root: PSTFolder, ctx: ExtractContext, where: string): FolderEntry[] {
  const out: FolderEntry[] = [];
  const stack: FolderEntry[] = [{ folder: root, path: '', depth: 0 }];
  while (stack.length > 0 && out.length < ctx.limits.maxMembers) {
    const entry = stack.pop()!;
    out.push(entry);
    let has = false;
    try {
      has = entry.folder.hasSubfolders;
    } catch {
      has = false;
    }
    if (!has) continue;
    if (entry.depth >= MAX_FOLDER_DEPTH) {
      ctx.warn('limit-exceeded', `${where}: folders below ${entry.path} nested deeper than ${MAX_FOLDER_DEPTH} are not walked`);
      continue;
    }
    try {
      const subs = entry.folder.getSubFolders();
      for (let i = subs.length - 1; i >= 0; i--)
        stack.push({ folder: subs[i], path: `${entry.path}/${subs[i].displayName}`, depth: entry.depth + 1 });
    } catch (e) {
      ctx.warn('corrupt', `${where}: subfolders of ${entry.path || '/'} unreadable (${(e as Error).message})`);
    }
  }
  return out;
}

function safeName(s: string): string {
  const cleaned = s
    .replace(/[\x00-\x1f/\\:*?"<>|]+/g, '_')
    .trim()
    .slice(0, 120);
  return cleaned === '' ? 'item' : cleaned;
}

/** Items a folder's contents table yields (a fresh folder object: the cursor is per object). */
function countItems(folder: PSTFolder): number {
  let n = 0;
  try {
    const expected = folder.contentCount;
    for (let k = 0; k < expected + 1 && folder.getNextChild(); k++) n++;
  } catch {
    // an unreadable item ends the count for this folder, as it ends the listing
  }
  return n;
}

/** The next child of a folder, rendered; null at the end of the folder. */
function nextItem(folder: PSTFolder, path: string, index: number, ctx: ExtractContext, where: string): ChildDocument | null | 'stop' {
  let msg: PSTMessage | null;
  try {
    msg = folder.getNextChild() as PSTMessage | null;
  } catch (e) {
    ctx.warn('corrupt', `${where}: an item of folder ${path || '/'} is unreadable (${(e as Error).message}); rest of the folder skipped`);
    return 'stop';
  }
  if (!msg) return null;
  let id = String(index);
  let subject = '';
  try {
    id = msg.descriptorNodeId.toString();
    subject = msg.subject ?? '';
  } catch {
    // keep the defaults: the item is still listed
  }
  const segment = { type: 'item' as const, index, id, name: `${path}/${subject}` };
  const name = `${safeName(subject)}.eml`;
  const metadata: MetadataEntry[] = [{ source: 'pst', key: 'folder', value: path }];
  try {
    metadata.push({ source: 'pst', key: 'PidTagMessageClass', value: msg.messageClass });
    const bytes = Buffer.from(renderItem(msg, id, 0, { limits: ctx.limits, warn: ctx.warn, where }), 'utf8');
    return { segment, name, mime: MIME.eml, source: new BufferSource(bytes), metadata };
  } catch (e) {
    return {
      segment,
      name,
      source: new BufferSource(new Uint8Array(0)),
      metadata,
      error: { code: 'corrupt', message: `${where}: item ${id} in ${path || '/'} could not be rendered (${(e as Error).message})` },
    };
  }
}

function* items(pst: PSTFileT, ctx: ExtractContext, where: string): Generator<ChildDocument> {
  let index = 0;
  // A fresh folder tree: the contents cursors of the counting pass are spent.
  const all = quietly(ctx, where, () => folders(pst.getRootFolder(), ctx, where));
  for (const { folder, path } of all) {
    const expected = quietly(ctx, where, () => {
      try {
        return folder.contentCount;
      } catch {
        return 0;
      }
    });
    // getNextChild() walks the folder's contents table; the count bounds a corrupt table.
    for (let k = 0; k < expected + 1; k++) {
      if (ctx.signal.aborted) throw new ExtractError('timeout', `${where}: stopped after ${index} items`);
      if (index >= ctx.limits.maxMembers) {
        ctx.warn('limit-exceeded', `${where}: more than ${ctx.limits.maxMembers} items; the rest are not listed`);
        return;
      }
      const child = quietly(ctx, where, () => nextItem(folder, path, index, ctx, where));
      if (child === null || child === 'stop') break;
      yield child;
      index++;
    }
  }
}

async function extractPst(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
  const where = input.name;
  const { limits } = ctx;
  if (input.source.size > limits.maxWholeFileBytes) {
    throw new ExtractError(
      'limit-exceeded',
      `${where}: .pst of ${input.source.size} bytes is larger than the ${limits.maxWholeFileBytes}-byte whole-read limit (pst-extractor needs the whole file in memory); items not listed`,
    );
  }
  const buf = await toBuffer(input.source);
  let pst: PSTFileT;
  try {
    pst = quietly(ctx, where, () => new PSTFile(buf));
  } catch (e) {
    const msg = (e as Error).message;
    if (/encrypted/i.test(msg))
      throw new ExtractError('encrypted', `${where}: .pst uses "high" (cyclic) encryption, which pst-extractor cannot read`);
    throw new ExtractError('corrupt', `${where}: not a readable .pst (${msg})`);
  }

  const metadata: MetadataEntry[] = [
    { source: 'pst', key: 'FileType', value: PST_TYPES[pst.pstFileType] ?? String(pst.pstFileType) },
    { source: 'pst', key: 'EncryptionType', value: ENCRYPTION[pst.encryptionType] ?? String(pst.encryptionType) },
  ];
  let title: string | undefined;
  try {
    const store = quietly(ctx, where, () => pst.getMessageStore());
    title = store.displayName || undefined;
    if (title) metadata.push({ source: 'pst', key: 'PidTagDisplayName', value: title });
    const password = intProperty(store, PID_TAG_PST_PASSWORD);
    if (password !== undefined && password !== 0) {
      // The value is a CRC-32 of the password: recorded as present, never copied.
      metadata.push({ source: 'pst', key: 'PidTagPstPassword', value: 'set' });
      ctx.warn(
        'encrypted',
        `${where}: the .pst is password-protected (PidTagPstPassword set). Outlook's PST password is only a CRC-32 check stored in the file, not encryption: the items were read without it`,
      );
    }
  } catch (e) {
    ctx.warn('corrupt', `${where}: message store properties unreadable (${(e as Error).message})`);
  }

  // The item count is exact only by walking the contents tables (folder counts include search
  // folders and reminders that point at items listed elsewhere). Stores up to PST_PREPASS_BYTES
  // are walked once up front without rendering; larger ones get no count, like a large mbox.
  const folderNames: string[] = [];
  let members = 0;
  try {
    quietly({ ...ctx, warn: () => {} }, where, () => {
      for (const { folder, path } of folders(pst.getRootFolder(), { ...ctx, warn: () => {} }, where)) {
        if (ctx.signal.aborted) throw new ExtractError('timeout', `${where}: stopped while counting its items`, { kind: 'archive', metadata });
        if (path) folderNames.push(path);
        if (input.source.size <= PST_PREPASS_BYTES) members += countItems(folder);
      }
    });
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    throw new ExtractError('corrupt', `${where}: folder tree unreadable (${(e as Error).message})`, { kind: 'archive', metadata });
  }
  const facts: ExtractOutput['facts'] = {};
  if (input.source.size <= PST_PREPASS_BYTES)
    facts.archive = { format: 'pst', members, encryptedMembers: 0, skipped: [] } satisfies ArchiveFacts;
  const out: ExtractOutput = { kind: 'archive', metadata, facts, children: items(pst, ctx, where) };
  if (title) out.title = title;
  if (folderNames.length > 0) out.text = folderNames.join('\n').slice(0, limits.maxTextChars);
  return out;
}

export const pstExtractor: Extractor = {
  id: 'email.pst',
  version: 1,
  kind: 'archive',
  container: true,
  mimes: [MIME.pst],
  extract: extractPst,
};
