// RFC 2047 encoded-words and raw header bytes decoded for every header as written; a word in an
// unknown charset stays as written (docs/extract.md, Mail headers).

import { decodeCharset } from '../common/charset.js';

/** Header bytes to text: UTF-8 when the bytes are valid UTF-8 (RFC 6532), else Latin-1 (one char per byte). */
export function decodeHeaderBytes(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i] > 0x7f) {
      ascii = false;
      break;
    }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii) return buf.toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return buf.toString('latin1');
  }
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding === 'B' || encoding === 'b') {
    return Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  }
  // Q encoding (RFC 2047 §4.2): '_' is a space, =XX a byte, everything else literal.
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f) out.push(0x20);
    else if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Buffer.from(out);
}

interface Word {
  start: number;
  end: number;
  charset: string;
  bytes: Buffer;
  raw: string;
}

/**
 * Decode every RFC 2047 encoded-word of a header value. Whitespace between two adjacent
 * encoded-words is dropped (§6.2); adjacent words in the same charset are joined before
 * decoding so that a multi-byte character split across two words survives.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  const words: Word[] = [];
  for (const m of value.matchAll(ENCODED_WORD)) {
    words.push({ start: m.index!, end: m.index! + m[0].length, charset: m[1], bytes: wordBytes(m[2], m[3]), raw: m[0] });
  }
  if (words.length === 0) return value;
  let out = '';
  let at = 0;
  let i = 0;
  while (i < words.length) {
    const first = words[i];
    const between = value.slice(at, first.start);
    // Whitespace-only gap between two encoded-words disappears.
    if (!(i > 0 && /^[ \t\r\n]*$/.test(between))) out += between;
    const group: Word[] = [first];
    let j = i + 1;
    while (
      j < words.length &&
      words[j].charset.toLowerCase() === first.charset.toLowerCase() &&
      /^[ \t\r\n]*$/.test(value.slice(words[j - 1].end, words[j].start))
    ) {
      group.push(words[j]);
      j++;
    }
    const decoded = decodeCharset(Buffer.concat(group.map((w) => w.bytes)), first.charset);
    out += decoded ?? group.map((w) => w.raw).join('');
    at = group[group.length - 1].end;
    i = j;
  }
  return out + value.slice(at);
}
