// One .pst item (or embedded message) rendered as deterministic RFC 822 bytes: stored transport
// headers or headers rebuilt from MAPI, then our own MIME body.

import type { PSTAttachment, PSTMessage, PSTRecipient } from 'pst-extractor';
import type { Limits } from '../../model/limits.js';
import { MAPI_CLASS_HEADER, MAPI_DATE_HEADERS, RECONSTRUCTED_HEADER } from './header-facts.js';
import { base64Body, CRLF, encodeHeaderText, filenameParam, formatAddress, headerLine, renderPart, type MimePart } from './mime-writer.js';
import { embeddedMessage } from './pst-embedded.js';

/** Attachment method 5: an embedded message (PidTagAttachMethod). */
const ATTACH_EMBEDDED = 5;
const MIME_HEADERS = /^(content-type|content-transfer-encoding|mime-version|content-disposition|content-id|content-description)[ \t]*:/i;

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
    let r: PSTRecipient | null;
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
    let rtf: string;
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
