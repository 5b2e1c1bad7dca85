// PDFs as a few real producers write them (pdf-lib builds the structure; the producer's habits are
// set on top): Word's "Save as PDF" (Producer/Creator "Microsoft® Word 2016", XMP with x:xmptk
// "3.1-701", subset fonts named BCDEEE+, BCDFEE+…), LibreOffice (Creator "Writer", Producer
// "LibreOffice 6.4", no XMP unless PDF/A, subsets BAAAAA+, CAAAAA+…), a scanner (Creator/Producer of
// the device, dates without a zone, page images only), Acrobat PDFMaker (Adobe PDF Library, XMP Core
// 5.6), Ghostscript's PDF/A conversion, macOS Quartz.
// Fonts: the generator has no font programs to subset, so a font is written as a TrueType font
// dictionary with the producer's subset name, widths and descriptor, without the glyph program
// (readers substitute it; the names, which is what a forensic reader compares, are as written).

import {
  type PDFArray,
  PDFDict,
  PDFDocument,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  StandardFonts,
  type PDFFont,
} from 'pdf-lib';
import type { Prng } from '../../demo/prng.js';
import { isoDate, offsetAt, pdfDate } from './clock.js';

export type Producer =
  | { kind: 'word'; product: string }
  | { kind: 'libreoffice'; version: string; app: 'Writer' | 'Calc' | 'Impress'; pdfa?: 1 | 2 }
  | { kind: 'scanner'; creator: string; producer: string }
  | { kind: 'acrobat'; library: string; creator: string; xmpCore: string }
  | { kind: 'ghostscript'; version: string; creatorTool: string }
  | { kind: 'quartz'; producer: string; creator: string }
  | { kind: 'google-docs'; producer: string };

export interface PdfSpec {
  producer: Producer;
  title: string;
  author: string;
  created: number;
  modified: number;
  /** Zone of the producing machine (dates are written in its local offset). */
  zone: string;
  heading: string;
  paragraphs: string[];
  /** Font family names the producer embeds (first = body). */
  fonts: string[];
  /** Page images for scanned documents. */
  scans?: Buffer[];
}

function xmpEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface XmpFields {
  toolkit: string;
  producer: string;
  creatorTool: string;
  creator?: string;
  title?: string;
  createDate: string;
  modifyDate: string;
  metadataDate?: string;
  documentId: string;
  instanceId: string;
  pdfa?: { part: number; conformance: string };
  history?: { action: string; when: string; agent: string; instanceId: string }[];
}

export function xmpPacket(f: XmpFields): string {
  const e = xmpEscape;
  const history = f.history?.length
    ? `<xmpMM:History><rdf:Seq>${f.history.map((h) => `<rdf:li rdf:parseType="Resource"><stEvt:action>${h.action}</stEvt:action><stEvt:instanceID>${h.instanceId}</stEvt:instanceID><stEvt:when>${h.when}</stEvt:when><stEvt:softwareAgent>${e(h.agent)}</stEvt:softwareAgent></rdf:li>`).join('')}</rdf:Seq></xmpMM:History>`
    : '';
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    `<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="${e(f.toolkit)}">`,
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${e(f.producer)}</pdf:Producer></rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format>${f.title ? `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(f.title)}</rdf:li></rdf:Alt></dc:title>` : ''}${f.creator ? `<dc:creator><rdf:Seq><rdf:li>${e(f.creator)}</rdf:li></rdf:Seq></dc:creator>` : ''}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>${e(f.creatorTool)}</xmp:CreatorTool><xmp:CreateDate>${f.createDate}</xmp:CreateDate><xmp:ModifyDate>${f.modifyDate}</xmp:ModifyDate>${f.metadataDate ? `<xmp:MetadataDate>${f.metadataDate}</xmp:MetadataDate>` : ''}</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"><xmpMM:DocumentID>${f.documentId}</xmpMM:DocumentID><xmpMM:InstanceID>${f.instanceId}</xmpMM:InstanceID>${history}</rdf:Description>`,
    f.pdfa
      ? `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>${f.pdfa.part}</pdfaid:part><pdfaid:conformance>${f.pdfa.conformance}</pdfaid:conformance></rdf:Description>`
      : '',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    `${' '.repeat(100)}\n`.repeat(20) + '<?xpacket end="w"?>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The subset tag each producer family uses for its n-th font. */
function subsetTag(p: Producer, n: number, prng: Prng): string {
  if (p.kind === 'word') return `BCD${String.fromCharCode(69 + n)}EE`;
  if (p.kind === 'libreoffice') return `${String.fromCharCode(66 + n)}AAAAA`;
  let s = '';
  for (let i = 0; i < 6; i++) s += String.fromCharCode(65 + prng.int(0, 25));
  return s;
}

/** pdf-lib keeps its Info dictionary accessor private. */
export function infoDict(doc: PDFDocument): PDFDict {
  return (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict();
}

function disguiseFont(doc: PDFDocument, font: PDFFont, baseName: string): void {
  const dict = doc.context.lookup(font.ref, PDFDict);
  const widths: number[] = [];
  for (let c = 32; c <= 126; c++) widths.push(Math.round(font.widthOfTextAtSize(String.fromCharCode(c), 1000)));
  const descriptor = doc.context.obj({
    Type: 'FontDescriptor',
    FontName: PDFName.of(baseName),
    Flags: 32,
    FontBBox: [-503, -250, 1240, 750],
    ItalicAngle: 0,
    Ascent: 750,
    Descent: -250,
    CapHeight: 632,
    StemV: 80,
  });
  dict.set(PDFName.of('Subtype'), PDFName.of('TrueType'));
  dict.set(PDFName.of('BaseFont'), PDFName.of(baseName));
  dict.set(PDFName.of('FirstChar'), PDFNumber.of(32));
  dict.set(PDFName.of('LastChar'), PDFNumber.of(126));
  dict.set(PDFName.of('Widths'), doc.context.obj(widths));
  dict.set(PDFName.of('FontDescriptor'), doc.context.register(descriptor));
}

export function producerStrings(p: Producer): { creator: string; producer: string; toolkit?: string; version: [number, number] } {
  switch (p.kind) {
    case 'word':
      return { creator: p.product, producer: p.product, toolkit: '3.1-701', version: [1, 7] };
    case 'libreoffice':
      return { creator: p.app, producer: `LibreOffice ${p.version}`, version: p.pdfa === 1 ? [1, 4] : [1, 6] };
    case 'scanner':
      return { creator: p.creator, producer: p.producer, version: [1, 4] };
    case 'acrobat':
      return { creator: p.creator, producer: p.library, toolkit: p.xmpCore, version: [1, 6] };
    case 'ghostscript':
      return {
        creator: p.creatorTool,
        producer: `GPL Ghostscript ${p.version}`,
        toolkit: 'XMP toolkit 2.9.1-13, framework 1.6',
        version: [1, 7],
      };
    case 'quartz':
      return { creator: p.creator, producer: p.producer, version: [1, 3] };
    case 'google-docs':
      return { creator: '', producer: p.producer, version: [1, 4] };
  }
}

const A4: [number, number] = [595.32, 841.92];

export async function makePdf(spec: PdfSpec, prng: Prng): Promise<Buffer> {
  const p = spec.producer;
  const strings = producerStrings(p);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const info = infoDict(doc);
  const offC = offsetAt(spec.zone, spec.created);
  const offM = offsetAt(spec.zone, spec.modified);
  const dateStyle = p.kind === 'scanner' ? 'none' : p.kind === 'quartz' ? 'Z' : 'offset';
  if (p.kind !== 'scanner') info.set(PDFName.of('Title'), PDFHexString.fromText(spec.title));
  // Google Docs' renderer writes the title and itself, nothing else (no author, no dates).
  if (p.kind === 'google-docs') info.set(PDFName.of('Producer'), PDFString.of(strings.producer));
  else {
    if (spec.author && p.kind !== 'scanner') info.set(PDFName.of('Author'), PDFHexString.fromText(spec.author));
    info.set(PDFName.of('Creator'), PDFHexString.fromText(strings.creator));
    info.set(PDFName.of('Producer'), PDFHexString.fromText(strings.producer));
    info.set(PDFName.of('CreationDate'), PDFString.of(pdfDate(spec.created, offC, dateStyle)));
    info.set(PDFName.of('ModDate'), PDFString.of(pdfDate(spec.modified, offM, dateStyle)));
  }

  if (spec.scans?.length) {
    for (const jpg of spec.scans) {
      const img = await doc.embedJpg(jpg);
      const page = doc.addPage(A4);
      page.drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] });
    }
  } else {
    const fonts = await Promise.all(
      spec.fonts.map((f, i) =>
        doc.embedFont(
          /serif|times|cambria|georgia|garamond/i.test(f) && i === 0
            ? StandardFonts.TimesRoman
            : i === 0
              ? StandardFonts.Helvetica
              : StandardFonts.HelveticaBold,
        ),
      ),
    );
    const body = fonts[0];
    const head = fonts[1] ?? fonts[0];
    const lines: { text: string; size: number; font: PDFFont }[] = [
      { text: spec.heading, size: 15, font: head },
      { text: '', size: 11, font: body },
    ];
    for (const para of spec.paragraphs) {
      let line = '';
      for (const w of para.split(' ')) {
        if (line && widthOf(body, `${line} ${w}`, 11) > A4[0] - 140) {
          lines.push({ text: line, size: 11, font: body });
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      lines.push({ text: line, size: 11, font: body }, { text: '', size: 11, font: body });
    }
    const perPage = 48;
    for (let i = 0; i < lines.length; i += perPage) {
      const page = doc.addPage(A4);
      let y = A4[1] - 72;
      for (const l of lines.slice(i, i + perPage)) {
        if (l.text) page.drawText(winAnsi(l.text), { x: 70, y, size: l.size, font: l.font });
        y -= l.size + 4;
      }
    }
    await doc.flush();
    spec.fonts.forEach((f, i) => {
      if (fonts[i]) disguiseFont(doc, fonts[i], `${subsetTag(p, i, prng)}+${f.replace(/\s+/g, '')}`);
    });
  }

  // Word, Acrobat and Ghostscript always write XMP; LibreOffice only for PDF/A; scanners and Quartz never.
  const toolkit = p.kind === 'libreoffice' ? (p.pdfa ? 'LibreOffice' : undefined) : strings.toolkit;
  if (toolkit) {
    const docId = prng.uuid();
    const xmp = xmpPacket({
      toolkit,
      producer: strings.producer,
      creatorTool: strings.creator,
      creator: spec.author || undefined,
      title: spec.title,
      createDate: isoDate(spec.created, offC),
      modifyDate: isoDate(spec.modified, offM),
      metadataDate: p.kind === 'acrobat' ? isoDate(spec.modified, offM) : undefined,
      documentId: `uuid:${docId}`,
      instanceId: `uuid:${p.kind === 'word' || p.kind === 'libreoffice' ? docId : prng.uuid()}`,
      pdfa:
        p.kind === 'ghostscript'
          ? { part: 2, conformance: 'B' }
          : p.kind === 'libreoffice' && p.pdfa
            ? { part: p.pdfa, conformance: 'B' }
            : undefined,
    });
    doc.catalog.set(
      PDFName.of('Metadata'),
      doc.context.register(doc.context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' })),
    );
  }
  const id = prng.hex(32).toUpperCase();
  doc.context.trailerInfo.ID = doc.context.obj([
    PDFHexString.of(id),
    PDFHexString.of(p.kind === 'word' ? id : prng.hex(32).toUpperCase()),
  ]) as PDFArray;
  doc.context.header = PDFHeader.forVersion(strings.version[0], strings.version[1]);
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return Buffer.from(bytes);
}

/** The width of a line as drawn: text the standard font cannot encode is measured as `winAnsi` draws it. */
function widthOf(font: PDFFont, text: string, size: number): number {
  try {
    return font.widthOfTextAtSize(text, size);
  } catch {
    return font.widthOfTextAtSize(winAnsi(text), size);
  }
}

/** pdf-lib's standard fonts encode WinAnsi: typographic apostrophes and non-Latin-1 go to ASCII. */
export function winAnsi(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\x20-\x7e\u00a0-\u00ff€]/g, '?');
}
