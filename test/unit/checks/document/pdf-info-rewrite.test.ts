// Info and XMP made to disagree: each forger habit (a library rewriting Info, a metadata-only update
// appended by hand on either side) and each innocent twin, written as real PDFs and read by the
// real extractor, then judged by pdf.info-xmp.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { pdfInfoXmp } from '../../../../src/checks/document/pdf-info-xmp.js';
import type { FindingDraft } from '../../../../src/checks/types.js';
import { appendUpdate, buildPdf, simpleObjects, type BuiltPdf } from '../../../support/pdf-build.js';
import { run } from '../../../support/extract-harness.js';
import { docFrom, runCheck } from './harness.js';

interface Meta {
  title: string;
  author: string;
  producer: string;
  creator: string;
  created: string; // PDF date
  modified: string;
}

interface XmpMeta {
  title: string;
  creator: string;
  producer: string;
  tool: string;
  created: string; // ISO 8601
  modified: string;
  toolkit?: string;
}

/** A PDF text string as UTF-16BE hex, as office writers store names. */
const hex = (s: string) => `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

function infoDict(m: Meta): string {
  return `<< /Title ${hex(m.title)} /Author ${hex(m.author)} /Creator ${hex(m.creator)} /Producer ${hex(m.producer)} /CreationDate (${m.created}) /ModDate (${m.modified}) >>`;
}

/** Non-ASCII as XML character references: the test writer emits Latin-1 bytes, XMP is UTF-8. */
const xml = (s: string) => s.replace(/[^\x20-\x7e]/g, (c) => `&#x${c.codePointAt(0)!.toString(16)};`);

function xmpStream(x: XmpMeta): string {
  const packet = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="${x.toolkit ?? 'Adobe XMP Core 5.4-c005'}">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<pdf:Producer>${xml(x.producer)}</pdf:Producer>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(x.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xml(x.creator)}</rdf:li></rdf:Seq></dc:creator>
<xmp:CreatorTool>${xml(x.tool)}</xmp:CreatorTool>
<xmp:CreateDate>${x.created}</xmp:CreateDate>
<xmp:ModifyDate>${x.modified}</xmp:ModifyDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  return `<< /Type /Metadata /Subtype /XML /Length ${packet.length} >>\nstream\n${packet}\nendstream`;
}

const ID = '/ID [<8807749F8D7C39D64BE8C90B17D0AA05> <8807749F8D7C39D64BE8C90B17D0AA05>]';

const WORD: Meta = {
  title: 'Quarterly audit note',
  author: 'Helene Marchetti',
  producer: 'Microsoft® Word 2016',
  creator: 'Microsoft® Word 2016',
  created: "D:20210312094400+01'00'",
  modified: "D:20210312094400+01'00'",
};
const WORD_XMP: XmpMeta = {
  title: 'Quarterly audit note',
  creator: 'Helene Marchetti',
  producer: 'Microsoft® Word 2016',
  tool: 'Microsoft® Word 2016',
  created: '2021-03-12T09:44:00+01:00',
  modified: '2021-03-12T09:44:00+01:00',
};

/** A one-page file with Info (object 6) and XMP (object 7) as given; `id` adds the /ID pair. */
function written(info: Meta, xmp: XmpMeta, text: string, id = ''): BuiltPdf {
  const objects = simpleObjects(text);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>';
  objects[6] = infoDict(info);
  objects[7] = xmpStream(xmp);
  return buildPdf(objects, { version: '1.7', trailer: `/Info 6 0 R ${id} ` });
}

/** An office-made original: Info and XMP agreeing, the /ID pair set. */
const original = (info: Meta = WORD, xmp: XmpMeta = WORD_XMP) => written(info, xmp, 'Audit note: no exceptions found', ID);

/** A metadata-only update as ExifTool writes one: the redefined Info and/or XMP, the /ID kept. */
function metadataUpdate(base: BuiltPdf, change: { info?: Meta; xmp?: XmpMeta }): BuiltPdf {
  const objects: Record<number, string> = {};
  if (change.info) objects[6] = infoDict(change.info);
  if (change.xmp) objects[7] = xmpStream(change.xmp);
  return appendUpdate(base, objects, { trailer: `/Info 6 0 R ${ID} ` });
}

async function judge(bytes: Uint8Array): Promise<FindingDraft[]> {
  const r = await run(pdfExtractor, bytes, 'note.pdf', { maxChildren: 0 });
  if (!r.output) throw new Error(r.error?.message ?? 'no output');
  return runCheck(pdfInfoXmp, docFrom('pdf', 'note.pdf', r.output.facts ?? {}, r.output.metadata));
}

const mediums = (f: FindingDraft[]) => f.filter((x) => x.severity === 'medium' || x.severity === 'high');

/** pdf-lib loads the original, lets the caller change it, and writes the whole file again. */
async function throughPdfLib(base: BuiltPdf, edit: (doc: PDFDocument) => Promise<void>): Promise<Uint8Array> {
  const doc = await PDFDocument.load(base.bytes); // updateMetadata: Producer, Creator, ModDate := pdf-lib, now
  await edit(doc);
  return doc.save({ useObjectStreams: false });
}

describe('pdf.info-xmp: a library rewrote the Info dictionary', () => {
  it('pdf-lib changed the Author and the Title in Info: medium, naming the library and both values', async () => {
    const bytes = await throughPdfLib(original(), async (doc) => {
      doc.setAuthor('Bruno Delacroix');
      doc.setTitle('Quarterly audit note - approved');
    });
    const f = await judge(bytes);
    const [m] = mediums(f);
    expect(mediums(f)).toHaveLength(1);
    expect(m.evidence).toMatchObject({
      changedSide: 'Info',
      library: { library: 'pdf-lib', xmpProducer: 'Microsoft® Word 2016' },
      claims: [{ field: 'Author', info: 'Bruno Delacroix', xmp: 'Helene Marchetti' }],
    });
    expect(m.message).toMatch(/Bruno Delacroix.*Helene Marchetti.*pdf-lib/);
    // the Title and Producer differences stay separate low findings
    expect(f.filter((x) => x.severity === 'low').map((x) => x.evidence.field)).toEqual(expect.arrayContaining(['Title', 'Producer']));
  });

  it('a PyPDF2 rewrite that moved CreationDate back three weeks: medium on the date alone', async () => {
    const f = await judge(written({ ...WORD, producer: 'PyPDF2', created: "D:20210219094400+01'00'" }, WORD_XMP, 'Invoice 2291').bytes);
    expect(mediums(f)).toHaveLength(1);
    expect(mediums(f)[0].evidence).toMatchObject({ library: { library: 'PyPDF2' }, claims: [{ field: 'CreationDate', gapDays: 21 }] });
  });

  it('pdftk update_info (iText-based producer) and pdf-lib writing object streams: medium too', async () => {
    const pdftk = await judge(
      written({ ...WORD, author: 'Tomasz Wrobel', producer: 'itext-paulo-155 (itextpdf.sf.net-lowagie.com)' }, WORD_XMP, 'Board minutes')
        .bytes,
    );
    expect(mediums(pdftk)[0]?.evidence).toMatchObject({ library: { library: 'pdftk' } });
    const doc = await PDFDocument.load(original().bytes);
    doc.setCreationDate(new Date('2020-11-02T08:00:00Z'));
    const streams = await judge(await doc.save({ useObjectStreams: true }));
    expect(mediums(streams)[0]?.evidence).toMatchObject({ library: { library: 'pdf-lib' }, claims: [{ field: 'CreationDate' }] });
  });

  it('innocent: a file the library itself made (its name in the XMP too) is no rewrite of another program’s metadata', async () => {
    const f = await judge(
      written(
        { ...WORD, author: 'Billing service', producer: 'pypdf', creator: 'pypdf' },
        { ...WORD_XMP, creator: 'Helene Marchetti', producer: 'pypdf', tool: 'statement-builder' },
        'Generated statement',
      ).bytes,
    );
    expect(f.find((x) => x.evidence.field === 'Author')?.severity).toBe('low');
    expect(mediums(f)).toEqual([]);
  });

  it('innocent: a library that only stamps or merges (Producer and ModDate rewritten) stays low', async () => {
    const bytes = await throughPdfLib(original(), async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.getPage(0).drawText('RECEIVED 2021-03-15', { x: 400, y: 760, size: 9, font });
    });
    const f = await judge(bytes);
    expect(f.map((x) => x.evidence.field)).toContain('Producer');
    expect(mediums(f)).toEqual([]);
  });

  it('innocent: the same person written another way ("Marchetti, Helene", "hmarchetti"), or an account naming nobody, is no change of author', async () => {
    for (const author of ['Marchetti, Helene', 'H. Marchetti', 'HELENE MARCHETTI', 'hmarchetti', 'Microsoft Office User']) {
      const bytes = await throughPdfLib(original(), async (doc) => doc.setAuthor(author));
      expect(mediums(await judge(bytes)), author).toEqual([]);
    }
  });
});

describe('pdf.info-xmp: a metadata-only update appended on one side', () => {
  it('the update changed Info Author and CreationDate; revision 0 still agrees with the XMP: medium', async () => {
    const upd = metadataUpdate(original(), {
      info: { ...WORD, author: 'Bruno Delacroix', created: "D:20210126094400+01'00'" },
    });
    const f = await judge(upd.bytes);
    expect(mediums(f)).toHaveLength(1);
    const m = mediums(f)[0];
    expect(m.evidence).toMatchObject({
      changedSide: 'Info',
      idRenewed: false,
      update: { revision: 1, kind: 'metadata-only', side: 'Info' },
    });
    expect((m.evidence.update as { changes: { field: string; before: string }[] }).changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'Author', before: 'Helene Marchetti' })]),
    );
    expect((m.evidence.claims as unknown[]).length).toBe(2);
    expect(m.message).toMatch(/revision 0 still holds/);
    // the per-field Author and CreationDate findings are folded into it
    expect(f.filter((x) => x.evidence.field === 'Author' || x.evidence.field === 'CreationDate')).toHaveLength(1);
  });

  it('a script pointed the trailer at a new Info object; the old one, agreeing with the XMP, is still inside: medium', async () => {
    const upd = appendUpdate(original(), { 8: infoDict({ ...WORD, author: 'Bruno Delacroix' }) }, { trailer: `/Info 8 0 R ${ID} ` });
    const [m] = mediums(await judge(upd.bytes));
    expect(m?.evidence).toMatchObject({
      changedSide: 'Info',
      update: { side: 'Info', changes: [{ field: 'Author', before: 'Helene Marchetti' }] },
    });
  });

  it('ExifTool rewrote the XMP (dc:creator, CreateDate 40 days earlier); revision 0 agrees with the Info: medium', async () => {
    const upd = metadataUpdate(original(), {
      xmp: { ...WORD_XMP, creator: 'Sandrine Olivo', created: '2021-02-01T09:44:00+01:00', toolkit: 'Image::ExifTool 12.40' },
    });
    const f = await judge(upd.bytes);
    expect(mediums(f)).toHaveLength(1);
    expect(mediums(f)[0].evidence).toMatchObject({
      changedSide: 'XMP',
      footprints: ['ExifTool'],
      update: { revision: 1, side: 'XMP' },
    });
    expect(mediums(f)[0].message).toMatch(/changed the XMP.*revision 0 still holds/);
  });

  it('innocent: Acrobat Document Properties changes Info and XMP together: no disagreement', async () => {
    const upd = metadataUpdate(original(), {
      info: { ...WORD, author: 'Bruno Delacroix', producer: 'Adobe Acrobat Pro 2020' },
      xmp: { ...WORD_XMP, creator: 'Bruno Delacroix', producer: 'Adobe Acrobat Pro 2020' },
    });
    expect((await judge(upd.bytes)).filter((x) => x.evidence.field === 'Author')).toEqual([]);
  });

  it('innocent: an update that rewrote Info dates in local time without a zone (hours apart) stays below medium', async () => {
    const upd = metadataUpdate(original(), { info: { ...WORD, created: 'D:20210312154400', modified: 'D:20210312154400' } });
    expect(mediums(await judge(upd.bytes))).toEqual([]);
  });

  it('innocent: the author fixing a typo in the Title on one side stays low', async () => {
    const upd = metadataUpdate(original(), { info: { ...WORD, title: 'Quarterly audit notes' } });
    const f = await judge(upd.bytes);
    expect(f.find((x) => x.evidence.field === 'Title')?.severity).toBe('low');
    expect(mediums(f)).toEqual([]);
  });

  it('innocent: a PDF/A conversion rewriting the XMP with its own producer and the same claims', async () => {
    const upd = metadataUpdate(original(), { xmp: { ...WORD_XMP, producer: 'callas pdfToolbox', tool: 'Microsoft® Word 2016' } });
    expect(mediums(await judge(upd.bytes))).toEqual([]);
  });

  it('a disagreement already in the original is not attributed to a later update that left it alone', async () => {
    const base = original(WORD, { ...WORD_XMP, creator: 'Sandrine Olivo' });
    const upd = metadataUpdate(base, { info: { ...WORD, title: 'Quarterly audit note (final)' } });
    const f = await judge(upd.bytes);
    expect(f.find((x) => x.evidence.field === 'Author')?.severity).toBe('low');
    expect(mediums(f)).toEqual([]);
  });
});
