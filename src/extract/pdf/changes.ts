// What each incremental update changed: the types of the objects it redefined (Info, Page,
// Annot, Font...), and pages whose visible content it replaced.

import type { PdfStructure, Warn } from './structure-model.js';
import { isDict, isRef, name, type PdfDict, type PdfIndirectObject } from './syntax.js';
import type { PdfObjects } from './objects.js';
import type { PageTrees } from './pages.js';
import type { Revisions } from './revisions.js';

const MAX_TYPE_LOOKUPS = 2_000;
const ANNOT_SUBTYPES = new Set([
  'Text',
  'Link',
  'FreeText',
  'Line',
  'Square',
  'Circle',
  'Polygon',
  'PolyLine',
  'Highlight',
  'Underline',
  'Squiggly',
  'StrikeOut',
  'Stamp',
  'Caret',
  'Ink',
  'Popup',
  'FileAttachment',
  'Sound',
  'Movie',
  'Widget',
  'Screen',
  'PrinterMark',
  'TrapNet',
  'Watermark',
  '3D',
  'Redact',
  'RichMedia',
  'Projection',
]);

export function classifyChanges(
  out: PdfStructure,
  trailer: PdfDict,
  objects: PdfObjects,
  revisions: Revisions,
  pages: PageTrees,
  warn: Warn,
): void {
  const infoRef = trailer.map.get('Info');
  const rootRef = trailer.map.get('Root');
  let budget = MAX_TYPE_LOOKUPS;
  // newest first: when the budget runs out, the saves a forger would have made are covered
  for (const rev of [...out.revisions].reverse()) {
    if (!revisions.revisionEntries[rev.index]) continue;
    const map = revisions.revisionView(rev.index);
    // Pages whose visible content this save replaced (an edit, a watermark), counted apart as the
    // pseudo-type 'PageContents' so the revision check can tell them from pages redefined only for
    // /Annots (comments, form fields): a page given another /Contents, or a content stream the
    // page refers to rewritten in place under its own number.
    const replaced = new Set<number>();
    let streamsChanged = false;
    for (const n of rev.objectsChanged) {
      if (--budget < 0) {
        warn(`types of changed objects: lookup budget of ${MAX_TYPE_LOOKUPS} spent`);
        return;
      }
      const o = objects.getObject(n, map);
      const t = classify(n, o, isRef(infoRef) ? infoRef.num : -1, isRef(rootRef) ? rootRef.num : -1);
      rev.changedTypes[t] = (rev.changedTypes[t] ?? 0) + 1;
      if (t === 'Stream' || t === 'Array') streamsChanged = true;
      if (t === 'Page' && rev.index > 0 && o && isDict(o.value)) {
        const before = objects.getObject(n, revisions.revisionView(rev.index - 1));
        const was = before && isDict(before.value) ? before.value.map.get('Contents') : undefined;
        if (before && JSON.stringify(was) !== JSON.stringify(o.value.map.get('Contents'))) replaced.add(n);
      }
    }
    // A save that encrypts the file rewrites every stream as ciphertext: not an edit of the content.
    const encryptsHere = rev.index > 0 && !!rev.trailer.Encrypt && !out.revisions[rev.index - 1].trailer.Encrypt;
    if (streamsChanged && rev.index > 0 && !encryptsHere)
      for (const page of pages.contentsRedefined(rev.index, new Set(rev.objectsChanged))) replaced.add(page);
    if (replaced.size) rev.changedTypes.PageContents = replaced.size;
  }
}

function classify(n: number, o: PdfIndirectObject | null, infoNum: number, rootNum: number): string {
  if (!o) return 'Unreadable';
  if (n === infoNum) return 'Info';
  const d = o.stream ? o.stream.dict : isDict(o.value) ? o.value : undefined;
  if (!d) {
    if (Array.isArray(o.value)) return 'Array';
    return typeof o.value === 'number' ? 'Number' : 'Other';
  }
  const type = name(d.map.get('Type'));
  const subtype = name(d.map.get('Subtype'));
  if (type === 'XObject' || (o.stream && (subtype === 'Image' || subtype === 'Form'))) return 'XObject';
  if (type) return type;
  if (n === rootNum) return 'Catalog';
  if (d.map.has('ByteRange')) return 'Sig';
  if (subtype && ANNOT_SUBTYPES.has(subtype)) return 'Annot';
  if (d.map.has('FT')) return 'Field';
  if (d.map.has('BaseFont')) return 'Font';
  if (o.stream) return 'Stream';
  return 'Dict';
}
