// Incremental updates, as PDF editors save them: the original bytes stay, the changed and new objects,
// a new xref section and a trailer whose /Prev points at the previous xref follow the old %%EOF
// (ISO 32000-1 §7.5.6). Used for what editors do to a PDF: replace a page's text (Acrobat's "Edit PDF"),
// white out a line and type over it in a new content stream (the overlay editors), add a sticky note
// (a reviewer in Reader), and rewrite the Info dictionary or the XMP packet alone (exiftool writes PDF
// metadata this way). pdf-lib parses the original and serialises each object; it has no incremental save.

import { inflateSync } from 'node:zlib';
import { PDFArray, type PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { infoDict, winAnsi } from './pdf.js';

type Change = [PDFRef, PDFObject];

function serialise(ref: PDFRef, obj: PDFObject): Buffer {
  const body = Buffer.alloc(obj.sizeInBytes());
  obj.copyBytesInto(body, 0);
  return Buffer.concat([
    Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'),
    body,
    Buffer.from('\nendobj\n', 'latin1'),
  ]);
}

function lastStartXref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new Error('incremental update: the PDF has no final startxref/%%EOF');
  return Number(m[1]);
}

/** Loads `original`, lets `edit` change objects, and appends them as one incremental update. */
export async function appendUpdate(original: Buffer, edit: (doc: PDFDocument) => Change[] | Promise<Change[]>): Promise<Buffer> {
  const prev = lastStartXref(original);
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const changed = await edit(doc);
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
  const t = doc.context.trailerInfo;
  const id = t.ID instanceof PDFArray ? ` /ID ${t.ID.toString()}` : '';
  const info = t.Info instanceof PDFRef ? ` /Info ${t.Info.toString()}` : '';
  xref += `trailer\n<< /Size ${doc.context.largestObjectNumber + 1} /Root ${(t.Root as PDFRef).toString()}${info}${id} /Prev ${prev} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

function streamText(doc: PDFDocument, ref: PDFRef): string {
  const s = doc.context.lookup(ref);
  if (!(s instanceof PDFRawStream)) throw new Error(`content stream ${ref.toString()} is not a raw stream`);
  const filter = s.dict.get(PDFName.of('Filter'));
  const data = filter === PDFName.of('FlateDecode') ? inflateSync(Buffer.from(s.contents)) : Buffer.from(s.contents);
  return data.toString('latin1');
}

function contentRefs(page: PDFDict): PDFRef[] {
  const c = page.get(PDFName.of('Contents'));
  if (c instanceof PDFRef) return [c];
  if (c instanceof PDFArray) return c.asArray().filter((r): r is PDFRef => r instanceof PDFRef);
  return [];
}

/** A phrase as the bytes pdf-lib's WinAnsi fonts draw it (one char per byte; € is 0x80). */
const winBytes = (s: string) => winAnsi(s).replace(/€/g, '\x80');
const hex = (bytes: string) => Buffer.from(bytes, 'latin1').toString('hex').toUpperCase();

/** Where a phrase is drawn: the text object's matrix, font and the whole line. */
function locate(text: string, phrase: string): { x: number; y: number; font: string; size: number; line: string; hexLine: string } | null {
  const re = /\/(\S+)\s+([\d.]+)\s+Tf[\s\S]*?([\d.]+)\s+([\d.]+)\s+Tm\s*<([0-9A-Fa-f]+)>\s*Tj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = Buffer.from(m[5], 'hex').toString('latin1');
    if (line.includes(winBytes(phrase))) return { font: m[1], size: Number(m[2]), x: Number(m[3]), y: Number(m[4]), line, hexLine: m[5] };
  }
  return null;
}

/** Acrobat's "Edit PDF": the page gets a new content stream with the phrases replaced. */
export function replaceTextEdit(pageIndex: number, replace: [string, string][]) {
  return (doc: PDFDocument): Change[] => {
    const page = doc.getPage(pageIndex);
    const refs = contentRefs(page.node);
    let text = refs.map((r) => streamText(doc, r)).join('\n');
    for (const [from, to] of replace) {
      let found = false;
      text = text.replace(/<([0-9A-Fa-f]+)>/g, (whole, h: string) => {
        const line = Buffer.from(h, 'hex').toString('latin1');
        if (!line.includes(winBytes(from))) return whole;
        found = true;
        return `<${hex(line.split(winBytes(from)).join(winBytes(to)))}>`;
      });
      if (!found) throw new Error(`replaceTextEdit: "${from}" is not on page ${pageIndex + 1}`);
    }
    const stream = doc.context.flateStream(Buffer.from(text, 'latin1'));
    const ref = doc.context.register(stream);
    page.node.set(PDFName.of('Contents'), ref);
    return [
      [page.ref, page.node],
      [ref, stream],
    ];
  };
}

/** An overlay editor: a white box over the line and the new line typed on top, in an added stream. */
export function overlayTextEdit(pageIndex: number, from: string, to: string) {
  return (doc: PDFDocument): Change[] => {
    const page = doc.getPage(pageIndex);
    const refs = contentRefs(page.node);
    const text = refs.map((r) => streamText(doc, r)).join('\n');
    const at = locate(text, from);
    if (!at) throw new Error(`overlayTextEdit: "${from}" is not on page ${pageIndex + 1}`);
    const newLine = at.line.split(winBytes(from)).join(winBytes(to));
    const ops = `q\n1 1 1 rg\n${at.x - 1} ${(at.y - at.size * 0.3).toFixed(2)} ${(at.size * 0.55 * Math.max(at.line.length, newLine.length) + 4).toFixed(2)} ${(at.size * 1.25).toFixed(2)} re\nf\nQ\nq\nBT\n0 0 0 rg\n/${at.font} ${at.size} Tf\n1 0 0 1 ${at.x} ${at.y} Tm\n<${hex(newLine)}> Tj\nET\nQ\n`;
    const stream = doc.context.flateStream(Buffer.from(ops, 'latin1'));
    const ref = doc.context.register(stream);
    page.node.set(PDFName.of('Contents'), doc.context.obj([...refs, ref]));
    return [
      [page.ref, page.node],
      [ref, stream],
    ];
  };
}

/** A reviewer's sticky note (Text annotation) saved by Acrobat Reader: the page content is untouched. */
export function stickyNote(pageIndex: number, note: string, author: string, pdfWhen: string) {
  return (doc: PDFDocument): Change[] => {
    const page = doc.getPage(pageIndex);
    const annot = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [500, 760, 520, 780],
      Contents: PDFHexString.fromText(note),
      T: PDFHexString.fromText(author),
      M: PDFString.of(pdfWhen),
      CreationDate: PDFString.of(pdfWhen),
      Name: 'Comment',
      F: 4,
      C: [1, 0.82, 0],
    });
    const ref = doc.context.register(annot);
    page.node.set(PDFName.of('Annots'), doc.context.obj([ref]));
    return [
      [page.ref, page.node],
      [ref, annot],
    ];
  };
}

/** New Info values (raw PDF string contents, dates in D: syntax); `remove` drops keys. */
export function infoEdit(values: Record<string, string>, remove: string[] = []) {
  return (doc: PDFDocument): Change[] => {
    const infoRef = doc.context.trailerInfo.Info;
    if (!(infoRef instanceof PDFRef)) throw new Error('infoEdit: the PDF has no indirect Info dictionary');
    const info = infoDict(doc);
    for (const [k, v] of Object.entries(values)) info.set(PDFName.of(k), /^D:/.test(v) ? PDFString.of(v) : PDFHexString.fromText(v));
    for (const k of remove) info.delete(PDFName.of(k));
    return [[infoRef, info]];
  };
}

/** A new XMP packet in place of the catalog's /Metadata stream. */
export function xmpEdit(packet: string) {
  return (doc: PDFDocument): Change[] => {
    const metaRef = doc.catalog.get(PDFName.of('Metadata'));
    const stream = doc.context.stream(Buffer.from(packet, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
    if (metaRef instanceof PDFRef) return [[metaRef, stream]];
    const ref = doc.context.register(stream);
    doc.catalog.set(PDFName.of('Metadata'), ref);
    return [
      [doc.context.trailerInfo.Root as PDFRef, doc.catalog],
      [ref, stream],
    ];
  };
}

/** Several edits saved as one revision. */
export function combine(...edits: ((doc: PDFDocument) => Change[])[]) {
  return (doc: PDFDocument): Change[] => edits.flatMap((e) => e(doc));
}
