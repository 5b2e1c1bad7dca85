// Plain text and XML: decoded text for search and its charset (only the first maxTextChars × 4
// bytes are read); an XMP sidecar also yields its properties.

import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, Facts, SoftwareClaim } from '../../model/facts.js';
import { MIME } from '../mime.js';
import { claimDate, parseIsoDate } from '../../shared/dates.js';
import { decodeDocumentText, xmlDeclaredEncoding } from './text-charset.js';
import { readXmp, xmpList } from '../xmp/xmp.js';
import type { ExtractContext, ExtractInput, ExtractOutput, Extractor } from '../types.js';

/** XMP dates of a sidecar, by role (the same roles the image extractor uses). */
const XMP_DATES: [string, string][] = [
  ['xmp:CreateDate', 'created'],
  ['xmp:ModifyDate', 'modified'],
  ['xmp:MetadataDate', 'metadata'],
  ['photoshop:DateCreated', 'original'],
  ['exif:DateTimeOriginal', 'original'],
];

export const textExtractor: Extractor = {
  id: 'text',
  version: 1,
  kind: 'text',
  container: false,
  mimes: [MIME.text, MIME.xml],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const cap = ctx.limits.maxTextChars;
    const bytes = await input.source.read(0, Math.min(input.source.size, cap * 4));
    const truncated = bytes.length < input.source.size;
    const isXml = input.mime === MIME.xml;
    const declared = isXml ? xmlDeclaredEncoding(bytes) : undefined;
    const decoded = decodeDocumentText(bytes, { declared, truncated });
    let text = decoded.text.length > cap ? decoded.text.slice(0, cap) : decoded.text;
    if (truncated || decoded.text.length > cap) {
      ctx.warn(
        'text.truncated',
        `${input.name}: only the first ${text.length} characters of ${input.source.size} bytes are indexed for search`,
      );
    }

    const metadata: MetadataEntry[] = [{ source: 'text', key: 'charset', value: decoded.charset }];
    if (declared) metadata.push({ source: 'text', key: 'declared-charset', value: declared });
    const facts: Facts = { charset: decoded.charset };

    // Sidecars often open with <?xpacket ...?> and are sniffed as plain text: look at the content, not the type.
    if (!truncated && /<x:xmpmeta|<x:xapmeta|xmlns:rdf=/.test(text.slice(0, 4096))) {
      xmpSidecar(decoded.text, input.name, metadata, facts, ctx);
    }
    // A NUL or a lone BOM left in the middle is not text a reader searches for.
    text = text.replaceAll('\0', '');
    return { kind: 'text', metadata, text, facts };
  },
};

/** XMP sidecar (.xmp written by Lightroom, Bridge, darktable...): its properties and claims. */
function xmpSidecar(xml: string, name: string, metadata: MetadataEntry[], facts: Facts, ctx: ExtractContext): void {
  let xmp;
  try {
    xmp = readXmp(xml);
  } catch (e) {
    ctx.warn('corrupt', `${name}: XMP unreadable: ${(e as Error).message}`);
    return;
  }
  if (xmp.properties.length === 0 && !xmp.toolkit) return;
  if (xmp.toolkit) metadata.push({ source: 'xmp', key: 'x:xmptk', value: xmp.toolkit });
  for (const p of xmp.properties) metadata.push({ source: 'xmp', key: p.key, value: p.value });
  const software: SoftwareClaim[] = [];
  for (const v of xmpList(xmp, 'xmp:CreatorTool')) software.push({ role: 'creator', value: v, source: 'xmp:xmp:CreatorTool' });
  if (xmp.toolkit) software.push({ role: 'xmp-toolkit', value: xmp.toolkit.trim(), source: 'xmp:x:xmptk' });
  for (const agent of new Set(xmp.history.map((e) => e.softwareAgent).filter((a): a is string => !!a))) {
    software.push({ role: 'xmp-history', value: agent, source: 'xmp:xmpMM:History' });
  }
  const dates: ClaimedDate[] = [];
  for (const [key, role] of XMP_DATES) for (const v of xmpList(xmp, key)) dates.push(claimDate(role, `xmp:${key}`, v, parseIsoDate));
  const people = xmpList(xmp, 'dc:creator').map((n) => ({ role: 'author', name: n, source: 'xmp:dc:creator' }));
  if (software.length) facts.software = software;
  if (dates.length) facts.dates = dates;
  if (people.length) facts.people = people;
}
