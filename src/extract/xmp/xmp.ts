// XMP as facts for the PDF, image and text extractors: the packet's bytes decoded, then dates,
// tools, authors, identifiers, edit history and PDF/A claims.

import { parseXmpPacket, type XmpPacket } from './packet.js';

interface XmpHistoryEvent {
  action?: string;
  when?: string;
  softwareAgent?: string;
  instanceId?: string;
  changed?: string;
  parameters?: string;
}

export interface XmpFacts {
  /** x:xmptk of x:xmpmeta. */
  toolkit?: string;
  /** Every simple property by canonical 'prefix:Name'; several values (Seq/Bag/Alt) joined by '; '. */
  fields: Record<string, string>;
  /** The values of multi-valued properties one by one ('dc:creator' => ['A', 'B']). */
  lists: Record<string, string[]>;
  /** xmpMM:History events in order. */
  history: XmpHistoryEvent[];
  /** Every property, in document order, for metadata entries. */
  properties: { key: string; value: string }[];
  truncated: boolean;
}

/** Longest packet text read (a PDF may carry a huge packet; real ones are a few KB). */
const MAX_XMP_CHARS = 4 << 20;

/**
 * XMP bytes to text. XMP allows UTF-8, UTF-16 and UTF-32 (XMP spec part 1 §7.3.2); the BOM or the
 * NUL pattern of the first characters tells which. Junk before the first '<' (seen in PDFs) is kept:
 * the parser skips it.
 */
export function decodeXmpBytes(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, MAX_XMP_CHARS * 2));
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return utf32(b.subarray(4), false);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return utf32(b.subarray(4), true);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return utf16be(b.subarray(2));
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x3c) return utf32(b, false); // '<' in UTF-32BE
  if (b.length >= 4 && b[0] === 0x3c && b[1] === 0 && b[2] === 0 && b[3] === 0) return utf32(b, true); // '<' in UTF-32LE
  if (b.length >= 4 && b[0] === 0 && b[1] === 0x3c) return utf16be(b); // '<' in UTF-16BE without BOM
  if (b.length >= 4 && b[0] === 0x3c && b[1] === 0) return b.toString('utf16le');
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  return b.subarray(start).toString('utf8');
}

function utf16be(b: Buffer): string {
  const n = b.length >> 1;
  const sw = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    sw[2 * i] = b[2 * i + 1];
    sw[2 * i + 1] = b[2 * i];
  }
  return sw.toString('utf16le');
}

function utf32(b: Buffer, le: boolean): string {
  let s = '';
  for (let i = 0; i + 4 <= b.length; i += 4) {
    const cp = le ? b.readUInt32LE(i) : b.readUInt32BE(i);
    if (cp <= 0x10ffff) s += String.fromCodePoint(cp);
  }
  return s;
}

const MARKUP: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/**
 * Character references (&#169; &#xE9;) as characters. The XML parser under packet.ts only
 * expands the five named entities, and writers (Acrobat, Word) encode ©, accented letters and
 * line breaks as numeric references; unexpanded, 'Word &#169; 2016' would not equal what every
 * other reader shows. Markup characters go back in as named entities so the document stays XML.
 */
function expandCharRefs(xml: string): string {
  return xml.replace(/&#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}));/g, (ref, h: string | undefined, d: string | undefined) => {
    const cp = h ? parseInt(h, 16) : Number(d);
    if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return ref;
    const ch = String.fromCodePoint(cp);
    return MARKUP[ch] ?? ch;
  });
}

/** Parse an XMP packet into facts. Throws (with the parser's message) when it is not XML. */
export function readXmp(xml: string, maxProperties = 5000): XmpFacts {
  const text = xml.length > MAX_XMP_CHARS ? xml.slice(0, MAX_XMP_CHARS) : xml;
  const packet: XmpPacket = parseXmpPacket(expandCharRefs(text), maxProperties);
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const events = new Map<number, XmpHistoryEvent>();
  for (const { key, value } of packet.properties) {
    const h = key.match(/^xmpMM:History\[(\d+)\]\/stEvt:(\w+)$/);
    if (h) {
      const ev = events.get(Number(h[1])) ?? {};
      // field names are matched regardless of case: 'stEvt:When' (seen in the wild) still dates the event
      const field = HISTORY_FIELDS[h[2].toLowerCase()];
      if (field) ev[field] = value;
      events.set(Number(h[1]), ev);
      continue;
    }
    (lists[key] ??= []).push(value);
  }
  for (const [key, values] of Object.entries(lists)) {
    fields[key] = values.join('; ');
    if (values.length < 2) delete lists[key];
  }
  const history = [...events.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
  return { toolkit: packet.toolkit, fields, lists, history, properties: packet.properties, truncated: packet.truncated };
}

const HISTORY_FIELDS: Record<string, keyof XmpHistoryEvent> = {
  action: 'action',
  when: 'when',
  softwareagent: 'softwareAgent',
  instanceid: 'instanceId',
  changed: 'changed',
  parameters: 'parameters',
};

/** The values of a property: the list when it had several, else the single value. */
export function xmpList(x: XmpFacts, key: string): string[] {
  return x.lists[key] ?? (x.fields[key] !== undefined ? [x.fields[key]] : []);
}
