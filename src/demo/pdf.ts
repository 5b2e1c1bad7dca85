// PDFs for the demo dump, written by a real PDF library (pdf-lib) so their structure is a real
// producer's output. The Info dictionary and the XMP packet are set explicitly: they carry the
// Producer/Creator/dates a genuine office workflow (or a forger) would leave.

import { type PDFDict, PDFDocument, PDFHeader, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { wrap } from './text.js';
import { isoDate, pdfDate } from './time.js';
import type { Prng } from './prng.js';

interface Stamp {
  epochMs: number;
  /** Offset the producer writes; 'Z' for tools that write UTC. */
  offsetMin: number | 'Z';
}

export interface XmpFields {
  producer: string;
  creatorTool: string;
  author?: string;
  title: string;
  created: Stamp;
  modified: Stamp;
  documentId: string;
  instanceId: string;
  pdfaPart?: number;
  toolkit?: string;
}

export interface PdfSpec {
  title: string;
  author?: string;
  creator: string;
  producer: string;
  created: Stamp;
  modified: Stamp;
  heading: string;
  paragraphs: string[];
  font?: 'Helvetica' | 'TimesRoman';
  /** XMP: the same fields as Info (a consistent producer), none, or fields that differ (a partial edit). */
  xmp?: 'none' | 'same' | Partial<XmpFields>;
  pdfaPart?: number;
  /** Scanned pages: JPEG images drawn full page, no text layer. */
  scans?: Buffer[];
  /** Pad with repeated paragraphs until at least this many pages (benchmark volume). */
  minPages?: number;
}

export function xmpPacket(f: XmpFields): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const date = (s: Stamp) => isoDate(s.epochMs, s.offsetMin);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    `<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="${esc(f.toolkit ?? 'Adobe XMP Core 5.6-c015 81.157285, 2014/12/12-00:43:15')}">`,
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${esc(f.producer)}</pdf:Producer></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(f.title)}</rdf:li></rdf:Alt></dc:title>${f.author ? `<dc:creator><rdf:Seq><rdf:li>${esc(f.author)}</rdf:li></rdf:Seq></dc:creator>` : ''}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>${esc(f.creatorTool)}</xmp:CreatorTool><xmp:CreateDate>${date(f.created)}</xmp:CreateDate><xmp:ModifyDate>${date(f.modified)}</xmp:ModifyDate><xmp:MetadataDate>${date(f.modified)}</xmp:MetadataDate></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"><xmpMM:DocumentID>uuid:${f.documentId}</xmpMM:DocumentID><xmpMM:InstanceID>uuid:${f.instanceId}</xmpMM:InstanceID></rdf:Description>`,
    f.pdfaPart
      ? `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>${f.pdfaPart}</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>`
      : '',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** pdf-lib keeps its Info dictionary accessor private; its public setCreationDate() always writes the
 * UTC 'Z' form, while Word and most producers write a local offset, which the checks must see. */
function infoDict(doc: PDFDocument): PDFDict {
  return (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict();
}

const A4: [number, number] = [595.28, 841.89];

export async function makePdf(spec: PdfSpec, prng: Prng): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(spec.title);
  if (spec.author) doc.setAuthor(spec.author);
  doc.setCreator(spec.creator);
  doc.setProducer(spec.producer);
  const info = infoDict(doc);
  info.set(PDFName.of('CreationDate'), PDFString.of(pdfDate(spec.created.epochMs, spec.created.offsetMin)));
  info.set(PDFName.of('ModDate'), PDFString.of(pdfDate(spec.modified.epochMs, spec.modified.offsetMin)));

  if (spec.scans?.length) {
    for (const jpg of spec.scans) {
      const img = await doc.embedJpg(jpg);
      const page = doc.addPage(A4);
      page.drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] });
    }
  } else {
    const font = await doc.embedFont(spec.font === 'TimesRoman' ? StandardFonts.TimesRoman : StandardFonts.Helvetica);
    const lines: { text: string; size: number }[] = [
      { text: spec.heading, size: 16 },
      { text: '', size: 11 },
    ];
    const addParas = () => {
      for (const p of spec.paragraphs) {
        for (const l of wrap(p, 88)) lines.push({ text: l, size: 11 });
        lines.push({ text: '', size: 11 });
      }
    };
    addParas();
    const perPage = 50;
    while (spec.minPages && lines.length < spec.minPages * perPage) addParas();
    for (let i = 0; i < lines.length; i += perPage) {
      const page = doc.addPage(A4);
      let y = A4[1] - 70;
      for (const l of lines.slice(i, i + perPage)) {
        if (l.text) page.drawText(l.text, { x: 60, y, size: l.size, font });
        y -= l.size === 16 ? 22 : 14;
      }
    }
  }

  const ids = [prng.hex(32).toUpperCase(), prng.hex(32).toUpperCase()];
  if (spec.xmp !== 'none') {
    const base: XmpFields = {
      producer: spec.producer,
      creatorTool: spec.creator,
      author: spec.author,
      title: spec.title,
      created: spec.created,
      modified: spec.modified,
      documentId: prng.uuid(),
      instanceId: prng.uuid(),
      pdfaPart: spec.pdfaPart,
    };
    const fields = typeof spec.xmp === 'object' ? { ...base, ...spec.xmp } : base;
    const stream = doc.context.stream(Buffer.from(xmpPacket(fields), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  }
  // Word and Acrobat write a trailer /ID pair; pdf-lib does not, so it is set here (seeded).
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(ids[0]), PDFHexString.of(ids[1])]);
  // PDF/A-1 is based on PDF 1.4: a converter that claims part 1 writes a 1.4 header.
  if (spec.pdfaPart === 1) doc.context.header = PDFHeader.forVersion(1, 4);
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return Buffer.from(bytes);
}
