// Every header of a message as written, in order, each line bounded by maxHeaderBytes: a second
// Date or an odd name case is evidence mailparser's normalised view hides.

import type { RawHeader } from '../../model/facts-email.js';
import { decodeEncodedWords, decodeHeaderBytes } from './encoded-words.js';

/** Most headers kept from one header block; beyond this the rest is counted, not stored. */
const MAX_HEADERS = 10_000;

export interface HeaderBlock {
  headers: RawHeader[];
  /** Offset of the first body byte (after the blank line), or undefined when there is no blank line. */
  bodyOffset?: number;
  /** Bytes of the header block, blank line excluded. */
  headerLength: number;
  /** Headers whose value was cut at maxHeaderBytes: name and full length in bytes. */
  truncated: { name: string; bytes: number }[];
  /** Lines that are neither a header nor a continuation (kept for the warning). */
  malformed: string[];
  /** Headers beyond MAX_HEADERS, not stored. */
  dropped: number;
}

/**
 * Locate the end of the header block: the first empty line (LF or CRLF). Returns the length of the
 * header block and the offset of the body, or the whole buffer when there is no empty line.
 */
function findHeaderEnd(buf: Uint8Array, from = 0, to = buf.length): { headerEnd: number; bodyOffset?: number } {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  // An empty first line means no headers at all.
  if (b[from] === 0x0a) return { headerEnd: from, bodyOffset: from + 1 };
  if (b[from] === 0x0d && b[from + 1] === 0x0a) return { headerEnd: from, bodyOffset: from + 2 };
  let at = from;
  for (;;) {
    const nl = b.indexOf(0x0a, at);
    if (nl < 0 || nl >= to) return { headerEnd: to };
    const next = nl + 1;
    if (b[next] === 0x0a && next < to) return { headerEnd: nl + 1, bodyOffset: next + 1 };
    if (b[next] === 0x0d && b[next + 1] === 0x0a && next + 1 < to) return { headerEnd: nl + 1, bodyOffset: next + 2 };
    at = next;
  }
}

const NAME = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;

/**
 * Parse the header block [from, headerEnd) of a message into raw, unfolded headers.
 * `raw` keeps encoded-words as written; `decoded` has them decoded (RFC 2047).
 */
export function parseHeaderBlock(buf: Uint8Array, maxHeaderBytes: number, from = 0): HeaderBlock {
  const { headerEnd, bodyOffset } = findHeaderEnd(buf, from);
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const headers: RawHeader[] = [];
  const truncated: { name: string; bytes: number }[] = [];
  const malformed: string[] = [];
  let dropped = 0;

  // The header being assembled: its name and the byte pieces of its value (bounded).
  let name: string | null = null;
  let pieces: Uint8Array[] = [];
  let kept = 0;
  let total = 0;

  const flush = () => {
    if (name === null) return;
    if (headers.length >= MAX_HEADERS) dropped++;
    else {
      const raw = decodeHeaderBytes(Buffer.concat(pieces))
        .replace(/^[ \t]+/, '')
        .replace(/[ \t\r]+$/, '');
      headers.push({ name, raw, decoded: decodeEncodedWords(raw) });
      if (total > maxHeaderBytes) truncated.push({ name, bytes: total });
    }
    name = null;
    pieces = [];
    kept = 0;
    total = 0;
  };

  const append = (start: number, end: number) => {
    total += end - start;
    const room = maxHeaderBytes - kept;
    if (room <= 0) return;
    const take = Math.min(room, end - start);
    pieces.push(b.subarray(start, start + take));
    kept += take;
  };

  let at = from;
  while (at < headerEnd) {
    let nl = b.indexOf(0x0a, at);
    if (nl < 0 || nl >= headerEnd) nl = headerEnd;
    let lineEnd = nl;
    if (lineEnd > at && b[lineEnd - 1] === 0x0d) lineEnd--;
    const first = b[at];
    if (first === 0x20 || first === 0x09) {
      // Folded continuation: unfolding removes only the line break (RFC 5322 §2.2.3).
      if (name !== null) append(at, lineEnd);
      else if (malformed.length < 20) malformed.push(decodeHeaderBytes(b.subarray(at, Math.min(lineEnd, at + 200))));
    } else {
      flush();
      const head = b.subarray(at, Math.min(lineEnd, at + 1000)).toString('latin1');
      const m = NAME.exec(head);
      if (m) {
        name = m[1];
        // The value starts after the colon and its leading blanks (they are not part of the value).
        let v = at + m[0].length;
        while (v < lineEnd && (b[v] === 0x20 || b[v] === 0x09)) v++;
        append(v, lineEnd);
      } else if (lineEnd > at && malformed.length < 20) {
        malformed.push(decodeHeaderBytes(b.subarray(at, Math.min(lineEnd, at + 200))));
      }
    }
    at = nl + 1;
  }
  flush();
  return { headers, bodyOffset, headerLength: headerEnd - from, truncated, malformed, dropped };
}

/** Parse a header block given as text (Outlook transport headers, a PST item). */
export function parseHeaderText(text: string, maxHeaderBytes: number): HeaderBlock {
  return parseHeaderBlock(Buffer.from(text, 'utf8'), maxHeaderBytes);
}

/** Values of every header with this name (case-insensitive), in order. */
export function headerValues(headers: readonly RawHeader[], name: string): RawHeader[] {
  const n = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === n);
}

/** First header with this name, or undefined. */
export function firstHeader(headers: readonly RawHeader[], name: string): RawHeader | undefined {
  const n = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === n);
}
