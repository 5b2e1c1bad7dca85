// Appends an incremental update to a PDF the way Acrobat's "Save" does: the original bytes are kept,
// and new versions of the changed objects, a new xref section and a trailer whose /Prev points at the
// previous xref are written after the old %%EOF. Hand-written because pdf-lib can only save a whole
// new file (it has no incremental save), and the forgery must leave the old revision in place.
// pdf-lib is still used to parse the original and to serialise each changed object.

import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

export interface TextEdit {
  pageIndex: number;
  /** Phrases replaced in the page's text-showing operators (WinAnsi text, as pdf-lib writes it). */
  replace: [string, string][];
  /** New Info values (raw PDF string contents: dates in D: syntax). */
  info: Record<string, string>;
  /** New XMP packet for the catalog's /Metadata stream (Acrobat rewrites it on save). */
  xmp?: string;
  /** New second half of the trailer /ID (the "changing" identifier). */
  newInstanceId: string;
}

function winAnsiHex(s: string): string {
  // pdf-lib's standard fonts encode WinAnsi; the phrases used here are Latin-1, which WinAnsi contains.
  return Buffer.from(s, 'latin1').toString('hex').toUpperCase();
}

function streamText(doc: PDFDocument, ref: PDFRef): string {
  const s = doc.context.lookup(ref);
  if (!(s instanceof PDFRawStream)) throw new Error(`content stream ${ref.toString()} is not a raw stream`);
  const filter = s.dict.get(PDFName.of('Filter'));
  const data = filter === PDFName.of('FlateDecode') ? inflateSync(Buffer.from(s.contents)) : Buffer.from(s.contents);
  return data.toString('latin1');
}

function serialise(ref: PDFRef, obj: PDFObject): Buffer {
  const body = Buffer.alloc(obj.sizeInBytes());
  obj.copyBytesInto(body, 0);
  return Buffer.concat([
    Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'),
    body,
    Buffer.from('\nendobj\n', 'latin1'),
  ]);
}

export async function appendTextEditRevision(original: Buffer, edit: TextEdit): Promise<Buffer> {
  const tail = original.subarray(Math.max(0, original.length - 1024)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new Error('appendTextEditRevision: original has no final startxref/%%EOF');
  const prevXref = Number(m[1]);

  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const page = doc.getPage(edit.pageIndex).node;
  const contents = page.get(PDFName.of('Contents'));
  const refs: PDFRef[] =
    contents instanceof PDFRef
      ? [contents]
      : contents instanceof PDFArray
        ? contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef)
        : [];
  if (refs.length === 0) throw new Error(`appendTextEditRevision: page ${edit.pageIndex} has no content stream`);
  let text = refs.map((r) => streamText(doc, r)).join('\n');
  for (const [from, to] of edit.replace) {
    // pdf-lib writes each line as one hex string: decode each, replace inside it, re-encode.
    let found = false;
    text = text.replace(/<([0-9A-Fa-f]+)>/g, (whole, hex: string) => {
      const line = Buffer.from(hex, 'hex').toString('latin1');
      if (!line.includes(from)) return whole;
      found = true;
      return `<${winAnsiHex(line.split(from).join(to))}>`;
    });
    if (!found) throw new Error(`appendTextEditRevision: phrase not found on page ${edit.pageIndex}: ${from}`);
  }

  const changed: [PDFRef, PDFObject][] = [];
  const newStream = doc.context.flateStream(Buffer.from(text, 'latin1'));
  const newRef = doc.context.register(newStream);
  page.set(PDFName.of('Contents'), newRef);
  const pageRef = doc.getPage(edit.pageIndex).ref;
  changed.push([pageRef, page], [newRef, newStream]);

  const infoRef = doc.context.trailerInfo.Info;
  if (!(infoRef instanceof PDFRef)) throw new Error('appendTextEditRevision: no indirect Info dictionary');
  const info = doc.context.lookup(infoRef, PDFDict);
  for (const [k, v] of Object.entries(edit.info)) info.set(PDFName.of(k), PDFString.of(v));
  changed.push([infoRef, info]);

  if (edit.xmp) {
    const metaRef = doc.catalog.get(PDFName.of('Metadata'));
    if (metaRef instanceof PDFRef)
      changed.push([metaRef, doc.context.stream(Buffer.from(edit.xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' })]);
  }

  const parts: Buffer[] = [original];
  let offset = original.length;
  if (original[original.length - 1] !== 0x0a) {
    parts.push(Buffer.from('\n'));
    offset += 1;
  }
  const offsets = new Map<number, { off: number; gen: number }>();
  for (const [ref, obj] of changed) {
    const bytes = serialise(ref, obj);
    offsets.set(ref.objectNumber, { off: offset, gen: ref.generationNumber });
    parts.push(bytes);
    offset += bytes.length;
  }
  const xrefOffset = offset;
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
    xref += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const e = offsets.get(nums[k])!;
      xref += `${String(e.off).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  const oldId = doc.context.trailerInfo.ID;
  const firstId =
    oldId instanceof PDFArray && oldId.get(0) instanceof PDFHexString ? (oldId.get(0) as PDFHexString).asString() : edit.newInstanceId;
  const rootRef = doc.context.trailerInfo.Root as PDFRef;
  const size = doc.context.largestObjectNumber + 1;
  xref += `trailer\n<</Size ${size}/Root ${rootRef.toString()}/Info ${infoRef.toString()}/ID[<${firstId}><${edit.newInstanceId}>]/Prev ${prevXref}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
