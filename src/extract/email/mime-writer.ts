// A minimal, deterministic MIME writer for reconstructed messages (.pst items): nothing added that
// the source did not hold (docs/extract.md, Reconstructed messages).

import { encodeWords } from '../../shared/rfc2047.js';

const CRLF = '\r\n';

/** Header text as RFC 2047 B-encoded words where it is not printable ASCII. */
export function encodeHeaderText(text: string): string {
  return encodeWords(text, 'B');
}

/** A display name as an RFC 5322 phrase: quoted when it has specials, encoded when not ASCII. */
function encodePhrase(name: string): string {
  if (!/^[\x20-\x7e]*$/.test(name)) return encodeHeaderText(name);
  return /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/.test(name) ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`;
}

export function formatAddress(name: string | undefined, address: string | undefined): string {
  const n = (name ?? '').trim();
  const a = (address ?? '').trim();
  if (a && n && n !== a) return `${encodePhrase(n)} <${a}>`;
  if (a) return `<${a}>`;
  return n ? `${encodePhrase(n)} :;` : '';
}

/** A header line; the value must already be encoded. Line breaks in it are folded. */
export function headerLine(name: string, value: string): string {
  return `${name}: ${value.replace(/\r?\n(?![ \t])/g, `${CRLF} `)}`;
}

/** Content-Disposition / Content-Type filename parameter (RFC 2231 for non-ASCII). */
export function filenameParam(param: 'filename' | 'name', value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !/["\\]/.test(value)) return `${param}="${value}"`;
  return `${param}*=UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** Base64 body wrapped at 76 characters (RFC 2045 §6.8). */
export function base64Body(content: Uint8Array): string {
  const b64 = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

export interface MimePart {
  headers: string[];
  /** Either a leaf body (already encoded) or child parts of a multipart. */
  body?: string;
  parts?: MimePart[];
  /** Required when parts is set. Must not occur in any part (base64 bodies never contain '=_'). */
  boundary?: string;
}

/** Serialise a part (headers, blank line, body or multipart children). */
export function renderPart(part: MimePart): string {
  let out = part.headers.join(CRLF) + CRLF + CRLF;
  if (part.parts) {
    for (const p of part.parts) out += `--${part.boundary}${CRLF}${renderPart(p)}${CRLF}`;
    out += `--${part.boundary}--${CRLF}`;
  } else {
    out += (part.body ?? '') + CRLF;
  }
  return out;
}

export { CRLF };
