// The document-level dictionaries: the trailer (ID, Info), the encryption dictionary (and a
// decryptor when the empty password opens the file), the catalog (version, pages, forms, actions, XMP).

import { describeEncryption, standardDecryptor } from './decrypt.js';
import { hex, type LocLookup, type PdfStructure, type Warn } from './structure-model.js';
import { int, isDict, isRef, isString, name, type PdfDict, type PdfString, type PdfValue } from './syntax.js';
import { decodeTextString } from './text-string.js';
import type { PdfObjects } from './objects.js';

/** Encryption dictionary, and a decryptor when the empty password opens the file. */
export function setupEncryption(out: PdfStructure, trailer: PdfDict, objects: PdfObjects, warn: Warn): void {
  const enc = trailer.map.get('Encrypt');
  if (enc === undefined || enc === null) return;
  out.encrypted = objects.encrypted = true;
  const d = objects.resolveDict(enc);
  if (!d) {
    warn('trailer /Encrypt could not be read');
    return;
  }
  out.encryption = {
    filter: name(d.map.get('Filter')),
    v: int(d.map.get('V')),
    r: int(d.map.get('R')),
    length: int(d.map.get('Length')),
    encryptMetadata: typeof d.map.get('EncryptMetadata') === 'boolean' ? (d.map.get('EncryptMetadata') as boolean) : undefined,
  };
  if (out.encryption.filter === 'Standard') Object.assign(out.encryption, describeEncryption(d));
  const id = trailer.map.get('ID');
  const id0 = Array.isArray(id) && isString(id[0]) ? id[0].bytes : undefined;
  try {
    const dec = standardDecryptor(d, id0);
    if ('error' in dec) warn(`encrypted: ${dec.error}; strings and object streams left unread`);
    else {
      objects.decryptor = dec;
      out.encryption.keyFrom = dec.keyFrom;
    }
  } catch (e) {
    warn(`encrypted: decryption set-up failed: ${(e as Error).message}`);
  }
}

export function ensureRoot(trailer: PdfDict, objects: PdfObjects, warn: Warn): void {
  if (trailer.map.has('Root')) return;
  // No trailer: find the catalog by scanning (as viewers do for damaged files).
  const root = objects.findByType('Catalog');
  if (root !== undefined) {
    trailer.map.set('Root', { kind: 'ref', num: root, gen: 0 });
    warn(`trailer has no /Root; catalog found by scanning (object ${root})`);
  } else warn('no document catalog found');
}

export function readTrailer(out: PdfStructure, trailer: PdfDict, objects: PdfObjects): void {
  const id = trailer.map.get('ID');
  if (Array.isArray(id) && id.length >= 2 && isString(id[0]) && isString(id[1])) {
    out.trailerId = [hex(id[0].bytes), hex(id[1].bytes)];
  }
  out.info = readInfo(trailer.map.get('Info'), objects);
}

/** The Info dictionary `infoRef` points to, values decoded to text; `view` reads it as of an earlier revision. */
export function readInfo(infoRef: PdfValue | undefined, objects: PdfObjects, view?: LocLookup): Record<string, string> {
  const out: Record<string, string> = {};
  const holder = isRef(infoRef) ? objects.getObject(infoRef.num, view) : null;
  const info = isDict(infoRef) ? infoRef : isDict(holder?.value) ? holder.value : undefined;
  if (!info) return out;
  for (const [k, v] of info.map) {
    if (name(v) !== undefined) out[k] = name(v)!;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (isString(v) || isRef(v)) {
      // a direct Info dictionary in the trailer is not encrypted
      const t = isDict(infoRef) && !isRef(v) ? decodeTextString((v as PdfString).bytes) : objects.text(v, holder);
      if (t !== undefined) out[k] = t;
    }
  }
  return out;
}

export function readCatalog(out: PdfStructure, trailer: PdfDict, objects: PdfObjects, warn: Warn): void {
  const cat = objects.resolveDict(trailer.map.get('Root'));
  if (!cat) {
    warn('document catalog could not be read');
    return;
  }
  const version = name(cat.map.get('Version'));
  if (version) out.catalogVersion = version;
  const pages = objects.resolveDict(cat.map.get('Pages'));
  const count = pages ? int(objects.resolve(pages.map.get('Count'))) : undefined;
  if (count !== undefined && count >= 0) out.pageCount = count;
  const acro = objects.resolveDict(cat.map.get('AcroForm'));
  if (acro) {
    const fields = objects.resolve(acro.map.get('Fields'));
    out.forms = (Array.isArray(fields) && fields.length > 0) || acro.map.has('XFA');
  }
  const oa = cat.map.get('OpenAction');
  if (oa !== undefined && oa !== null) out.openAction = describeAction(oa, objects);
  const names = objects.resolveDict(cat.map.get('Names'));
  if (names?.map.has('JavaScript')) out.javascript = true;
  const meta = cat.map.get('Metadata');
  if (isRef(meta)) {
    const o = objects.getObject(meta.num);
    if (o?.stream) {
      const data = objects.decode(o.stream, `metadata stream ${meta.num}`, o);
      if (data) out.xmp = data;
    }
  }
}

function describeAction(v: PdfValue, objects: PdfObjects): string {
  const r = objects.resolve(v);
  if (Array.isArray(r)) return 'destination';
  if (isDict(r)) {
    const s = name(r.map.get('S'));
    return s ? `action:${s}` : 'action';
  }
  return 'other';
}
