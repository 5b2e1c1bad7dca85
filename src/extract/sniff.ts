// Type sniffing by content (magic bytes and structure), never by extension: a dump can lie
// about names. The name is only a tie-breaker between text formats.

import CFB from 'cfb';
import type { ByteSource } from './types.js';
import { MIME, type SniffedMime } from './mime.js';

const HEAD = 4096;

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

function ascii(b: Uint8Array, from = 0, to = b.length): string {
  return Buffer.from(b.buffer, b.byteOffset + from, Math.max(0, Math.min(to, b.length) - from)).toString('latin1');
}

/** Header fields that real messages (or MIME entities saved as .eml) carry. */
const KNOWN_HEADER =
  /^(from|to|cc|subject|date|message-id|received|mime-version|return-path|delivered-to|content-type|dkim-signature|x-mailer|reply-to|sender|in-reply-to|references)[ \t]*:/i;
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/** Does the text open with an RFC 5322 header block? Tolerates the obsolete syntax real spam and
 *  old clients use (space before the colon) and one stray line; needs one well-known field. */
function looksLikeEmail(text: string): boolean {
  const lines = text.split(/\r?\n/).slice(0, 60);
  if (!HEADER_LINE.test(lines[0] ?? '')) return false;
  let headers = 0;
  let known = false;
  let bad = 0;
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue; // folded continuation
    if (!HEADER_LINE.test(line)) {
      if (++bad > 1) return false;
      continue;
    }
    headers++;
    if (KNOWN_HEADER.test(line)) known = true;
  }
  return headers >= 1 && known;
}

function isMostlyText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  let bad = 0;
  for (const c of b) if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27)) bad++;
  return bad / b.length < 0.01;
}

/** Read the zip central directory names (from the end of the file) to tell OOXML/ODF from a plain zip. */
async function zipFlavour(source: ByteSource, head: Uint8Array): Promise<SniffedMime> {
  // ODF puts an uncompressed 'mimetype' member first (ODF 1.2 §3.3).
  if (ascii(head, 30, 38) === 'mimetype') {
    const m = ascii(head, 38, 38 + 80).match(/^application\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)/);
    if (m) return m[1] === 'text' ? MIME.odt : m[1] === 'spreadsheet' ? MIME.ods : MIME.odp;
    if (ascii(head, 38, 38 + 40).startsWith('application/vnd.oasis.opendocument')) return MIME.odf;
  }
  const tailLen = Math.min(source.size, 65557 + 22);
  const tail = await source.read(source.size - tailLen, tailLen);
  const buf = Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let names: string;
  if (eocd >= 0 && eocd + 22 <= buf.length) {
    const cdSize = buf.readUInt32LE(eocd + 12);
    const cdOffset = buf.readUInt32LE(eocd + 16);
    const cdLen = Math.min(cdSize, 4 << 20);
    const cd = cdOffset !== 0xffffffff && cdOffset + cdLen <= source.size ? await source.read(cdOffset, cdLen) : new Uint8Array();
    names = ascii(cd);
  } else {
    names = ascii(head); // truncated zip: local headers are all we have
  }
  if (names.includes('[Content_Types].xml')) {
    if (names.includes('word/')) return MIME.docx;
    if (names.includes('xl/')) return MIME.xlsx;
    if (names.includes('ppt/')) return MIME.pptx;
    return MIME.ooxml;
  }
  if (names.includes('META-INF/manifest.xml') && names.includes('content.xml')) return MIME.odf;
  return MIME.zip;
}

async function oleFlavour(source: ByteSource, maxWhole: number): Promise<SniffedMime> {
  if (source.size > maxWhole) return MIME.ole;
  try {
    const all = await source.readAll();
    const cfb = CFB.read(Buffer.from(all.buffer, all.byteOffset, all.byteLength), { type: 'buffer' });
    const names = new Set(cfb.FullPaths.map((p) => p.split('/').filter(Boolean).pop()?.toLowerCase() ?? ''));
    if (names.has('__properties_version1.0') || [...names].some((n) => n.startsWith('__substg1.0_'))) return MIME.msg;
    if (names.has('worddocument')) return MIME.doc;
    if (names.has('workbook') || names.has('book')) return MIME.xls;
    if (names.has('powerpoint document')) return MIME.ppt;
    return MIME.ole;
  } catch {
    return MIME.ole;
  }
}

/**
 * Sniff a document's type from its bytes. `name` only breaks ties between text formats.
 * `maxWhole` bounds how much an OLE file may be read to look inside it.
 */
export async function sniff(source: ByteSource, name: string, maxWhole = 256 << 20): Promise<SniffedMime> {
  if (source.size === 0) return MIME.empty;
  const head = await source.read(0, HEAD);
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return MIME.pdf; // %PDF-
  if (
    startsWith(head, [0x50, 0x4b, 0x03, 0x04]) ||
    startsWith(head, [0x50, 0x4b, 0x05, 0x06]) ||
    startsWith(head, [0x50, 0x4b, 0x07, 0x08])
  )
    return zipFlavour(source, head);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleFlavour(source, maxWhole);
  if (startsWith(head, [0x21, 0x42, 0x44, 0x4e])) return MIME.pst; // !BDN
  if (startsWith(head, [0xff, 0xd8, 0xff])) return MIME.jpeg;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return MIME.png;
  if (
    startsWith(head, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(head, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])
  )
    return MIME.tiff;
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return MIME.gif;
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return MIME.webp;
  if (ascii(head, 4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)/.test(ascii(head, 8, 12))) return MIME.heic;
  if (ascii(head, 0, 4) === '8BPS') return MIME.psd;
  if (startsWith(head, [0x1f, 0x8b])) return MIME.gzip;
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return MIME.sevenZip;
  if (head.length >= 262 && ascii(head, 257, 262) === 'ustar') return MIME.tar;
  if (ascii(head, 0, 5) === '{\\rtf') return MIME.rtf;
  // %PDF- may sit after junk (allowed within the first 1024 bytes by readers).
  const lat = ascii(head, 0, 1024);
  if (lat.includes('%PDF-')) return MIME.pdf;
  if (!isMostlyText(head)) return MIME.unknown;
  const text = ascii(head).replace(/^\ufeff|^\xef\xbb\xbf/, '');
  if (/^From [^\r\n]*\r?\n/.test(text) && looksLikeEmail(text.slice(text.indexOf('\n') + 1))) return MIME.mbox;
  if (looksLikeEmail(text)) return MIME.eml;
  const trimmed = text.trimStart().slice(0, 512).toLowerCase();
  if (trimmed.startsWith('<!doctype html') || trimmed.startsWith('<html') || (/\.html?$/i.test(name) && trimmed.startsWith('<')))
    return MIME.html;
  if (trimmed.startsWith('<?xml') || trimmed.startsWith('<x:xmpmeta')) return MIME.xml;
  return MIME.text;
}
