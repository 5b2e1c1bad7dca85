// Text bytes to text and the charset chosen, with why: BOM, valid UTF-8, the declared charset,
// chardet's guess, windows-1252 as the last resort (it maps every byte).

import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import { decodeCharset } from '../common/charset.js';

export interface DecodedText {
  text: string;
  /** The charset used, as a label: 'UTF-8', 'UTF-16LE', 'US-ASCII', 'windows-1252', 'Shift_JIS'... */
  charset: string;
  /** Why that charset: the evidence behind it. */
  how: 'bom' | 'ascii' | 'utf8' | 'declared' | 'detected' | 'fallback';
}

/** Bytes chardet looks at: enough for its statistics, bounded for multi-megabyte texts. */
const DETECT_SAMPLE = 64 << 10;

/**
 * When the bytes are a prefix of a longer document, a multi-byte UTF-8 character may be cut in two
 * at the end: drop that incomplete tail so the UTF-8 test judges the document, not the cut.
 */
function withoutCutCharacter(b: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? b.subarray(0, b.length - back) : b;
  }
  return b;
}

export function decodeDocumentText(bytes: Uint8Array, opts: { declared?: string; truncated?: boolean } = {}): DecodedText {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: b.subarray(3).toString('utf8'), charset: 'UTF-8', how: 'bom' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: b.subarray(2).toString('utf16le'), charset: 'UTF-16LE', how: 'bom' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: decodeCharset(b.subarray(2), 'utf-16be') ?? '', charset: 'UTF-16BE', how: 'bom' };

  let ascii = true;
  for (let i = 0; i < b.length; i++)
    if (b[i] > 0x7f || b[i] === 0) {
      ascii = false;
      break;
    }
  if (ascii) return { text: b.toString('latin1'), charset: 'US-ASCII', how: 'ascii' };

  const body = opts.truncated ? withoutCutCharacter(b) : b;
  if (isUtf8(body)) return { text: body.toString('utf8'), charset: 'UTF-8', how: 'utf8' };

  if (opts.declared) {
    const text = decodeCharset(b, opts.declared);
    // A document declaring UTF-8 that is not valid UTF-8 lies; fall through to detection.
    if (text !== null && !/^utf-?8$/i.test(opts.declared.trim())) return { text, charset: opts.declared.trim(), how: 'declared' };
  }
  const guess = chardet.analyse(b.subarray(0, DETECT_SAMPLE)).find((m) => m.name !== 'ASCII' && m.name !== 'UTF-8');
  if (guess) {
    const text = decodeCharset(b, guess.name);
    if (text !== null) return { text, charset: guess.name, how: 'detected' };
  }
  return { text: decodeCharset(b, 'windows-1252') ?? b.toString('latin1'), charset: 'windows-1252', how: 'fallback' };
}

/** The encoding of an XML declaration: <?xml version="1.0" encoding="ISO-8859-1"?>. */
export function xmlDeclaredEncoding(head: Uint8Array): string | undefined {
  const s = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024)).toString('latin1');
  return s.match(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/)?.[1];
}

/**
 * The charset an HTML document declares in its first 1024 bytes (the HTML prescan window):
 * <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">.
 */
export function htmlDeclaredCharset(head: Uint8Array): string | undefined {
  const s = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024)).toString('latin1');
  return s.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i)?.[1] ?? xmlDeclaredEncoding(head);
}
