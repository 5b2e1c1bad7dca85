import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { extractPdf, pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { revisionTexts } from '../../../../src/extract/pdf/revision-texts.js';
import { extractorFor } from '../../../../src/extract/registry.js';
import { MIME } from '../../../../src/extract/mime.js';
import { BufferSource } from '../../../../src/extract/common/byte-source.js';
import { ExtractError, type ExtractContext, type ExtractOutput } from '../../../../src/extract/types.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';
import type { Limits } from '../../../../src/model/limits.js';
import { corpusMissing, REPO_ROOT, corpusPath } from '../../../support/corpus.js';
import { signalFiringAfter } from '../../../support/extract-harness.js';
import { appendUpdate, buildPdf, buildXrefStreamPdf, simpleObjects } from '../../../support/pdf-build.js';

function ctx(limits: Limits = DEFAULT_LIMITS): ExtractContext & { warnings: string[] } {
  const warnings: string[] = [];
  return { limits, signal: new AbortController().signal, warn: (code, msg) => void warnings.push(`${code}: ${msg}`), warnings };
}

/** Run the extractor; an ExtractError hands back its partial output. */
async function run(bytes: Uint8Array, limits?: Limits): Promise<{ out: ExtractOutput | undefined; error?: ExtractError }> {
  try {
    return { out: await extractPdf(bytes, 'test.pdf', ctx(limits)) };
  } catch (e) {
    if (!(e instanceof ExtractError)) throw e;
    return { out: e.partial, error: e };
  }
}

const XMP = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 5.6-c015">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
  xmp:CreateDate="2019-03-04T10:11:12+01:00" xmp:ModifyDate="2019-03-05T08:00:00Z" xmp:MetadataDate="2019-03-05T08:00:00Z"
  xmp:CreatorTool="Microsoft® Word 2016" pdf:Producer="Microsoft® Word 2016" xmpMM:DocumentID="uuid:doc-1">
<dc:creator><rdf:Seq><rdf:li>Jane Roe</rdf:li></rdf:Seq></dc:creator>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Budget 2019</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;

function documentWithMetadata() {
  return buildPdf(
    {
      ...simpleObjects('Quarterly budget figures'),
      1: '<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>',
      4: '<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Calibri-Bold /FontDescriptor 8 0 R >>',
      6: "<< /Title (Budget 2019) /Author (Jane Roe) /Creator (Microsoft\\256 Word 2016) /Producer (Microsoft\\256 Word 2016) /CreationDate (D:20190304101112+01'00') /ModDate (D:20190305080000Z) /Department (Finance) >>",
      7: `<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(XMP)} >>\nstream\n${Buffer.from(XMP).toString('latin1')}\nendstream`,
      8: '<< /Type /FontDescriptor /FontName /ABCDEF+Calibri-Bold /Flags 32 /FontFile2 9 0 R >>',
      9: '<< /Length 4 >>\nstream\n\0\0\0\0\nendstream',
    },
    { trailer: '/Info 6 0 R' },
  );
}

describe('pdfExtractor', () => {
  it('is registered for application/pdf', () => {
    expect(extractorFor(MIME.pdf)).toBe(pdfExtractor);
    expect(pdfExtractor).toMatchObject({ id: 'pdf', kind: 'pdf' });
  });

  it('reads Info, XMP, dates, people, software, fonts and text of a generated file', async () => {
    const out = await pdfExtractor.extract(
      { source: new BufferSource(documentWithMetadata().bytes), name: 'budget.pdf', mime: MIME.pdf, sha256: '', size: 0, depth: 0 },
      ctx(),
    );
    const pdf = out.facts!.pdf!;
    expect(out.title).toBe('Budget 2019');
    expect(out.text).toContain('Quarterly budget figures');
    expect(pdf.info).toMatchObject({
      Producer: 'Microsoft® Word 2016',
      Author: 'Jane Roe',
      Department: 'Finance',
      CreationDate: "D:20190304101112+01'00'",
    });
    expect(pdf.xmp).toMatchObject({
      'xmp:CreateDate': '2019-03-04T10:11:12+01:00',
      'xmpMM:DocumentID': 'uuid:doc-1',
      'x:xmptk': 'Adobe XMP Core 5.6-c015',
    });
    expect(pdf.xmpRaw).toContain('xmpmeta');
    expect(pdf).toMatchObject({ headerVersion: '1.4', pageCount: 1, encrypted: false, textChars: out.text!.length });
    expect(out.metadata).toEqual(
      expect.arrayContaining([
        { source: 'pdf.info', key: 'Producer', value: 'Microsoft® Word 2016' },
        { source: 'pdf.info', key: 'ModDate', value: 'D:20190305080000Z' },
        { source: 'pdf.xmp', key: 'dc:creator', value: 'Jane Roe' },
        { source: 'pdf.xmp', key: 'xmp:CreatorTool', value: 'Microsoft® Word 2016' },
        { source: 'pdf', key: 'Pages', value: '1' },
        { source: 'pdf', key: 'Revisions', value: '1' },
      ]),
    );
    expect(out.facts!.dates).toEqual(
      expect.arrayContaining([
        {
          role: 'created',
          source: 'pdf.info:CreationDate',
          raw: "D:20190304101112+01'00'",
          utc: '2019-03-04T09:11:12.000Z',
          offsetMinutes: 60,
        },
        { role: 'modified', source: 'pdf.info:ModDate', raw: 'D:20190305080000Z', utc: '2019-03-05T08:00:00.000Z', offsetMinutes: 0 },
        {
          role: 'created',
          source: 'pdf.xmp:xmp:CreateDate',
          raw: '2019-03-04T10:11:12+01:00',
          utc: '2019-03-04T09:11:12.000Z',
          offsetMinutes: 60,
        },
        {
          role: 'metadata',
          source: 'pdf.xmp:xmp:MetadataDate',
          raw: '2019-03-05T08:00:00Z',
          utc: '2019-03-05T08:00:00.000Z',
          offsetMinutes: 0,
        },
      ]),
    );
    expect(out.facts!.people).toEqual([
      { role: 'author', name: 'Jane Roe', source: 'pdf.info:Author' },
      { role: 'author', name: 'Jane Roe', source: 'pdf.xmp:dc:creator' },
    ]);
    expect(out.facts!.software).toEqual(
      expect.arrayContaining([
        { role: 'producer', value: 'Microsoft® Word 2016', source: 'pdf.info:Producer' },
        { role: 'creator', value: 'Microsoft® Word 2016', source: 'pdf.xmp:xmp:CreatorTool' },
        { role: 'xmp-toolkit', value: 'Adobe XMP Core 5.6-c015', source: 'pdf.xmp:x:xmptk' },
      ]),
    );
    expect(out.facts!.fonts).toEqual([{ name: 'Calibri-Bold', embedded: true, subset: true, source: 'pdf.font' }]);
  });

  it('reads an ISO 8601 date written in Info (or behind a D: prefix) as ISO, not as a year and a zone', async () => {
    const info = "<< /CreationDate (D:2015-03-10T17:19:21+01'00') /ModDate (2015-03-10T17:19:21+01:00) /Producer (x) >>";
    const { out } = await run(buildPdf({ ...simpleObjects(), 6: info }, { trailer: '/Info 6 0 R' }).bytes);
    expect(out!.facts!.dates!.map((d) => [d.source, d.utc, d.offsetMinutes])).toEqual([
      ['pdf.info:CreationDate', '2015-03-10T16:19:21.000Z', 60],
      ['pdf.info:ModDate', '2015-03-10T16:19:21.000Z', 60],
    ]);
  });

  it('caps text at maxTextChars and reads no more than maxPdfPages pages', async () => {
    const { out } = await run(documentWithMetadata().bytes, { ...DEFAULT_LIMITS, maxTextChars: 9 });
    expect(out!.text).toBe('Quarterly');
    const none = await run(documentWithMetadata().bytes, { ...DEFAULT_LIMITS, maxPdfPages: 0 });
    expect(none.out!.text).toBeUndefined();
    expect(none.out!.facts!.pdf!.pageCount).toBe(1);
  });

  it('stops when the signal fires at the first page and keeps what the structure reader found', async () => {
    const c = { ...ctx(), signal: signalFiringAfter(1) };
    const error = await extractPdf(documentWithMetadata().bytes, 'budget.pdf', c).catch((e: ExtractError) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect(error).toMatchObject({
      code: 'timeout',
      message: 'budget.pdf: stopped before pdf.js had read the pages; the structure is kept',
    });
    const out = (error as ExtractError).partial!;
    expect(out.text).toBeUndefined();
    expect(out.title).toBe('Budget 2019');
    expect(out.facts!.pdf!.revisions).toHaveLength(1);
    expect(out.facts!.pdf!.info.Author).toBe('Jane Roe');
    expect(out.facts!.fonts).toEqual([{ name: 'Calibri-Bold', embedded: true, subset: true, source: 'pdf.font' }]);
  });

  it('extracts the same in a worker_thread (pdf.js fake worker registered in-thread)', async () => {
    // the worker reads a file: a generated one in a temporary folder
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'verity-pdf-'));
    const file = join(dir, 'worker.pdf');
    writeFileSync(file, documentWithMetadata().bytes);
    try {
      const result = await new Promise<{ text: string; producer: string; pages: number }>((resolve, reject) => {
        const w = new Worker(new URL('../../../support/pdf-worker-thread.mjs', import.meta.url), {
          workerData: {
            extractorModule: pathToFileURL(join(REPO_ROOT, 'src/extract/pdf/pdf.ts')).href,
            limitsModule: pathToFileURL(join(REPO_ROOT, 'src/ingest/limits.ts')).href,
            file,
          },
        });
        w.once('message', (m) => {
          resolve(m);
          void w.terminate();
        });
        w.once('error', reject);
      });
      expect(result).toEqual({ text: expect.stringContaining('Quarterly budget figures'), producer: 'Microsoft® Word 2016', pages: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A one-page file whose update rewrites the page's content stream in place: 100 EUR becomes 900 EUR. */
function amountChanged() {
  const base = buildPdf(simpleObjects('Pay 100 EUR'));
  const content = 'BT /F1 12 Tf 72 720 Td (Pay 900 EUR) Tj ET';
  return { base, upd: appendUpdate(base, { 5: `<< /Length ${content.length} >>\nstream\n${content}\nendstream` }) };
}

describe('the text each incremental update changed', () => {
  it('is recorded on the update, against the revision before it', async () => {
    const { upd } = amountChanged();
    const { out } = await run(upd.bytes);
    const [r0, r1] = out!.facts!.pdf!.revisions;
    expect(r0.textChange).toBeUndefined();
    expect(r1.textChange).toEqual({
      against: 0,
      pagesBefore: 1,
      pagesAfter: 1,
      pages: [{ page: 1, before: 'Pay 100 EUR', after: 'Pay 900 EUR' }],
      changedPages: 1,
    });
    expect(r1.changedTypes).toEqual({ Stream: 1, PageContents: 1 });
  });
});

describe('revisionTexts', () => {
  it('gives the text of each saved revision, so an update can be diffed', async () => {
    const { base, upd } = amountChanged();
    const { out } = await run(upd.bytes);
    const texts = await revisionTexts(upd.bytes, out!.facts!, DEFAULT_LIMITS);
    expect(texts.map((t) => [t.index, t.start, t.end, t.text.trim(), t.pages])).toEqual([
      [0, 0, base.bytes.length, 'Pay 100 EUR', 1],
      [1, base.bytes.length, upd.bytes.length, 'Pay 900 EUR', 1],
    ]);
    // the API calls it with a ByteSource and the limits only: same result
    expect(await revisionTexts(new BufferSource(upd.bytes), DEFAULT_LIMITS)).toEqual(texts);
  });
});

describe('hostile PDFs: bounded, no crash', () => {
  const bounded = async (bytes: Uint8Array) => {
    const t = performance.now();
    const r = await run(bytes);
    return { ...r, ms: performance.now() - t };
  };

  it('a /Prev loop', async () => {
    const b = buildPdf(simpleObjects('loop'));
    const upd = appendUpdate(b, { 6: '<< /Producer (x) >>' }, { prev: 9999999999, trailer: '/Info 6 0 R' });
    const looped = Buffer.from(
      upd.bytes.toString('latin1').replace('/Prev 9999999999', `/Prev ${String(upd.xref).padStart(10, '0')}`),
      'latin1',
    );
    const r = await bounded(looped);
    expect(r.ms).toBeLessThan(20_000);
    expect(r.out!.facts!.pdf!.structureWarnings.join('\n')).toMatch(/loops back/);
  });

  it('a self-referencing object stream', async () => {
    const r = await bounded(buildXrefStreamPdf(simpleObjects(), { compressed: [2, 4], entryOverride: { 6: [2, 6, 0] } }).bytes);
    expect(r.ms).toBeLessThan(20_000);
    expect(r.out!.facts!.pdf!.structureWarnings.join('\n')).toMatch(/inside another object stream/);
  });

  it('a huge declared /Length', async () => {
    const r = await bounded(
      buildPdf({ ...simpleObjects(), 5: '<< /Length 99999999999 >>\nstream\nBT /F1 12 Tf (big) Tj ET\nendstream' }).bytes,
    );
    expect(r.ms).toBeLessThan(20_000);
    expect(r.out!.facts!.pdf!.revisions).toHaveLength(1);
  });

  it('a truncated file', async () => {
    const full = documentWithMetadata().bytes;
    const r = await bounded(full.subarray(0, Math.floor(full.length / 2)));
    expect(r.ms).toBeLessThan(20_000);
    expect(r.out!.facts!.pdf!.structureWarnings.join('\n')).toMatch(/no %%EOF/);
  });

  it('a file named .pdf that is not a PDF', async () => {
    for (const junk of [
      Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR'),
      Buffer.from('just some text, not a document\n'.repeat(100)),
      Buffer.alloc(0),
    ]) {
      const r = await bounded(junk);
      expect(r.ms).toBeLessThan(20_000);
      expect(r.error?.code).toBe('unsupported');
      expect(r.error?.message).toMatch(/test\.pdf: .*no %PDF- header/);
      expect(r.out!.facts!.pdf!.headerVersion).toBeUndefined();
    }
  });
});

describe.skipIf(corpusMissing())('pdfExtractor on corpus files', () => {
  const file = (rel: string) => readFileSync(corpusPath(rel));

  it('a user password: ExtractError "encrypted" with the structure kept (pypdf r6-user-password.pdf, AES-256)', async () => {
    const { out, error } = await run(file('pdf/pypdf-encryption/r6-user-password.pdf'));
    expect(error?.code).toBe('encrypted');
    expect(error?.message).toMatch(/r6|test\.pdf/);
    expect(out!.facts!.pdf).toMatchObject({ encrypted: true, passwordProtected: true, encryption: { filter: 'Standard', v: 5, r: 6 } });
    expect(out!.facts!.pdf!.revisions).toHaveLength(1);
    expect(out!.text).toBeUndefined();
    // its owner password is empty: the structure reader still reads the Info
    expect(out!.metadata).toContainEqual({ source: 'pdf.info', key: 'Creator', value: 'WPS Writer' });
    expect(out!.metadata).toContainEqual({ source: 'pdf', key: 'EncryptionKey', value: 'empty-owner-password' });
  });

  it('an owner password only: opened with the empty user password, text read (pypdf r6-owner-password.pdf)', async () => {
    const { out, error } = await run(file('pdf/pypdf-encryption/r6-owner-password.pdf'));
    expect(error).toBeUndefined();
    expect(out!.facts!.pdf).toMatchObject({ encrypted: true, encryption: { r: 6 } });
    expect(out!.facts!.pdf!.passwordProtected).toBeUndefined();
    expect(out!.text!.length).toBeGreaterThan(0);
  });

  it('Info and XMP titles that disagree are both kept (Tika testPDF_diffTitles.pdf)', async () => {
    const { out } = await run(file('pdf/tika/testPDF_diffTitles.pdf'));
    expect(out!.facts!.pdf!.info.Title).toBe('this is a new title');
    expect(out!.metadata).toContainEqual({ source: 'pdf.xmp', key: 'dc:title', value: 'Sample Title' });
    expect(out!.title).toBe('this is a new title');
  });

  it('a signed file: signature facts and the signing date (pdf.js bug854315.pdf)', async () => {
    const { out } = await run(file('pdf/pdfjs/bug854315.pdf'));
    const pdf = out!.facts!.pdf!;
    expect(pdf.signatures.length).toBeGreaterThan(0);
    expect(pdf.signatures[0].byteRange).toHaveLength(4);
    expect(out!.facts!.dates!.some((d) => d.role === 'signed' && d.source === 'pdf.sig:M')).toBe(
      pdf.signatures.some((s) => !!s.signingTimeRaw),
    );
  });

  it('fonts: embedded subsets and non-embedded fonts (Cabinet of Horrors)', async () => {
    const notEmbedded = (await run(file('pdf/format-corpus/cabinet-of-horrors/text_only_fontsNotEmbedded.pdf'))).out!.facts!.fonts!;
    expect(notEmbedded.length).toBeGreaterThan(0);
    expect(notEmbedded.every((f) => f.embedded === false)).toBe(true);
    const subset = (await run(file('pdf/format-corpus/cabinet-of-horrors/text_only_fontsEmbeddedSubset.pdf'))).out!.facts!.fonts!;
    expect(subset.length).toBeGreaterThan(0);
    expect(subset.every((f) => f.embedded && f.subset && !/^[A-Z]{6}\+/.test(f.name))).toBe(true);
    const arial = (await run(file('pdf/format-corpus/cabinet-of-horrors/test_fontArialNotEmbedded.pdf'))).out!.facts!.fonts!;
    expect(arial.some((f) => /Arial/.test(f.name) && f.embedded === false)).toBe(true);
  });

  it('JavaScript and attachments are flagged (Cabinet of Horrors javascript.pdf, fileAttachment.pdf)', async () => {
    expect((await run(file('pdf/format-corpus/cabinet-of-horrors/javascript.pdf'))).out!.facts!.pdf!.javascript).toBe(true);
    const att = (await run(file('pdf/format-corpus/cabinet-of-horrors/fileAttachment.pdf'))).out!.facts!.pdf!;
    expect(att.embeddedFiles).toBeGreaterThan(0);
    // Acrobat adds a document-level script ("FileAttachmentsCompatibility") next to attachments
    expect(att.javascript).toBe(true);
    const plain = (await run(file('pdf/format-corpus/cabinet-of-horrors/text_only_fontsEmbeddedAll.pdf'))).out!.facts!.pdf!;
    expect(plain).toMatchObject({ javascript: false, embeddedFiles: 0, launchActions: false });
  });
});
