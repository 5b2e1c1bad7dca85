// What each incremental update did to the document metadata: the Info entries and the XMP claims it
// rewrote, with the value the save before held. A metadata edit appended to a file (ExifTool, pdftk,
// a script) leaves the earlier Info and XMP inside it; pdf.info-xmp tells which side was changed.

import type { MetadataChange as Change, PdfRevision } from '../../model/facts-pdf.js';
import { decodeXmpBytes, readXmp } from '../xmp/xmp.js';
import { readInfo } from './catalog.js';
import type { PdfObjects } from './objects.js';
import type { Revisions } from './revisions.js';
import type { LocLookup } from './structure-model.js';
import { isDict, isRef, type PdfRef } from './syntax.js';

/** Updates read, newest first (a forger's edit is among the last saves); XMP packets parsed per update. */
const MAX_UPDATES = 32;
const MAX_XMP_UPDATES = 8;
const MAX_KEYS = 16;
const MAX_VALUE = 200;

/** The XMP properties that restate Info entries (PDF/A-1 §6.7.3), and the metadata date. */
const XMP_CLAIMS = [
  'xmp:CreateDate',
  'xap:CreateDate',
  'xmp:ModifyDate',
  'xap:ModifyDate',
  'xmp:MetadataDate',
  'dc:title',
  'dc:creator',
  'dc:description',
  'pdf:Keywords',
  'xmp:CreatorTool',
  'xap:CreatorTool',
  'pdf:Producer',
];

function refOf(text: string | undefined): PdfRef | undefined {
  const m = text?.match(/^(\d+) (\d+) R$/);
  return m ? { kind: 'ref', num: Number(m[1]), gen: Number(m[2]) } : undefined;
}

const cap = (s: string | undefined) => (s === undefined ? undefined : s.slice(0, MAX_VALUE));

function diff(earlier: Record<string, string>, after: Record<string, string>, keys?: readonly string[]): Change[] {
  const out: Change[] = [];
  for (const key of keys ?? new Set([...Object.keys(earlier), ...Object.keys(after)])) {
    if (earlier[key] === after[key]) continue;
    out.push({ key, before: cap(earlier[key]), after: cap(after[key]) });
    if (out.length >= MAX_KEYS) break;
  }
  return out;
}

/** The catalog's XMP packet as of a revision: its object number and claim fields, or undefined. */
function xmpAt(root: PdfRef, objects: PdfObjects, view: LocLookup): { num: number; fields: Record<string, string> } | undefined {
  const cat = objects.getObject(root.num, view);
  const meta = cat && isDict(cat.value) ? cat.value.map.get('Metadata') : undefined;
  if (!isRef(meta)) return undefined;
  const o = objects.getObject(meta.num, view);
  const data = o?.stream ? objects.decode(o.stream, `metadata stream ${meta.num}`, o) : null;
  if (!data) return undefined;
  try {
    return { num: meta.num, fields: readXmp(decodeXmpBytes(data)).fields };
  } catch {
    return undefined; // a packet that is not XML says nothing about what changed
  }
}

/**
 * Sets `infoChanges` and `xmpChanges` on the updates read: the entries whose value differs from the
 * previous save's. Left unset where no earlier Info (or XMP) could be read.
 */
export function recordMetadataChanges(revisions: PdfRevision[], objects: PdfObjects, reader: Revisions): void {
  let xmpBudget = MAX_XMP_UPDATES;
  for (const rev of revisions.slice(1).reverse().slice(0, MAX_UPDATES)) {
    if (!reader.revisionEntries[rev.index]) continue;
    const prev = revisions[rev.index - 1];
    const [view, prevView] = [reader.revisionView(rev.index), reader.revisionView(rev.index - 1)];
    const info = refOf(rev.trailer?.Info);
    if (info) {
      // The Info the save before pointed to (its own trailer, else the same object as it stood then).
      const earlier = readInfo(refOf(prev.trailer?.Info) ?? info, objects, prevView);
      // Nothing readable before (a linearized file's first-page section, an Info added later): no baseline.
      if (Object.keys(earlier).length) rev.infoChanges = diff(earlier, readInfo(info, objects, view));
    }
    const root = refOf(rev.trailer?.Root);
    if (!root || xmpBudget <= 0) continue;
    const prevRoot = refOf(prev.trailer?.Root) ?? root;
    const redefined = new Set(rev.objectsChanged);
    const now = xmpAt(root, objects, view);
    // Parse the earlier packet only when this save redefined the catalog or the packet.
    if (!now || !(redefined.has(now.num) || redefined.has(root.num) || prevRoot.num !== root.num)) continue;
    xmpBudget--;
    const earlier = xmpAt(prevRoot, objects, prevView);
    if (earlier) rev.xmpChanges = diff(earlier.fields, now.fields, XMP_CLAIMS);
  }
}
