// Incremental updates written the ways editors and scripts write them, over originals made by
// pdf-lib (classic xref table, or object streams with a cross-reference stream): a text run changed
// in a new content stream (Acrobat style), the content stream redefined in place under its own
// number (a script), an update whose cross-reference is a stream, and the innocent kinds (a form
// field filled, a note added, Info touched, a stamp on every page, a text layer on a blank page).

import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, StandardFonts } from 'pdf-lib';

const enc = (s: string) => Buffer.from(s, 'latin1');

/** An original made by pdf-lib: one line of text per page (a page given '' stays blank). */
export async function original(pages: string[], opts: { useObjectStreams: boolean }): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.setTitle('Accord');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(new Date('2017-02-06T13:10:00Z'));
  doc.setModificationDate(new Date('2017-02-06T13:35:00Z'));
  for (const text of pages) {
    const page = doc.addPage([595, 842]);
    if (text) page.drawText(text, { x: 72, y: 760, size: 12, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: opts.useObjectStreams }));
}

/** The first free object number: past pdf-lib's objects and the original's /Size (its xref stream has a number too). */
function nextNumber(base: Buffer, doc: PDFDocument): number {
  const sizes = [...base.toString('latin1').matchAll(/\/Size\s+(\d+)/g)].map((m) => Number(m[1]));
  return Math.max(doc.context.largestObjectNumber + 1, ...sizes);
}

function lastStartxref(bytes: Buffer): number {
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1'));
  if (!m) throw new Error('no final startxref');
  return Number(m[1]);
}

/** The decoded content of a page (all its streams), and their references. */
function pageContent(doc: PDFDocument, index: number): { refs: PDFRef[]; text: string } {
  const contents = doc.getPage(index).node.get(PDFName.of('Contents'));
  const refs =
    contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray().filter((r) => r instanceof PDFRef) : [];
  const text = refs
    .map((r) => {
      const s = doc.context.lookup(r);
      if (!(s instanceof PDFRawStream)) throw new Error('content is not a raw stream');
      const flate = s.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode');
      return (flate ? inflateSync(Buffer.from(s.contents)) : Buffer.from(s.contents)).toString('latin1');
    })
    .join('\n');
  return { refs: refs as PDFRef[], text };
}

/** pdf-lib writes each drawn line as one hex string: replace a phrase inside them. */
function replaceInHexStrings(content: string, from: string, to: string): string {
  let found = false;
  const out = content.replace(/<([0-9A-Fa-f]+)>/g, (whole, hex: string) => {
    const line = Buffer.from(hex, 'hex').toString('latin1');
    if (!line.includes(from)) return whole;
    found = true;
    return `<${Buffer.from(line.split(from).join(to), 'latin1').toString('hex')}>`;
  });
  if (!found) throw new Error(`phrase not found: ${from}`);
  return out;
}

const streamBody = (data: string) => {
  const z = deflateSync(enc(data));
  return Buffer.concat([enc(`<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n`), z, enc('\nendstream')]);
};

type Body = Buffer | string;

/** Appends one update holding `objects` (number -> body), with a classic table or an xref stream. */
function appendUpdate(base: Buffer, doc: PDFDocument, objects: Map<number, Body>, xref: 'table' | 'stream'): Buffer {
  const parts: Buffer[] = [base];
  let at = base.length;
  if (base[base.length - 1] !== 0x0a) {
    parts.push(enc('\n'));
    at++;
  }
  const offsets = new Map<number, number>();
  for (const [n, body] of objects) {
    offsets.set(n, at);
    const chunk = Buffer.concat([enc(`${n} 0 obj\n`), typeof body === 'string' ? enc(body) : body, enc('\nendobj\n')]);
    parts.push(chunk);
    at += chunk.length;
  }
  const prev = lastStartxref(base);
  const root = doc.context.trailerInfo.Root as PDFRef;
  const info = doc.context.trailerInfo.Info as PDFRef | undefined;
  const largest = Math.max(nextNumber(base, doc) - 1, ...objects.keys());
  const trailerKeys = `/Root ${root.toString()}${info ? ` /Info ${info.toString()}` : ''} /Prev ${prev}`;
  if (xref === 'table') {
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    let table = 'xref\n';
    for (const n of nums) table += `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n\r\n`;
    parts.push(enc(`${table}trailer\n<< /Size ${largest + 1} ${trailerKeys} >>\nstartxref\n${at}\n%%EOF\n`));
  } else {
    const xrefNum = largest + 1;
    offsets.set(xrefNum, at);
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    const rows = Buffer.alloc(nums.length * 7);
    nums.forEach((n, i) => {
      rows.writeUInt8(1, i * 7);
      rows.writeUInt32BE(offsets.get(n)!, i * 7 + 1);
      rows.writeUInt16BE(0, i * 7 + 5);
    });
    const z = deflateSync(rows);
    parts.push(
      enc(
        `${xrefNum} 0 obj\n<< /Type /XRef /Size ${xrefNum + 1} /W [1 4 2] /Index [${nums.map((n) => `${n} 1`).join(' ')}] ${trailerKeys} /Filter /FlateDecode /Length ${z.length} >>\nstream\n`,
      ),
      z,
      enc(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`),
    );
  }
  return Buffer.concat(parts);
}

function infoUpdate(doc: PDFDocument, objects: Map<number, Body>, modDate: string): void {
  const ref = doc.context.trailerInfo.Info;
  if (!(ref instanceof PDFRef)) return;
  objects.set(ref.objectNumber, `<< /Producer (Adobe Acrobat Pro DC 15.23) /ModDate (${modDate}) /Title (Accord) >>`);
}

export type UpdateStyle =
  /** Acrobat: the new text in a new content stream, the page redefined to point at it; classic table. */
  | 'new-stream'
  /** A script: the page's content stream rewritten under its own number, the page untouched; classic table. */
  | 'in-place'
  /** The same in-place rewrite, written with a cross-reference stream. */
  | 'in-place-xref-stream';

/** Changes `from` into `to` on a page in one appended update. */
export async function textEdit(base: Buffer, pageIndex: number, from: string, to: string, style: UpdateStyle): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const { refs, text } = pageContent(doc, pageIndex);
  const edited = replaceInHexStrings(text, from, to);
  const objects = new Map<number, Body>();
  if (style === 'new-stream') {
    const n = nextNumber(base, doc);
    objects.set(n, streamBody(edited));
    const page = doc.getPage(pageIndex);
    page.node.set(PDFName.of('Contents'), PDFRef.of(n));
    objects.set(page.ref.objectNumber, page.node.toString());
  } else {
    objects.set(refs[0].objectNumber, streamBody(edited));
    for (const r of refs.slice(1)) objects.set(r.objectNumber, streamBody(''));
  }
  infoUpdate(doc, objects, "D:20170427224113+02'00'");
  return appendUpdate(base, doc, objects, style === 'in-place-xref-stream' ? 'stream' : 'table');
}

/** Adds the same words (a stamp with a running number) to every page in one update. */
export async function stampEveryPage(base: Buffer, label: (page: number) => string): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const font = doc.getPage(0).node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
  const fontName = font?.keys()[0]?.asString() ?? '/F1';
  const objects = new Map<number, Body>();
  let n = nextNumber(base, doc) - 1;
  doc.getPages().forEach((page, i) => {
    const { refs } = pageContent(doc, i);
    const stamp = ++n;
    const hex = Buffer.from(label(i + 1), 'latin1').toString('hex');
    objects.set(stamp, streamBody(`BT ${fontName} 9 Tf 480 30 Td <${hex}> Tj ET`));
    page.node.set(PDFName.of('Contents'), doc.context.obj([...refs, PDFRef.of(stamp)]));
    objects.set(page.ref.objectNumber, page.node.toString());
  });
  infoUpdate(doc, objects, "D:20170501090000+02'00'");
  return appendUpdate(base, doc, objects, 'table');
}

/** Text drawn on a page that had none (an OCR layer on a scan, a filled-in blank). */
export async function textOnBlankPage(base: Buffer, pageIndex: number, text: string): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const objects = new Map<number, Body>();
  const n = nextNumber(base, doc);
  const hex = Buffer.from(text, 'latin1').toString('hex');
  objects.set(n, streamBody(`BT /OcrF 10 Tf 72 700 Td <${hex}> Tj ET`));
  const page = doc.getPage(pageIndex);
  page.node.set(PDFName.of('Contents'), PDFRef.of(n));
  page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { OcrF: font.ref } }));
  objects.set(page.ref.objectNumber, page.node.toString());
  // the font object pdf-lib registered for embedFont is written with the update
  const fontDict = doc.context.lookup(font.ref);
  if (fontDict) objects.set(font.ref.objectNumber, fontDict.toString());
  return appendUpdate(base, doc, objects, 'table');
}

/** A note (a /Text annotation) added to a page: the page is redefined for /Annots only. */
export async function addNote(base: Buffer, pageIndex: number, note: string): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const objects = new Map<number, Body>();
  const n = nextNumber(base, doc);
  objects.set(n, `<< /Type /Annot /Subtype /Text /Rect [500 780 520 800] /Contents (${note}) /Open false >>`);
  const page = doc.getPage(pageIndex);
  page.node.set(PDFName.of('Annots'), doc.context.obj([PDFRef.of(n)]));
  objects.set(page.ref.objectNumber, page.node.toString());
  infoUpdate(doc, objects, "D:20170502100000+02'00'");
  return appendUpdate(base, doc, objects, 'stream');
}

/** Only the Info dictionary rewritten (a metadata tool), with a cross-reference stream. */
export async function touchInfo(base: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const objects = new Map<number, Body>();
  infoUpdate(doc, objects, "D:20170503110000+02'00'");
  return appendUpdate(base, doc, objects, 'stream');
}
