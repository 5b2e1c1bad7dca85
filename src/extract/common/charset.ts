// Bytes in a named charset or a Windows code page to text: one table of code pages for every format
// that names its charset by number (OLE property sets, RTF \ansicpg, Outlook PidTagInternetCodepage).

import iconv from 'iconv-lite';

/** Decode bytes in a named charset; null when the charset is unknown to both WHATWG and iconv-lite. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  const label = charset.trim().toLowerCase().replace(/\*.*$/, ''); // RFC 2231 language suffix
  if (label === '') return null;
  try {
    const td = new TextDecoder(label);
    // WHATWG maps a few dangerous labels (iso-2022-kr, hz-gb-2312...) to a decoder that only
    // emits U+FFFD; iconv-lite may know them better.
    if (td.encoding !== 'replacement') return td.decode(bytes);
  } catch {
    // not a WHATWG label: try iconv-lite below
  }
  if (iconv.encodingExists(label)) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label);
  return null;
}

/**
 * Code pages not named `cp<N>`: their WHATWG label (for decodeCharset) and their iconv-lite name.
 * The two registries decode some bytes differently (an unassigned byte, a CJK extension), so each
 * caller keeps the registry whose output it has always given; see docs/extract.md.
 */
const NAMED_CODE_PAGES: Record<number, { label?: string; iconv?: string }> = {
  65001: { label: 'utf-8', iconv: 'utf8' },
  1200: { label: 'utf-16le', iconv: 'utf16le' },
  1201: { label: 'utf-16be', iconv: 'utf16be' },
  20127: { label: 'us-ascii', iconv: 'ascii' },
  10000: { iconv: 'macintosh' },
  50220: { label: 'iso-2022-jp' },
  50221: { label: 'iso-2022-jp' },
  50222: { label: 'iso-2022-jp' },
  51932: { label: 'euc-jp' },
  932: { label: 'shift_jis' },
  936: { label: 'gbk' },
  54936: { label: 'gb18030' },
  949: { label: 'euc-kr' },
  51949: { label: 'euc-kr' },
  950: { label: 'big5' },
  20866: { label: 'koi8-r' },
  21866: { label: 'koi8-u' },
  874: { label: 'windows-874' },
};

/** A Windows code page number as a charset label decodeCharset() understands. */
export function codePageLabel(cp: number): string {
  const named = NAMED_CODE_PAGES[cp]?.label;
  if (named) return named;
  if (cp >= 1250 && cp <= 1258) return `windows-${cp}`;
  if (cp >= 28591 && cp <= 28606) return `iso-8859-${cp - 28590}`;
  return `cp${cp}`;
}

/** iconv-lite's name for a Windows code page; 'latin1' when unknown or absent. */
export function codePageEncoding(cp: number | null): string {
  if (cp === null) return 'latin1';
  const named = NAMED_CODE_PAGES[cp]?.iconv;
  if (named) return named;
  for (const name of [`cp${cp}`, `windows${cp}`]) if (iconv.encodingExists(name)) return name;
  return 'latin1';
}
