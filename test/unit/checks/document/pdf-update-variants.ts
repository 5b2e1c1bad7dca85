// Incremental updates written the ways editors, libraries and scripts write them, over originals of
// several makers: pdf-lib (classic table, or object streams with a cross-reference stream), an
// office-suite-like file (text runs as TJ arrays, a table, classic table) and a linearized file.
// Text edits: a new content stream (Acrobat), the stream rewritten in place under its own number (a
// script; classic table or cross-reference stream), the page and Info packed in an object stream
// (qpdf's way of writing objects), pdf-lib's own objects re-serialized and appended. Innocent kinds:
// form fill, signing, notes, Info, PDF/A conversion, stamps, OCR layer, pages appended, text
// flattened to an image, one header changed on every page.

import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, StandardFonts, rgb, type PDFObject } from 'pdf-lib';

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

/** A literal PDF string. */
const lit = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** One line of body text as an office suite writes it: words as TJ pieces with small kerning. */
function officeRun(text: string, x: number, y: number, size = 11): string {
  const pieces = text.split(/(?<= )/).map(lit);
  return `BT /F1 ${size} Tf 1 0 0 1 ${x} ${y} Tm [${pieces.join('-12')}]TJ ET`;
}

/**
 * An office-suite-like original (LibreOffice style: text runs as TJ arrays, Producer and Info
 * dates, classic table): a letter page and a page holding a table of figures, one cell per run.
 */
export function officeOriginal(opts: { letter: string[]; table: [string, string][] }): Buffer {
  const letter = opts.letter.map((line, i) => officeRun(line, 72, 760 - i * 18)).join('\n');
  const table = opts.table
    .flatMap(([label, amount], i) => [officeRun(label, 72, 760 - i * 20, 10), officeRun(amount, 400, 760 - i * 20, 10)])
    .join('\n');
  const stream = (s: string) => {
    const z = deflateSync(enc(s));
    return `<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n${z.toString('latin1')}\nendstream`;
  };
  const objects: Record<number, string> = {
    1: '<< /Type /Catalog /Pages 2 0 R >>',
    2: '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Resources << /Font << /F1 5 0 R >> /ProcSet [/PDF /Text] >> /MediaBox [0 0 595 842] >>',
    3: '<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>',
    4: '<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>',
    5: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    6: stream(letter),
    7: stream(table),
    8: "<< /Creator (Writer) /Producer (LibreOffice 6.4) /CreationDate (D:20170206141000+01'00') >>",
  };
  const parts: Buffer[] = [enc('%PDF-1.5\n%\xc7\xec\x8f\xa2\n')];
  const offsets = new Map<number, number>();
  let at = parts[0].length;
  for (const [n, body] of Object.entries(objects)) {
    offsets.set(Number(n), at);
    const chunk = enc(`${n} 0 obj\n${body}\nendobj\n`);
    parts.push(chunk);
    at += chunk.length;
  }
  let xref = `xref\n0 ${offsets.size + 1}\n0000000000 65535 f \n`;
  for (let n = 1; n <= offsets.size; n++) xref += `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  parts.push(enc(`${xref}trailer\n<< /Size ${offsets.size + 1} /Root 1 0 R /Info 8 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/**
 * A linearized original ("fast web view", as Acrobat writes it): the first-page cross-reference
 * section at the top, whose trailer's /Prev points forward to the main section, two %%EOF markers
 * for one save, 'startxref 0' after the first.
 */
export function linearizedOriginal(text: string): Buffer {
  const content = `BT /F1 12 Tf 72 760 Td ${lit(text)} Tj ET`;
  const first: [number, string][] = [
    [7, '<< /Type /Catalog /Pages 1 0 R >>'],
    [8, '<< /Type /Page /Parent 1 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 9 0 R >> >> /Contents 10 0 R >>'],
    [9, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'],
    [10, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`],
  ];
  const rest: [number, string][] = [
    [1, '<< /Type /Pages /Kids [8 0 R] /Count 1 >>'],
    [2, "<< /Producer (Acrobat Distiller 10.1.8) /CreationDate (D:20170206141000+01'00') >>"],
  ];
  // Offsets depend on the lengths of the header section: lay out twice, with fixed-width numbers.
  const layout = (mainXref: number, fileLength: number, firstPageEnd: number) => {
    const parts: string[] = ['%PDF-1.6\n%\xe2\xe3\xcf\xd3\n'];
    const offsets = new Map<number, number>();
    const push = (s: string) => parts.push(s);
    const len = () => parts.reduce((a, p) => a + p.length, 0);
    offsets.set(6, len());
    push(
      `6 0 obj\n<< /Linearized 1 /L ${String(fileLength).padStart(10, '0')} /O 8 /E ${String(firstPageEnd).padStart(10, '0')} /N 1 /T ${String(mainXref + 8).padStart(10, '0')} /H [0 0] >>\nendobj\n`,
    );
    const firstXref = len();
    const rows = (nums: number[]) => nums.map((n) => `${String(offsets.get(n) ?? 0).padStart(10, '0')} 00000 n \n`).join('');
    // the first-page section is written after its objects are placed: reserve its size
    const xrefHead = (o: Map<number, number>) =>
      `xref\n6 5\n${[6, 7, 8, 9, 10].map((n) => `${String(o.get(n) ?? 0).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 11 /Root 7 0 R /Info 2 0 R /Prev ${String(mainXref).padStart(10, '0')} >>\nstartxref\n0\n%%EOF\n`;
    const headAt = parts.length;
    push(xrefHead(new Map()));
    for (const [n, body] of first) {
      offsets.set(n, len());
      push(`${n} 0 obj\n${body}\nendobj\n`);
    }
    const pageEnd = len();
    for (const [n, body] of rest) {
      offsets.set(n, len());
      push(`${n} 0 obj\n${body}\nendobj\n`);
    }
    parts[headAt] = xrefHead(offsets);
    const main = len();
    push(`xref\n0 6\n0000000000 65535 f \n${rows([1, 2])}0000000000 00000 f \n0000000000 00000 f \n0000000000 00000 f \n`);
    push(`trailer\n<< /Size 11 >>\nstartxref\n${firstXref}\n%%EOF\n`);
    return { bytes: parts.join(''), main, pageEnd };
  };
  let l = layout(0, 0, 0);
  l = layout(l.main, l.bytes.length, l.pageEnd);
  return enc(l.bytes);
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

/** The text a show-text operand draws: a hex string, a literal string, or a TJ array of them. */
function operandText(operand: string): string {
  const strings = operand.match(/<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)/g) ?? [];
  return strings
    .map((s) =>
      s.startsWith('<') ? Buffer.from(s.slice(1, -1).replace(/\s/g, ''), 'hex').toString('latin1') : s.slice(1, -1).replace(/\\(.)/g, '$1'),
    )
    .join('');
}

/**
 * Replaces a phrase in the text runs of a content stream as an editor does: the run that holds it
 * (a Tj string, a TJ array) is written anew as one string with the edited text.
 */
function replaceInRuns(content: string, from: string, to: string): string {
  let found = false;
  const out = content.replace(/(\[(?:[^\]\\]|\\.)*\]|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*(TJ|Tj)/g, (whole, operand: string) => {
    const text = operandText(operand);
    if (!text.includes(from)) return whole;
    found = true;
    return `${lit(text.split(from).join(to))} Tj`;
  });
  if (!found) throw new Error(`phrase not found: ${from}`);
  return out;
}

const streamBody = (data: string) => {
  const z = deflateSync(enc(data));
  return Buffer.concat([enc(`<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n`), z, enc('\nendstream')]);
};

type Body = Buffer | string;
const bodyBytes = (b: Body) => (typeof b === 'string' ? enc(b) : b);

/** How an update's cross-reference is written: a classic table, a stream, or a stream with the non-stream objects in an object stream (qpdf). */
type XrefKind = 'table' | 'stream' | 'object-stream';

/** Appends one update holding `objects` (number -> body). */
function appendUpdate(base: Buffer, doc: PDFDocument, objects: Map<number, Body>, xref: XrefKind): Buffer {
  const parts: Buffer[] = [base];
  let at = base.length;
  if (base[base.length - 1] !== 0x0a) {
    parts.push(enc('\n'));
    at++;
  }
  const largest = Math.max(nextNumber(base, doc) - 1, ...objects.keys());
  const rows = new Map<number, [type: 1 | 2, field2: number, field3: number]>();
  const write = (n: number, body: Body) => {
    rows.set(n, [1, at, 0]);
    const chunk = Buffer.concat([enc(`${n} 0 obj\n`), bodyBytes(body), enc('\nendobj\n')]);
    parts.push(chunk);
    at += chunk.length;
  };
  let next = largest + 1;
  if (xref === 'object-stream') {
    // qpdf writes every object that is not a stream into object streams, streams directly.
    const packed = [...objects].filter(([, b]) => !/\bstream\r?\n/.test(bodyBytes(b).toString('latin1')));
    const stm = next++;
    let header = '';
    let data = '';
    packed.forEach(([n, b], i) => {
      header += `${n} ${data.length} `;
      data += `${bodyBytes(b).toString('latin1')}\n`;
      rows.set(n, [2, stm, i]);
    });
    const z = deflateSync(enc(header + data));
    for (const [n, b] of objects) if (!rows.has(n)) write(n, b);
    write(
      stm,
      Buffer.concat([
        enc(`<< /Type /ObjStm /N ${packed.length} /First ${header.length} /Filter /FlateDecode /Length ${z.length} >>\nstream\n`),
        z,
        enc('\nendstream'),
      ]),
    );
  } else for (const [n, b] of objects) write(n, b);
  const prev = lastStartxref(base);
  const root = doc.context.trailerInfo.Root as PDFRef;
  const info = doc.context.trailerInfo.Info as PDFRef | undefined;
  const trailerKeys = `/Root ${root.toString()}${info ? ` /Info ${info.toString()}` : ''} /Prev ${prev}`;
  if (xref === 'table') {
    const nums = [...rows.keys()].sort((a, b) => a - b);
    let table = 'xref\n';
    for (const n of nums) table += `${n} 1\n${String(rows.get(n)![1]).padStart(10, '0')} 00000 n\r\n`;
    parts.push(enc(`${table}trailer\n<< /Size ${largest + 1} ${trailerKeys} >>\nstartxref\n${at}\n%%EOF\n`));
  } else {
    const xrefNum = next;
    rows.set(xrefNum, [1, at, 0]);
    const nums = [...rows.keys()].sort((a, b) => a - b);
    const table = Buffer.alloc(nums.length * 7);
    nums.forEach((n, i) => {
      const [t, f2, f3] = rows.get(n)!;
      table.writeUInt8(t, i * 7);
      table.writeUInt32BE(f2, i * 7 + 1);
      table.writeUInt16BE(f3, i * 7 + 5);
    });
    const z = deflateSync(table);
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
  | 'in-place-xref-stream'
  /** qpdf's way: a new content stream, the page and Info packed in an object stream, a cross-reference stream. */
  | 'object-stream'
  /** pdf-lib: the stream replaced in its object table, every object that serializes differently appended. */
  | 'pdf-lib';

export const UPDATE_STYLES: UpdateStyle[] = ['new-stream', 'in-place', 'in-place-xref-stream', 'object-stream', 'pdf-lib'];

/** Changes `from` into `to` on a page in one appended update. */
export async function textEdit(base: Buffer, pageIndex: number, from: string, to: string, style: UpdateStyle): Promise<Buffer> {
  return rewritePage(base, pageIndex, (content) => replaceInRuns(content, from, to), style);
}

/** Exchanges two words of a page (two amounts in a table, two names) in one appended update. */
export async function swapWords(base: Buffer, pageIndex: number, x: string, y: string, style: UpdateStyle): Promise<Buffer> {
  const mark = '\u0001';
  return rewritePage(base, pageIndex, (c) => replaceInRuns(replaceInRuns(replaceInRuns(c, x, mark), y, x), mark, y), style);
}

async function rewritePage(base: Buffer, pageIndex: number, edit: (content: string) => string, style: UpdateStyle): Promise<Buffer> {
  if (style === 'pdf-lib')
    return incrementalSave(
      base,
      (doc) => {
        const { refs, text } = pageContent(doc, pageIndex);
        doc.context.assign(refs[0], doc.context.flateStream(edit(text)));
        for (const r of refs.slice(1)) doc.context.assign(r, doc.context.flateStream(''));
        doc.setModificationDate(new Date('2017-04-27T20:41:13Z'));
      },
      'table',
    );
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const { refs, text } = pageContent(doc, pageIndex);
  const edited = edit(text);
  const objects = new Map<number, Body>();
  if (style === 'new-stream' || style === 'object-stream') {
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
  const xref: XrefKind = style === 'in-place-xref-stream' ? 'stream' : style === 'object-stream' ? 'object-stream' : 'table';
  return appendUpdate(base, doc, objects, xref);
}

/** The same edit saved by pdf-lib as a whole new file: one revision, no earlier version kept. */
export async function rewriteWhole(base: Buffer, pageIndex: number, from: string, to: string): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const { refs, text } = pageContent(doc, pageIndex);
  doc.context.assign(refs[0], doc.context.flateStream(replaceInRuns(text, from, to)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function objectBytes(o: PDFObject): Buffer {
  const b = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(b, 0);
  return Buffer.from(b);
}

/**
 * pdf-lib's incremental save (as signing and form libraries built on it do): the document is
 * changed in memory and every object that now serializes differently, or is new, is appended.
 */
async function incrementalSave(
  base: Buffer,
  change: (doc: PDFDocument) => void | Promise<void>,
  xref: XrefKind = 'table',
): Promise<Buffer> {
  const pristine = await PDFDocument.load(base, { updateMetadata: false });
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  // pdf-lib does not register the numbers of object and cross-reference streams it parsed: new
  // objects must be numbered past the file's /Size, or they would replace those streams.
  doc.context.largestObjectNumber = nextNumber(base, doc) - 1;
  await change(doc);
  await doc.flush(); // fonts and images are written into objects at save time
  const objects = new Map<number, Body>();
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    const was = pristine.context.lookup(ref);
    const bytes = objectBytes(obj);
    if (!was || !objectBytes(was).equals(bytes)) objects.set(ref.objectNumber, bytes);
  }
  return appendUpdate(base, doc, objects, xref);
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

/** pdf-lib drawing on a page of the saved file: a "PAID" stamp, a reviewer's line (added after the page's text). */
export async function drawOnPage(base: Buffer, pageIndex: number, text: string): Promise<Buffer> {
  return incrementalSave(base, async (doc) => {
    const font = await doc.embedFont(StandardFonts.HelveticaBold);
    doc.getPage(pageIndex).drawText(text, { x: 400, y: 40, size: 14, font, color: rgb(0.8, 0, 0) });
  });
}

/** pdf-lib appending a page with text (an annex added to the document). */
export async function appendPage(base: Buffer, text: string): Promise<Buffer> {
  return incrementalSave(
    base,
    async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 12, font });
    },
    'stream',
  );
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

/** A page's text turned into an image (printed or flattened): its content replaced by one image draw. */
export async function flattenToImage(base: Buffer, pageIndex: number): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const objects = new Map<number, Body>();
  const img = nextNumber(base, doc);
  const pixels = deflateSync(Buffer.alloc(8 * 8, 0xf0));
  objects.set(
    img,
    Buffer.concat([
      enc(
        `<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`,
      ),
      pixels,
      enc('\nendstream'),
    ]),
  );
  objects.set(img + 1, streamBody('q 595 0 0 842 0 0 cm /Im0 Do Q'));
  const page = doc.getPage(pageIndex);
  page.node.set(PDFName.of('Contents'), PDFRef.of(img + 1));
  page.node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { Im0: PDFRef.of(img) } }));
  objects.set(page.ref.objectNumber, page.node.toString());
  infoUpdate(doc, objects, "D:20170504120000+02'00'");
  return appendUpdate(base, doc, objects, 'table');
}

/** One change made alike on every page (a running header changed, a DRAFT mark removed), each stream in place. */
export async function everyPageInPlace(base: Buffer, from: string, to: string): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const objects = new Map<number, Body>();
  doc.getPages().forEach((_, i) => {
    const { refs, text } = pageContent(doc, i);
    objects.set(refs[0].objectNumber, streamBody(replaceInRuns(text, from, to)));
  });
  infoUpdate(doc, objects, "D:20170505080000+02'00'");
  return appendUpdate(base, doc, objects, 'stream');
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

/** An original with a text field, made by pdf-lib. */
export async function formOriginal(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Nom du demandeur :', { x: 72, y: 760, size: 12, font });
  doc.getForm().createTextField('nom').addToPage(page, { x: 200, y: 750, width: 200, height: 20 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** The form filled in and saved incrementally (the field's value and appearance stream). */
export async function fillForm(base: Buffer, value: string): Promise<Buffer> {
  return incrementalSave(base, (doc) => doc.getForm().getTextField('nom').setText(value));
}

/**
 * A signing save as Acrobat writes it: a signature dictionary whose /ByteRange covers the whole
 * file but the /Contents hole, its widget on the page, the catalog's /AcroForm; classic table.
 */
export async function sign(base: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const n = nextNumber(base, doc);
  const [sig, widget, form] = [n, n + 1, n + 2];
  const page = doc.getPage(0);
  const objects = new Map<number, Body>();
  const hole = '0'.repeat(2048);
  const placeholder = '[0 0000000000 0000000000 0000000000]';
  objects.set(
    sig,
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange ${placeholder} /Contents <${hole}> /M (D:20170510091500+02'00') /Name (Jean Dupont) >>`,
  );
  objects.set(
    widget,
    `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V ${sig} 0 R /Rect [0 0 0 0] /F 132 /P ${page.ref.toString()} >>`,
  );
  objects.set(form, `<< /Fields [${widget} 0 R] /SigFlags 3 >>`);
  page.node.set(PDFName.of('Annots'), doc.context.obj([PDFRef.of(widget)]));
  objects.set(page.ref.objectNumber, page.node.toString());
  doc.catalog.set(PDFName.of('AcroForm'), PDFRef.of(form));
  objects.set((doc.context.trailerInfo.Root as PDFRef).objectNumber, doc.catalog.toString());
  const signed = appendUpdate(base, doc, objects, 'table');
  // the byte range: everything but the hex string of /Contents
  const text = signed.toString('latin1');
  const at = text.lastIndexOf(`<${hole}>`);
  const range = `[0 ${String(at).padStart(10, '0')} ${String(at + hole.length + 2).padStart(10, '0')} ${String(signed.length - at - hole.length - 2).padStart(10, '0')}]`;
  const rangeAt = text.lastIndexOf(placeholder);
  return Buffer.concat([signed.subarray(0, rangeAt), enc(range), signed.subarray(rangeAt + placeholder.length)]);
}

/**
 * A PDF/A conversion saved as an update (a preflight fix-up): XMP metadata and an output intent
 * in the catalog, the fonts given widths and a descriptor. The page's text does not change.
 */
export async function convertToPdfA(base: Buffer): Promise<Buffer> {
  return incrementalSave(
    base,
    (doc) => {
      const xmp =
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
      const meta = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
      doc.catalog.set(PDFName.of('Metadata'), doc.context.register(meta));
      const icc = doc.context.flateStream(Buffer.alloc(128, 1), { N: 3 });
      const intent = doc.context.obj({
        Type: 'OutputIntent',
        S: 'GTS_PDFA1',
        OutputConditionIdentifier: 'sRGB',
        DestOutputProfile: doc.context.register(icc),
      });
      doc.catalog.set(PDFName.of('OutputIntents'), doc.context.obj([intent]));
      for (const [, obj] of doc.context.enumerateIndirectObjects())
        if (obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('Font')) {
          obj.set(PDFName.of('FirstChar'), doc.context.obj(32));
          obj.set(PDFName.of('LastChar'), doc.context.obj(126));
          obj.set(PDFName.of('Widths'), doc.context.obj(Array.from({ length: 95 }, () => 556)));
        }
    },
    'stream',
  );
}
