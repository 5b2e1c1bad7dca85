// Minimal MIME writing for the demo dump: RFC 2047 encoded words, quoted-printable, base64 lines and
// header folding. Hand-written because the generator must control every byte (mail-composer libraries
// stamp their own Message-ID, boundary and X-Mailer, which would erase the per-client habits).

import { encodeWords } from '../shared/rfc2047.js';

function needsEncoding(s: string): boolean {
  return /[^\x20-\x7e]/.test(s);
}

/** RFC 2047 Q-encoded words, split on character boundaries so no word exceeds 75 characters. */
export function encodeWord(s: string): string {
  return encodeWords(s, 'Q');
}

export interface Address {
  name: string;
  email: string;
}

function formatAddress(a: Address): string {
  if (!a.name) return `<${a.email}>`;
  const name = needsEncoding(a.name) ? encodeWord(a.name) : /[,.;:"()<>@]/.test(a.name) ? `"${a.name}"` : a.name;
  return `${name} <${a.email}>`;
}

export function formatAddressList(list: Address[]): string {
  return list.map(formatAddress).join(',\r\n ');
}

/** Quoted-printable (RFC 2045) of UTF-8 text whose lines end in '\n'; output lines end in CRLF. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const bytes = Buffer.from(line, 'utf8');
    let cur = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      const last = i === bytes.length - 1;
      let enc: string;
      if (b === 0x3d || b > 126 || (b < 32 && b !== 9) || ((b === 32 || b === 9) && last)) {
        enc = `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      } else enc = String.fromCharCode(b);
      if (cur.length + enc.length > 75) {
        out.push(`${cur}=`);
        cur = '';
      }
      cur += enc;
    }
    out.push(cur);
  }
  return out.join('\r\n');
}

export function base64Lines(data: Buffer): string {
  const b64 = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\r\n');
}

export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
